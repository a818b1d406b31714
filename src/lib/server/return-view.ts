// What the return's pages show, computed once from the template and answers.
import { byRequirement, standardProgress, type StandardProgress } from '../domain/completion';
import { ukToday } from '../domain/cycles';
import { actionOverdue } from '../domain/actions';
import { listResponses, type LiveReturn, type StoredResponse } from './returns';
import { listActions, type StoredAction } from './actions';
import { evidenceCounts } from './evidence-links';
import { db } from './runtime';

export interface ReturnState {
	responses: StoredResponse[];
	actions: StoredAction[];
	progress: StandardProgress[];
	carriedForward: number;
}

export async function returnState(ret: LiveReturn): Promise<ReturnState> {
	const [responses, actions, counts] = await Promise.all([listResponses(db(), ret.id), listActions(db(), ret.id), evidenceCounts(db(), ret.id)]);
	const progress = standardProgress({ template: ret.template.definition, evidenceCounts: counts }, byRequirement(responses));
	return { responses, actions, progress, carriedForward: responses.filter((r) => r.carriedForward).length };
}

export const isOverdue = (a: { dueOn: string | null; status: string }, today = ukToday()) => actionOverdue(a, today);
