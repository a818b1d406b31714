// The moderation page holds one form per standard (and one per agreed grade),
// whose fields carry the standard's code in their ids ("rationale-3") while the
// server names errors by field ("rationale"). The error summary links to ids:
// these give it the ids the page really has.

/** Errors of a standard's form (`code`), keyed by the ids of its fields on the page. */
export function standardErrorIds(code: string, errors: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(errors).map(([name, message]) => {
			if (name === '_form') return [name, message];
			const perRequirement = /^(grade|rationale)-(.+)$/.exec(name);
			return [perRequirement ? `${perRequirement[1]}-${code}-${perRequirement[2]}` : `${name}-${code}`, message];
		})
	);
}

/** The form `code` on the moderation page names ("review", a standard's code, or "agree-" and one): its errors keyed by field ids. */
export function summaryErrors(code: string, errors: Record<string, string>): Record<string, string> {
	if (code === 'review') return errors;
	if (code.startsWith('agree-')) return Object.fromEntries(Object.entries(errors).map(([name, message]) => [name === '_form' ? name : `${name}-${code.slice('agree-'.length)}`, message]));
	return standardErrorIds(code, errors);
}
