// The GOV.UK character count's words, for the page as it is typed and for tests.
import { plural } from './text';

/** The GOV.UK character count's message for text of `length` characters against a limit of `max`. */
export function characterCountMessage(length: number, max: number): string {
	const left = max - length;
	const n = plural(Math.abs(left), 'character');
	return left >= 0 ? `You have ${n} remaining` : `You have ${n} too many`;
}
