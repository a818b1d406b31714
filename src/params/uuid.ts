import type { ParamMatcher } from '@sveltejs/kit';

// A malformed id never reaches the database: it is simply not a route (404).
export const match: ParamMatcher = (param) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(param);
