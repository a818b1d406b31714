import type { ParamMatcher } from '@sveltejs/kit';

// Standard and requirement codes as templates write them: 1, 1.2, A, B.3.
export const match: ParamMatcher = (param) => /^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,3}$/.test(param);
