import { describe, expect, it } from 'vitest';
import {
	acceptProblems, afterResubmission, gradeGap, hasChangeRequest, hasThinEvidence, isEditable, MODERATION_STATES, MODERATION_STEPS, nextState, REVIEW_CRITERIA, standardSelfGrade,
	type Criteria, type ModerationState, type ModerationStep, type StandardModeration
} from '../../../src/lib/domain/moderation';
import { applyWorkspaceQuery, readWorkspaceQuery, workspaceView, type WorkspaceInput } from '../../../src/lib/domain/moderation-workspace';
import { SCALE_PRESETS } from '../../../src/lib/domain/scales';
import type { Scale } from '../../../src/lib/domain/template';

const fourPoint = SCALE_PRESETS['four-point'] as unknown as Scale; // 1 best … 4 worst, lower is better
const rag = SCALE_PRESETS.rag as unknown as Scale; // green best, higher score is better

describe('moderation states', () => {
	const allowed: Record<ModerationStep, [ModerationState, ModerationState][]> = {
		request_changes: [['awaiting', 'changes_requested']],
		accept: [['awaiting', 'accepted'], ['changes_requested', 'accepted']],
		send_back: [['accepted', 'awaiting']],
		complete: [['accepted', 'completed']]
	};
	for (const step of MODERATION_STEPS) {
		for (const from of MODERATION_STATES) {
			const to = allowed[step].find(([f]) => f === from)?.[1] ?? null;
			it(`${step} from ${from} ${to ? `goes to ${to}` : 'is refused'}`, () => expect(nextState(from, step)).toBe(to));
		}
	}

	it('a resubmission sends an open moderation back to the moderator and leaves a completed one alone', () => {
		expect(afterResubmission('changes_requested')).toBe('awaiting');
		expect(afterResubmission('accepted')).toBe('awaiting');
		expect(afterResubmission('awaiting')).toBe('awaiting');
		expect(afterResubmission('completed')).toBe('completed');
	});

	it('grades can change only until the moderation is accepted', () => {
		expect(MODERATION_STATES.filter(isEditable)).toEqual(['awaiting', 'changes_requested']);
	});
});

describe('a standard’s self grade', () => {
	it('is the middle grade of its requirements, best first', () => {
		expect(standardSelfGrade(fourPoint, ['1', '2', '4'])).toBe('2');
		expect(standardSelfGrade(rag, ['red', 'green', 'green', 'amber', 'green'])).toBe('green');
	});
	it('takes the weaker of the two middle grades when there is an even number', () => {
		expect(standardSelfGrade(fourPoint, ['1', '2'])).toBe('2');
		expect(standardSelfGrade(rag, ['green', 'amber', 'green', 'red'])).toBe('amber');
	});
	it('ignores not applicable, ungraded and unknown grades', () => {
		expect(standardSelfGrade(fourPoint, ['na', null, '3', 'x'])).toBe('3');
		expect(standardSelfGrade(fourPoint, ['na', null])).toBeNull();
	});
});

describe('the gap between self and moderated grade', () => {
	it('counts steps of the scale, positive when the moderated grade is weaker', () => {
		expect(gradeGap(fourPoint, '1', '3')).toBe(2);
		expect(gradeGap(fourPoint, '3', '2')).toBe(-1);
		expect(gradeGap(rag, 'green', 'red')).toBe(2);
		expect(gradeGap(rag, 'amber', null)).toBeNull();
	});
});

