// The challenge log's rules, with no I/O: the states a challenge moves
// through, who may take each step from where, and when it is overdue.
import { z } from 'zod';
import { plainText } from './text';

export const CHALLENGE_STATUSES = ['open', 'answered', 'escalated', 'accepted', 'closed'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export const CHALLENGE_STATUS_LABELS: Record<ChallengeStatus, string> = {
	open: 'Waiting for the organisation',
	answered: 'Answered: waiting for the chair',
	escalated: 'Escalated',
	accepted: 'Answer accepted',
	closed: 'Closed'
};

export const CHALLENGE_STATUS_COLOURS = {
	open: 'blue',
	answered: 'purple',
	escalated: 'orange',
	accepted: 'green',
	closed: 'grey'
} as const satisfies Record<ChallengeStatus, string>;

export const CHALLENGE_SOURCES = ['moderation', 'challenge_event', 'board_meeting', 'other'] as const;
export type ChallengeSource = (typeof CHALLENGE_SOURCES)[number];

export const CHALLENGE_SOURCE_LABELS: Record<ChallengeSource, string> = {
	moderation: 'Moderation',
	challenge_event: 'Challenge event',
	board_meeting: 'Board meeting',
	other: 'Other'
};

export const STEP_KINDS = ['raise', 'answer', 'accept', 'further', 'escalate', 'close'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** The chair's decisions on a challenge. */
export const DECISIONS = ['accept', 'further', 'escalate', 'close'] as const;
export type Decision = (typeof DECISIONS)[number];

export const STEP_LABELS: Record<StepKind, string> = {
	raise: 'Challenge raised',
	answer: 'Organisation answered',
	accept: 'Answer accepted',
	further: 'Further challenge',
	escalate: 'Escalated',
	close: 'Closed'
};

export const DECISION_LABELS: Record<Decision, string> = {
	accept: 'Accept the answer',
	further: 'Challenge further (a new due date)',
	escalate: 'Escalate',
	close: 'Close the challenge'
};

/**
 * Where each step may be taken from, and the state it leads to. An answer
 * comes while the organisation is asked (open, including after a further
 * challenge) or when escalated. The chair accepts only an answer; challenges
 * further after an answer or an escalation; escalates an unanswered or answered
 * one; closes anything not yet closed. Accepting is not the end: the chair then
 * closes (at once, or once the linked action is done).
 */
const TRANSITIONS: Record<Exclude<StepKind, 'raise'>, { from: readonly ChallengeStatus[]; to: ChallengeStatus }> = {
	answer: { from: ['open', 'escalated'], to: 'answered' },
	accept: { from: ['answered'], to: 'accepted' },
	further: { from: ['answered', 'escalated'], to: 'open' },
	escalate: { from: ['open', 'answered'], to: 'escalated' },
	close: { from: ['open', 'answered', 'escalated', 'accepted'], to: 'closed' }
};

export type Transition = { ok: true; to: ChallengeStatus } | { ok: false; message: string };

export function transition(from: ChallengeStatus, step: StepKind): Transition {
	if (step === 'raise') return { ok: false, message: 'This challenge has already been raised' };
	const rule = TRANSITIONS[step];
	if (!rule.from.includes(from)) return { ok: false, message: refusal(from, step) };
	return { ok: true, to: rule.to };
}

function refusal(from: ChallengeStatus, step: StepKind): string {
	if (from === 'closed') return 'This challenge is closed';
	if (step === 'answer') return 'This challenge is not waiting for an answer';
	if (step === 'accept') return 'Only an answer can be accepted, and this challenge has no answer waiting';
	return `This challenge cannot be ${step === 'further' ? 'challenged further' : step === 'escalate' ? 'escalated' : 'closed'} now (it is ${CHALLENGE_STATUS_LABELS[from].toLowerCase()})`;
}

/** The steps the chair may take from a state, for the decision form. */
export const decisionsFrom = (status: ChallengeStatus): Decision[] => DECISIONS.filter((d) => transition(status, d).ok);

export const canAnswerFrom = (status: ChallengeStatus): boolean => transition(status, 'answer').ok;

/** Whether the organisation is the one expected to act. */
export const waitsForOrganisation = (status: ChallengeStatus): boolean => status === 'open' || status === 'escalated';

/** Overdue: its due date (UK) has passed while the organisation is still expected to act. Derived, never stored. */
export function isOverdue(challenge: { status: ChallengeStatus; dueOn: string }, today: string): boolean {
	return waitsForOrganisation(challenge.status) && challenge.dueOn < today;
}

/** Closing a challenge whose action must be done first: the action's state and the chair's confirmation. */
export function closureProblem(
	challenge: { actionClosureRequired: boolean },
	action: { status: string } | null,
	confirmed: boolean
): string | null {
	if (!challenge.actionClosureRequired) return null;
	if (!action) return 'Closing this challenge needs the action that addresses it: link an action first';
	if (action.status !== 'done') return 'The linked action is not done yet: it must be done before this challenge can be closed';
	if (!confirmed) return 'Confirm that you have seen the evidence that the action is done';
	return null;
}

export const challengeText = (message: string) =>
	plainText({ error: message }).trim().min(1, { error: message }).max(4000, { error: 'Keep it to 4,000 characters or fewer' });

export const isChallengeStatus = (v: string): v is ChallengeStatus => (CHALLENGE_STATUSES as readonly string[]).includes(v);
export const isChallengeSource = (v: string): v is ChallengeSource => (CHALLENGE_SOURCES as readonly string[]).includes(v);
export const isDecision = (v: string): v is Decision => (DECISIONS as readonly string[]).includes(v);

/** A challenge as a list shows it. */
export interface ChallengeRow {
	id: string;
	href: string;
	organisationName: string;
	partnershipName: string;
	about: string;
	text: string;
	source: ChallengeSource;
	dueOn: string;
	status: ChallengeStatus;
	overdue: boolean;
}

/** The status filter's choices: any, not closed, or one status. */
export const STATUS_FILTER_ITEMS = [
	{ value: '', label: 'Any status' },
	{ value: 'not_closed', label: 'Not closed' },
	...CHALLENGE_STATUSES.map((s) => ({ value: s, label: CHALLENGE_STATUS_LABELS[s] }))
];
