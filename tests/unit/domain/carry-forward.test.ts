import { describe, expect, it } from 'vitest';
import { planCarryForward, type ActionState } from '../../../src/lib/domain/carry-forward';
import type { ResponseState } from '../../../src/lib/domain/completion';
import { SCALE_PRESETS } from '../../../src/lib/domain/scales';
import { shippedTemplate } from '../../helpers/templates';

const before = shippedTemplate('section-11');
const answer = (code: string, grade: string | null, narrative = 'our narrative'): ResponseState => ({ requirementCode: code, grade, naReason: '', narrative, carriedForward: false });
const action = (code: string, status: ActionState['status']): ActionState => ({ requirementCode: code, description: `do ${code}`, owner: 'me', dueOn: null, status, progress: '' });

describe('carry-forward to a new template version', () => {
	const after = shippedTemplate('section-11');
	after.version = 2;
	after.standards[0].requirements.shift(); // 1.1 removed
	after.standards[0].requirements[0].text = 'Reworded: answers still carry by code';

	it('keeps answers and open actions matched by requirement code, marked for review', () => {
		const plan = planCarryForward(after, {
			responses: [answer('1.1', '2'), answer('1.2', '3'), answer('2.1', '1'), answer('7.1', null, '')],
			actions: [action('1.2', 'in_progress'), action('2.1', 'done'), action('1.1', 'not_started')]
		});
		expect(plan.responses.map((r) => [r.requirementCode, r.grade, r.carriedForward])).toEqual([
			['1.2', '3', true],
			['2.1', '1', true]
		]);
		expect(plan.actions.map((a) => a.requirementCode)).toEqual(['1.2']);
		expect(plan.dropped).toEqual(['1.1']);
	});

	it('keeps the narrative but drops a grade the new scale does not have', () => {
		const rag = shippedTemplate('section-11');
		rag.scale = structuredClone(SCALE_PRESETS.rag);
		const plan = planCarryForward(rag, { responses: [answer('1.2', '2', 'still true')], actions: [] });
		expect(plan.responses[0]).toMatchObject({ grade: null, narrative: 'still true', carriedForward: true });
	});

	it('is a no-op for identical versions with no answers', () => {
		expect(planCarryForward(before, { responses: [], actions: [] })).toEqual({ responses: [], actions: [], dropped: [] });
	});
});
