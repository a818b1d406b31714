// JSON that is the same for the same data, whatever order its object keys were
// built or stored in (jsonb hands keys back in an order of its own).

/** The value with every object's keys sorted, at every depth. */
export function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
}

export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value));