describe('accepting a moderation', () => {
	const standards = [
		{ code: '1', title: 'One', requirementCodes: ['1.1', '1.2'] },
		{ code: '2', title: 'Two', requirementCodes: ['2.1'] }
	];
	const m = (code: string, over: Partial<StandardModeration> = {}): [string, StandardModeration] => [code, { code, grade: '2', rationale: 'Evidence seen', requirementGrades: {}, changeRequest: '', ...over }];
	const allRated: Criteria = Object.fromEntries(REVIEW_CRITERIA.map((c) => [c.key, { rating: 'yes', comment: '' }]));

	it('needs a grade and a rationale for every standard and every criterion rated', () => {
		expect(acceptProblems(standards, new Map([m('1'), m('2')]), allRated, false)).toEqual([]);
		const problems = acceptProblems(standards, new Map([m('1', { rationale: '  ' })]), { complete: { rating: 'yes', comment: '' } }, false);
		expect(problems.map((p) => p.message)).toEqual(['Standard 1 needs a rationale for its moderated grade', 'Standard 2 has no moderated grade', 'Rate every review criterion (5 not rated)']);
	});

	it('needs every requirement graded where the template moderates requirements', () => {
		const one = m('1', { requirementGrades: { '1.1': { grade: '2', rationale: 'ok' } } });
		const problems = acceptProblems(standards, new Map([one, m('2', { requirementGrades: { '2.1': { grade: '1', rationale: 'ok' } } })]), allRated, true);
		expect(problems.map((p) => p.message)).toEqual(['Standard 1: requirements 1.2 need a moderated grade and rationale']);
	});

	it('changes can be requested only with something to change', () => {
		expect(hasChangeRequest([m('1')[1], m('2', { changeRequest: ' ' })[1]])).toBe(false);
		expect(hasChangeRequest([m('1', { changeRequest: 'Add the minutes' })[1]])).toBe(true);
	});
});

describe('the workspace', () => {
	const row = (name: string, over: Partial<WorkspaceInput> = {}): WorkspaceInput => ({
		submissionId: name, organisationId: name, organisationName: name, sector: 'health', version: 1, submittedAt: '2026-11-01T10:00:00Z', late: false,
		state: 'awaiting', moderatorId: null, moderatorName: null, requirements: { '1': [{ grade: '2', evidence: 1 }] }, moderated: {}, evidenceCount: 1, personalData: false, ...over
	});
	const views = [
		row('Beta', { requirements: { '1': [{ grade: '1', evidence: 0 }] }, moderated: { '1': '3' }, state: 'accepted' }),
		row('alpha', { late: true, version: 2, sector: 'police', moderatorId: 'm1', moderatorName: 'Tom' }),
		row('Gamma', { personalData: true, requirements: { '1': [{ grade: '4', evidence: 2 }] } })
	].map((r) => workspaceView(fourPoint, ['1'], r));

	it('flags strong grades without evidence, personal data, late and resubmitted returns', () => {
		expect(Object.fromEntries(views.map((v) => [v.organisationName, v.flags]))).toEqual({ Beta: ['thin_evidence'], alpha: ['late', 'resubmitted'], Gamma: ['personal_data'] });
		expect(hasThinEvidence(fourPoint, [{ grade: '3', evidence: 0 }])).toBe(false);
		expect(views[0].largestGap).toBe(2);
	});

	it('filters and sorts as the query string asks, ignoring what it does not know', () => {
		const q = (s: string) => applyWorkspaceQuery(fourPoint, views, readWorkspaceQuery(new URLSearchParams(s), ['1'])).map((v) => v.organisationName);
		expect(q('')).toEqual(['alpha', 'Beta', 'Gamma']);
		expect(q('sort=standard:1')).toEqual(['Beta', 'alpha', 'Gamma']);
		expect(q('sort=standard:1&order=desc')).toEqual(['Gamma', 'alpha', 'Beta']);
		expect(q('state=accepted')).toEqual(['Beta']);
		expect(q('moderator=none')).toEqual(['Beta', 'Gamma']);
		expect(q('flag=late&sector=police')).toEqual(['alpha']);
		expect(q('sort=standard:9&state=nonsense&flag=x')).toEqual(['alpha', 'Beta', 'Gamma']);
	});

	it('reads which page to show, page 1 for anything that is not a page number', () => {
		const page = (s: string) => readWorkspaceQuery(new URLSearchParams(s), ['1']).page;
		expect([page(''), page('page=3'), page('page=0'), page('page=-2'), page('page=2.5'), page('page=abc'), page('page=1e9')]).toEqual([1, 3, 1, 1, 1, 1, 1]);
	});
});
