// The columns of each sheet of a cycle's export, read from the rows the
// database gives (src/lib/server/cycle-export.ts). The workbook and each CSV
// are written from these definitions alone.
import { ACTION_STATUS_LABELS, actionOverdue } from './actions';
import { CHALLENGE_SOURCE_LABELS, CHALLENGE_STATUS_LABELS, isOverdue, type ChallengeSource, type ChallengeStatus } from './challenges';
import { gradeLabel } from './completion';
import { PARTICIPANT_STATE_LABELS, type ParticipantState } from './cycles';
import { MODERATION_STATE_LABELS, REVIEW_CRITERIA, CRITERION_RATINGS, type Criteria, type ModerationState } from './moderation';
import { KIND_LABELS, PHASE_LABELS, SECTOR_LABELS, type OrganisationKind, type SchoolPhase, type Sector } from './organisations';
import type { Scale } from './template';
import type { Column, CycleSheet } from './exports';

export interface OrganisationRow {
	name: string;
	kind: OrganisationKind;
	sector: Sector;
	phase: SchoolPhase | null;
	urn: string | null;
	ukprn: string | null;
	odsCode: string | null;
	gssCode: string | null;
	deadline: string;
	state: ParticipantState;
	firstSubmittedAt: Date | null;
	latestSubmittedAt: Date | null;
	latestVersion: number | null;
	late: boolean | null;
}

export interface ResponseRow {
	organisation: string;
	version: number;
	standardCode: string;
	standardTitle: string;
	requirementCode: string;
	requirementText: string;
	selfGrade: string | null;
	naReason: string;
	/** Accepted or completed moderations only. */
	moderatedStandardGrade: string | null;
	moderatedRequirementGrade: string | null;
	agreedGrade: string | null;
	narrative: string;
	evidence: number;
}

export interface ActionRow {
	organisation: string;
	version: number;
	requirementCode: string;
	description: string;
	owner: string;
	dueOn: string | null;
	status: keyof typeof ACTION_STATUS_LABELS;
	progress: string;
}

export interface ChallengeExportRow {
	organisation: string;
	standardCode: string | null;
	requirementCode: string | null;
	source: ChallengeSource;
	raisedAt: Date;
	raisedBy: string;
	text: string;
	dueOn: string;
	status: ChallengeStatus;
	lastStepAt: Date | null;
}

export interface ModerationRow {
	organisation: string;
	version: number;
	state: ModerationState;
	moderator: string | null;
	assignedAt: Date | null;
	stateChangedAt: Date;
	criteria: Criteria;
	summary: string;
}

const ratingLabel = (value: string | null | undefined) => CRITERION_RATINGS.find((r) => r.value === value)?.label ?? null;

