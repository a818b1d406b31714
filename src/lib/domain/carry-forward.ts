// Carry-forward: a return against a new template version starts from the
// previous answers and open actions, matched by requirement code. Everything
// carried is marked for review; codes the new version no longer has are
// reported, not silently dropped.
import { allRequirements, gradeFor, type Template } from './template';
import { NOT_APPLICABLE, type ResponseState } from './completion';

export interface ActionState {
	requirementCode: string;
	description: string;
	owner: string;
	dueOn: string | null;
	status: 'not_started' | 'in_progress' | 'done';
	progress: string;
}

export interface CarryForwardPlan {
	responses: ResponseState[];
	actions: ActionState[];
	/** Requirement codes answered before that the new version does not have. */
	dropped: string[];
}

export function planCarryForward(
	target: Template,
	previous: { responses: readonly ResponseState[]; actions: readonly ActionState[] }
): CarryForwardPlan {
	const codes = new Set(allRequirements(target).map((r) => r.code));
	const responses = previous.responses
		.filter((r) => codes.has(r.requirementCode) && (r.grade || r.narrative.trim()))
		.map((r) => ({
			...r,
			// A grade the new scale does not have cannot be kept; the narrative still can.
			grade: r.grade === NOT_APPLICABLE || gradeFor(target.scale, r.grade) ? r.grade : null,
			carriedForward: true
		}));
	const actions = previous.actions.filter((a) => a.status !== 'done' && codes.has(a.requirementCode));
	const dropped = [
		...new Set(
			[...previous.responses.map((r) => r.requirementCode), ...previous.actions.filter((a) => a.status !== 'done').map((a) => a.requirementCode)].filter(
				(c) => !codes.has(c)
			)
		)
	].sort();
	return { responses, actions, dropped };
}
