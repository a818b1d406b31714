import { describe, expect, it } from 'vitest';
import { readAnswerForm, readChallengeFilter, readDecisionForm, readRaiseForm } from '../../../src/lib/domain/challenge-forms';

const form = (fields: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) f.append(k, item);
	return f;
};
const ORG = '0f8fad5b-d9cb-469f-a165-70867728950e';
const DUE = { 'dueOn-day': '3', 'dueOn-month': '2', 'dueOn-year': '2027' };

describe('raising a challenge', () => {
	it('reads a whole form, with optional references left empty', () => {
		expect(readRaiseForm(form({ organisation: ORG, source: 'moderation', text: '  Show the audit  ', ...DUE, actionClosureRequired: 'yes' }))).toEqual({
			ok: true,
			data: { organisationId: ORG, cycleId: null, submissionId: null, standardCode: null, requirementCode: null, source: 'moderation', text: 'Show the audit', dueOn: '2027-02-03', actionClosureRequired: true }
		});
	});
	it('names every field that cannot be right', () => {
		const r = readRaiseForm(form({ organisation: 'nope', source: 'gossip', text: ' ', standard: 'a b', 'dueOn-day': '30', 'dueOn-month': '2', 'dueOn-year': '2027' }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['dueOn', 'organisation', 'source', 'standard', 'text']);
	});
});

describe('answering', () => {
	it('needs text; documents must be ids', () => {
		expect(readAnswerForm(form({ text: '' }))).toMatchObject({ ok: false, errors: { text: 'Enter your answer' } });
		expect(readAnswerForm(form({ text: 'x', documents: ['../etc'] }))).toMatchObject({ ok: false, errors: { documents: expect.any(String) } });
		expect(readAnswerForm(form({ text: 'x', documents: [ORG, ORG] }))).toEqual({ ok: true, data: { text: 'x', documentIds: [ORG], actionId: null } });
	});
});

describe('deciding', () => {
	it('a further challenge needs its text and a new due date; closing needs neither', () => {
		expect(readDecisionForm(form({ decision: 'further' }))).toMatchObject({ ok: false, errors: { text: 'Enter the further challenge', newDueOn: 'Enter the new due date' } });
		expect(readDecisionForm(form({ decision: 'close', action: 'none', closureConfirmed: 'yes' }))).toMatchObject({ ok: true, data: { decision: 'close', text: '', actionId: null, closureConfirmed: true } });
	});
	it('keeps the linked action when the field is absent or empty, unlinks on "none", links an id', () => {
		expect(readDecisionForm(form({ decision: 'accept' }))).toMatchObject({ ok: true, data: { actionId: undefined } });
		expect(readDecisionForm(form({ decision: 'accept', action: '' }))).toMatchObject({ ok: true, data: { actionId: undefined } });
		expect(readDecisionForm(form({ decision: 'accept', action: ORG }))).toMatchObject({ ok: true, data: { actionId: ORG } });
		expect(readDecisionForm(form({ decision: 'maybe' }))).toMatchObject({ ok: false, errors: { decision: 'Choose a decision' } });
	});
});

describe('list filters', () => {
	it('ignores values that cannot be right instead of failing', () => {
		expect(readChallengeFilter(new URLSearchParams('organisation=x&status=lost&standard=%3Cb%3E&source=rumour&page=-1&overdue=yes'))).toEqual({
			organisation: '', status: '', standard: '', cycle: '', source: '', overdue: true, page: 1
		});
		expect(readChallengeFilter(new URLSearchParams(`organisation=${ORG}&status=not_closed&standard=3&source=board_meeting&page=2`))).toMatchObject({
			organisation: ORG, status: 'not_closed', standard: '3', source: 'board_meeting', overdue: false, page: 2
		});
	});
});