/** Every sheet's columns, given the cycle's grading scale and today's UK date (for what is overdue). */
export function sheetColumns(scale: Scale, today: string) {
	const grade = (g: string | null) => gradeLabel(scale, g) ?? g;
	const organisations: Column<OrganisationRow>[] = [
		{ header: 'Organisation', width: 40, kind: 'text', value: (r) => r.name },
		{ header: 'Kind', width: 10, kind: 'text', value: (r) => KIND_LABELS[r.kind] },
		{ header: 'Sector', width: 24, kind: 'text', value: (r) => SECTOR_LABELS[r.sector] },
		{ header: 'Phase', width: 14, kind: 'text', value: (r) => (r.phase ? PHASE_LABELS[r.phase] : null) },
		{ header: 'URN', width: 10, kind: 'text', value: (r) => r.urn },
		{ header: 'UKPRN', width: 11, kind: 'text', value: (r) => r.ukprn },
		{ header: 'ODS code', width: 10, kind: 'text', value: (r) => r.odsCode },
		{ header: 'GSS code', width: 12, kind: 'text', value: (r) => r.gssCode },
		{ header: 'Deadline', width: 12, kind: 'date', value: (r) => r.deadline },
		{ header: 'Status', width: 14, kind: 'text', value: (r) => PARTICIPANT_STATE_LABELS[r.state] },
		{ header: 'First submitted', width: 17, kind: 'datetime', value: (r) => r.firstSubmittedAt },
		{ header: 'Latest version', width: 9, kind: 'number', value: (r) => r.latestVersion },
		{ header: 'Latest submitted', width: 17, kind: 'datetime', value: (r) => r.latestSubmittedAt },
		{ header: 'Late', width: 6, kind: 'text', value: (r) => (r.late === null ? null : r.late ? 'Yes' : 'No') }
	];
	const responses: Column<ResponseRow>[] = [
		{ header: 'Organisation', width: 36, kind: 'text', value: (r) => r.organisation },
		{ header: 'Version', width: 8, kind: 'number', value: (r) => r.version },
		{ header: 'Standard', width: 9, kind: 'text', value: (r) => r.standardCode },
		{ header: 'Standard title', width: 30, kind: 'text', value: (r) => r.standardTitle },
		{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.requirementCode },
		{ header: 'Requirement text', width: 50, kind: 'long', value: (r) => r.requirementText },
		{ header: 'Self grade', width: 16, kind: 'text', value: (r) => grade(r.selfGrade) },
		{ header: 'Not applicable reason', width: 30, kind: 'long', value: (r) => r.naReason },
		{ header: 'Moderated grade (standard)', width: 16, kind: 'text', value: (r) => grade(r.moderatedStandardGrade) },
		{ header: 'Moderated grade (requirement)', width: 16, kind: 'text', value: (r) => grade(r.moderatedRequirementGrade) },
		{ header: 'Agreed grade (standard)', width: 16, kind: 'text', value: (r) => grade(r.agreedGrade) },
		{ header: 'Narrative', width: 80, kind: 'long', value: (r) => r.narrative },
		{ header: 'Evidence files', width: 9, kind: 'number', value: (r) => r.evidence }
	];
	const actions: Column<ActionRow>[] = [
		{ header: 'Organisation', width: 36, kind: 'text', value: (r) => r.organisation },
		{ header: 'Version', width: 8, kind: 'number', value: (r) => r.version },
		{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.requirementCode },
		{ header: 'Action', width: 60, kind: 'long', value: (r) => r.description },
		{ header: 'Owner', width: 24, kind: 'text', value: (r) => r.owner },
		{ header: 'Due', width: 12, kind: 'date', value: (r) => r.dueOn },
		{ header: 'Status', width: 12, kind: 'text', value: (r) => ACTION_STATUS_LABELS[r.status] ?? r.status },
		{ header: 'Overdue', width: 8, kind: 'yesno', value: (r) => actionOverdue(r, today) },
		{ header: 'Progress notes', width: 60, kind: 'long', value: (r) => r.progress }
	];
	const challenges: Column<ChallengeExportRow>[] = [
		{ header: 'Organisation', width: 36, kind: 'text', value: (r) => r.organisation },
		{ header: 'Standard', width: 9, kind: 'text', value: (r) => r.standardCode },
		{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.requirementCode },
		{ header: 'Source', width: 18, kind: 'text', value: (r) => CHALLENGE_SOURCE_LABELS[r.source] },
		{ header: 'Raised', width: 17, kind: 'datetime', value: (r) => r.raisedAt },
		{ header: 'Raised by', width: 24, kind: 'text', value: (r) => r.raisedBy },
		{ header: 'Challenge', width: 60, kind: 'long', value: (r) => r.text },
		{ header: 'Due', width: 12, kind: 'date', value: (r) => r.dueOn },
		{ header: 'Status', width: 14, kind: 'text', value: (r) => CHALLENGE_STATUS_LABELS[r.status] },
		{ header: 'Overdue', width: 8, kind: 'yesno', value: (r) => isOverdue(r, today) },
		{ header: 'Last step', width: 17, kind: 'datetime', value: (r) => r.lastStepAt }
	];
	const moderation: Column<ModerationRow>[] = [
		{ header: 'Organisation', width: 36, kind: 'text', value: (r) => r.organisation },
		{ header: 'Version', width: 8, kind: 'number', value: (r) => r.version },
		{ header: 'State', width: 20, kind: 'text', value: (r) => MODERATION_STATE_LABELS[r.state] },
		{ header: 'Moderator', width: 24, kind: 'text', value: (r) => r.moderator },
		{ header: 'Assigned', width: 17, kind: 'datetime', value: (r) => r.assignedAt },
		{ header: 'State since', width: 17, kind: 'datetime', value: (r) => r.stateChangedAt },
		...REVIEW_CRITERIA.flatMap((c): Column<ModerationRow>[] => [
			{ header: c.question, width: 14, kind: 'text', value: (r) => ratingLabel(r.criteria[c.key]?.rating) },
			{ header: `${c.question} Comment`, width: 40, kind: 'long', value: (r) => r.criteria[c.key]?.comment ?? '' }
		]),
		{ header: 'Overall comment', width: 60, kind: 'long', value: (r) => r.summary }
	];
	return { organisations, responses, actions, challenges, moderation } satisfies Record<CycleSheet, Column<never>[]>;
}
