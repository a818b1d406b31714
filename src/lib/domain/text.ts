import { z } from 'zod';

/** Trimmed text with a required message and a maximum length. */
export const requiredText = (message: string, max = 200) =>
	z
		.string({ error: message })
		.trim()
		.min(1, { error: message })
		.max(max, { error: `Must be ${max} characters or fewer` });

export const optionalText = (max = 500, label = 'This') =>
	z
		.string()
		.trim()
		.max(max, { error: `${label} must be ${max} characters or fewer` })
		.optional()
		.transform((v) => v ?? '');

export const emailAddress = z
	.string({ error: 'Enter an email address' })
	.trim()
	.min(1, { error: 'Enter an email address' })
	.max(254, { error: 'Email address must be 254 characters or fewer' })
	.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: 'Enter an email address in the correct format, like name@example.org' })
	.transform((v) => v.toLowerCase());

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
