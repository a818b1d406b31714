import { describe, expect, it } from 'vitest';
import {
	CHALLENGE_STATUSES,
	STEP_KINDS,
	closureProblem,
	decisionsFrom,
	isOverdue,
	transition,
	type ChallengeStatus,
	type StepKind
} from '../../../src/lib/domain/challenges';

// Every (state, step) pair: the allowed ones with where they lead, everything else refused.
const ALLOWED: Partial<Record<`${ChallengeStatus}:${StepKind}`, ChallengeStatus>> = {
	'open:answer': 'answered',
	'escalated:answer': 'answered',
	'answered:accept': 'accepted',
	'answered:further': 'open',
	'escalated:further': 'open',
	'open:escalate': 'escalated',
	'answered:escalate': 'escalated',
	'open:close': 'closed',
	'answered:close': 'closed',
	'escalated:close': 'closed',
	'accepted:close': 'closed'
};

describe('challenge state machine', () => {
	for (const from of CHALLENGE_STATUSES) {
		for (const step of STEP_KINDS) {
			const to = ALLOWED[`${from}:${step}`];
			it(`${step} from ${from}: ${to ? `leads to ${to}` : 'refused'}`, () => {
				const result = transition(from, step);
				if (to) expect(result).toEqual({ ok: true, to });
				else {
					expect(result.ok).toBe(false);
					if (!result.ok) expect(result.message).toMatch(/\w/);
				}
			});
		}
	}

	it('a closed challenge refuses everything and says it is closed', () => {
		for (const step of STEP_KINDS.filter((s) => s !== 'raise')) {
			expect(transition('closed', step)).toEqual({ ok: false, message: 'This challenge is closed' });
		}
	});

	it('offers the chair only the decisions the state allows', () => {
		expect(decisionsFrom('answered')).toEqual(['accept', 'further', 'escalate', 'close']);
		expect(decisionsFrom('open')).toEqual(['escalate', 'close']);
		expect(decisionsFrom('escalated')).toEqual(['further', 'close']);
		expect(decisionsFrom('accepted')).toEqual(['close']);
		expect(decisionsFrom('closed')).toEqual([]);
	});
});

describe('overdue', () => {
	const today = '2026-12-01';
	it('is a due date before today while the organisation is expected to act', () => {
		expect(isOverdue({ status: 'open', dueOn: '2026-11-30' }, today)).toBe(true);
		expect(isOverdue({ status: 'escalated', dueOn: '2026-11-30' }, today)).toBe(true);
	});
	it('is not overdue on the due date itself, or later', () => {
		expect(isOverdue({ status: 'open', dueOn: today }, today)).toBe(false);
		expect(isOverdue({ status: 'open', dueOn: '2026-12-02' }, today)).toBe(false);
	});
	it('is never overdue once answered, accepted or closed', () => {
		for (const status of ['answered', 'accepted', 'closed'] as const) expect(isOverdue({ status, dueOn: '2020-01-01' }, today)).toBe(false);
	});
});

describe('closing with an action that must be done', () => {
	it('needs nothing when closure is not required', () => {
		expect(closureProblem({ actionClosureRequired: false }, null, false)).toBeNull();
	});
	it('needs a linked action, done, and the confirmation', () => {
		const required = { actionClosureRequired: true };
		expect(closureProblem(required, null, true)).toMatch(/link an action/);
		expect(closureProblem(required, { status: 'in_progress' }, true)).toMatch(/not done/);
		expect(closureProblem(required, { status: 'done' }, false)).toMatch(/Confirm/);
		expect(closureProblem(required, { status: 'done' }, true)).toBeNull();
	});
});
