import type { ParamMatcher } from '@sveltejs/kit';
import { isCycleSheet } from '$lib/domain/exports';

// The sheets of a cycle's export: organisations, responses, actions, challenges, moderation.
export const match: ParamMatcher = (param) => isCycleSheet(param);
