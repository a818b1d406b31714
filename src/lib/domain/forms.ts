import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
	| { ok: true; data: T }
	| { ok: false; values: Record<string, string>; errors: FieldErrors };

/** The form's text fields, for echoing back after an error (files and passwords left out). */
export function formValues(form: FormData, omit: readonly string[] = []): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !omit.includes(key) && !(key in values)) values[key] = value;
	}
	return values;
}

/** The first message per field, keyed by the field's name (nested paths joined with dots). */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.join('.') : '_form';
		errors[key] ??= issue.message;
	}
	return errors;
}

/**
 * Validates a posted form with a zod schema shared with the page. Multi-value
 * fields (checkboxes) come through as arrays when `arrays` names them.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	options: { arrays?: readonly string[]; omitFromValues?: readonly string[] } = {}
): FormResult<z.infer<S>> {
	const input: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		input[key] = options.arrays?.includes(key) ? all : all[0];
	}
	for (const key of options.arrays ?? []) input[key] ??= [];
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, data: parsed.data };
	return { ok: false, values: formValues(form, options.omitFromValues), errors: fieldErrors(parsed.error) };
}
