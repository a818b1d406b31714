import { fail } from '@sveltejs/kit';
import type { FieldErrors } from '../domain/forms';

/** What a page's `form` holds after a failed action: the values to echo back and an error per field. */
export interface FormState {
	values: Record<string, string>;
	errors: FieldErrors;
}

function asStrings(values: object): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) out[k] = String(v);
	return out;
}

/** `fail(status, …)` with one shape everywhere, so pages can read `form.errors.x` without narrowing. */
export function invalid<E extends object = object>(status: number, errors: FieldErrors, values: object = {}, extra?: E) {
	return fail(status, { values: asStrings(values), errors, ...(extra as E) } as FormState & E);
}
