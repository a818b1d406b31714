// The GOV.UK character count's words, for the page as it is typed and for tests.

/** The GOV.UK character count's message for text of `length` characters against a limit of `max`. */
export function characterCountMessage(length: number, max: number): string {
	const left = max - length;
	const n = Math.abs(left).toLocaleString('en-GB');
	if (left === 0) return 'You have 0 characters remaining';
	return left > 0 ? `You have ${n} character${left === 1 ? '' : 's'} remaining` : `You have ${n} character${left === -1 ? '' : 's'} too many`;
}
