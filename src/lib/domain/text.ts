import { z } from 'zod';

// Control characters nobody means to type (C0 other than tab, line feed and
// carriage return, and DEL): they arrive pasted from other systems or crafted.
// PostgreSQL refuses NUL outright, so they are taken out rather than refused,
// keeping the rest of what the person typed.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlCharacters(value: string): string {
	return value.replace(CONTROL_CHARACTERS, '');
}

/** Any typed text: a string without control characters. Every text field builds on this. */
export const plainText = (params?: { error?: string }) => z.string(params).overwrite(withoutControlCharacters);

/** Characters as the database counts them (code points, so an emoji is one). */
const characters = (value: string) => [...value].length;

/**
 * Trimmed text with a required message and a maximum length; `atLeast` gives a
 * minimum beyond one character (as a database check asks), named by `label`.
 */
export const requiredText = (message: string, max = 200, atLeast?: { min: number; label: string }) => {
	const schema = plainText({ error: message })
		.trim()
		.min(1, { error: message })
		.max(max, { error: `Must be ${max} characters or fewer` });
	if (!atLeast) return schema;
	return schema.refine((v) => v.length === 0 || characters(v) >= atLeast.min, {
		error: `${atLeast.label} must be ${atLeast.min} characters or more`
	});
};

export const optionalText = (max = 500, label = 'This') =>
	plainText()
		.trim()
		.max(max, { error: `${label} must be ${max} characters or fewer` })
		.optional()
		.transform((v) => v ?? '');

export const emailAddress = plainText({ error: 'Enter an email address' })
	.trim()
	.min(1, { error: 'Enter an email address' })
	.max(254, { error: 'Email address must be 254 characters or fewer' })
	.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: 'Enter an email address in the correct format, like name@example.org' })
	.transform((v) => v.toLowerCase());

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** A text filter from the query string (a search, a person): without control characters, trimmed, capped. */
export function queryText(params: URLSearchParams, name: string, max = 100): string {
	return withoutControlCharacters(params.get(name) ?? '')
		.trim()
		.slice(0, max);
}

const PLURAL_RULES = new Intl.PluralRules('en-GB');
const WHOLE_NUMBER = new Intl.NumberFormat('en-GB');

/** The noun for a count, when the number is shown apart: "row" for 1, "rows" for 0, 2 or more. */
export function pluralNoun(count: number, singular: string, many = `${singular}s`): string {
	return PLURAL_RULES.select(count) === 'one' ? singular : many;
}

/** A count with its noun: "1 row", "0 rows", "1,200 rows", "1 entry" / "3 entries" (given the plural). */
export function plural(count: number, singular: string, many = `${singular}s`): string {
	return `${WHOLE_NUMBER.format(count)} ${pluralNoun(count, singular, many)}`;
}

const LIST = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
	return LIST.format(items);
}
