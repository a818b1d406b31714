// A cycle's return rate: submitted against expected, overall, by sector and by
// school phase, on time or not, and who has not returned yet. Pure: no I/O.
import { PARTICIPANT_STATE_LABELS, type ParticipantState } from '../cycles';
import { PHASE_LABELS, PHASE_UNKNOWN_LABEL, SCHOOL_PHASES, SECTOR_LABELS, SECTORS, type OrganisationKind, type SchoolPhase, type Sector } from '../organisations';
import { share, type Share } from './shares';

/** What the portal asks of every cycle: every participant returns (the seeds' "against a required 100%"). */
export const RETURN_TARGET = 100;

export interface RateParticipant {
	organisationId: string;
	name: string;
	kind: OrganisationKind;
	sector: Sector;
	phase: SchoolPhase | null;
	deadline: string;
	state: ParticipantState;
}

export interface RateRow {
	key: string;
	label: string;
	returned: Share;
}

export const TIMELINESS = [
	{ key: 'onTime', label: 'Returned on time' },
	{ key: 'late', label: 'Returned late' },
	{ key: 'overdue', label: 'Overdue' },
	{ key: 'notYetDue', label: 'Not yet due' }
] as const;
export type Timeliness = (typeof TIMELINESS)[number]['key'];

export interface Outstanding {
	organisationId: string;
	name: string;
	sector: string;
	deadline: string;
	state: ParticipantState;
	stateLabel: string;
	/** Whole days past the deadline (UK calendar days); 0 while not yet due. */
	daysOverdue: number;
}

export interface ReturnRate {
	overall: Share;
	bySector: RateRow[];
	/** Schools only; empty when the cycle has none. */
	byPhase: RateRow[];
	timeliness: Record<Timeliness, Share>;
	/** Not returned yet, most overdue first. */
	outstanding: Outstanding[];
}

const returned = (s: ParticipantState) => s === 'submitted' || s === 'late';

const TIMELINESS_OF: Record<ParticipantState, Timeliness> = { submitted: 'onTime', late: 'late', overdue: 'overdue', in_progress: 'notYetDue', not_started: 'notYetDue' };

/** Calendar days from one 'YYYY-MM-DD' to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function rows<K extends string>(participants: readonly RateParticipant[], keyOf: (p: RateParticipant) => K, order: readonly K[], label: (k: K) => string): RateRow[] {
	const groups = new Map<K, RateParticipant[]>();
	for (const p of participants) groups.set(keyOf(p), [...(groups.get(keyOf(p)) ?? []), p]);
	return order
		.filter((k) => groups.has(k))
		.map((k) => {
			const g = groups.get(k)!;
			return { key: k, label: label(k), returned: share(g.filter((p) => returned(p.state)).length, g.length) };
		});
}

export function returnRate(participants: readonly RateParticipant[], today: string): ReturnRate {
	const n = participants.length;
	const timeliness = Object.fromEntries(TIMELINESS.map((t) => [t.key, share(participants.filter((p) => TIMELINESS_OF[p.state] === t.key).length, n)])) as Record<Timeliness, Share>;
	const schools = participants.filter((p) => p.kind === 'school');
	const outstanding = participants
		.filter((p) => !returned(p.state))
		.map((p) => ({
			organisationId: p.organisationId,
			name: p.name,
			sector: SECTOR_LABELS[p.sector],
			deadline: p.deadline,
			state: p.state,
			stateLabel: PARTICIPANT_STATE_LABELS[p.state],
			daysOverdue: Math.max(0, daysBetween(p.deadline, today))
		}))
		.sort((a, b) => b.daysOverdue - a.daysOverdue || a.deadline.localeCompare(b.deadline) || a.name.localeCompare(b.name));
	return {
		overall: share(participants.filter((p) => returned(p.state)).length, n),
		bySector: rows(participants, (p) => p.sector, SECTORS, (k) => SECTOR_LABELS[k]),
		byPhase: rows(schools, (p) => p.phase ?? 'unknown', [...SCHOOL_PHASES, 'unknown'] as const, (k) => (k === 'unknown' ? PHASE_UNKNOWN_LABEL : PHASE_LABELS[k])),
		timeliness,
		outstanding
	};
}
