// The tables of an organisation's full export, column by column (the rows come
// from src/lib/server/organisation-export.ts), and the README.txt that says
// what each file of the ZIP is. Pure.
import { ACTION_STATUS_LABELS } from './actions';
import { CHALLENGE_SOURCE_LABELS, CHALLENGE_STATUS_LABELS, STEP_LABELS, type ChallengeSource, type ChallengeStatus, type StepKind } from './challenges';
import { gradeLabel } from './completion';
import { formatDateTime } from './dates';
import type { Column } from './exports';
import type { Scale, Template } from './template';
import type { SnapshotAction, SnapshotRequirement } from './snapshot';

export interface AnswerLine {
	standardCode: string;
	standardTitle: string;
	requirementCode: string;
	requirementText: string;
	grade: string | null;
	naReason: string;
	narrative: string;
	carriedForward: boolean;
	updatedAt: Date | null;
	updatedBy: string;
}

/** A live return's answers in the template's order, every requirement listed (unanswered ones blank). */
export function answerLines(template: Template, answers: readonly Omit<AnswerLine, 'standardCode' | 'standardTitle' | 'requirementText'>[]): AnswerLine[] {
	const byCode = new Map(answers.map((a) => [a.requirementCode, a]));
	return template.standards.flatMap((s) =>
		s.requirements.map((r) => {
			const a = byCode.get(r.code);
			return { standardCode: s.code, standardTitle: s.title, requirementCode: r.code, requirementText: r.text, grade: a?.grade ?? null, naReason: a?.naReason ?? '', narrative: a?.narrative ?? '', carriedForward: a?.carriedForward ?? false, updatedAt: a?.updatedAt ?? null, updatedBy: a?.updatedBy ?? '' };
		})
	);
}

export const answerColumns = (scale: Scale): Column<AnswerLine>[] => [
	{ header: 'Standard', width: 9, kind: 'text', value: (r) => r.standardCode },
	{ header: 'Standard title', width: 30, kind: 'text', value: (r) => r.standardTitle },
	{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.requirementCode },
	{ header: 'Requirement text', width: 50, kind: 'long', value: (r) => r.requirementText },
	{ header: 'Grade', width: 16, kind: 'text', value: (r) => gradeLabel(scale, r.grade) ?? r.grade },
	{ header: 'Not applicable reason', width: 30, kind: 'long', value: (r) => r.naReason },
	{ header: 'Narrative', width: 80, kind: 'long', value: (r) => r.narrative },
	{ header: 'Carried forward: review', width: 8, kind: 'yesno', value: (r) => r.carriedForward },
	{ header: 'Last changed', width: 17, kind: 'datetime', value: (r) => r.updatedAt },
	{ header: 'Last changed by', width: 24, kind: 'text', value: (r) => r.updatedBy }
];

export type ActionLine = Pick<SnapshotAction, 'requirementCode' | 'description' | 'owner' | 'dueOn' | 'status' | 'progress'>;

export const actionColumns: Column<ActionLine>[] = [
	{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.requirementCode },
	{ header: 'Action', width: 60, kind: 'long', value: (r) => r.description },
	{ header: 'Owner', width: 24, kind: 'text', value: (r) => r.owner },
	{ header: 'Due', width: 12, kind: 'date', value: (r) => r.dueOn },
	{ header: 'Status', width: 12, kind: 'text', value: (r) => ACTION_STATUS_LABELS[r.status as keyof typeof ACTION_STATUS_LABELS] ?? r.status },
	{ header: 'Progress notes', width: 60, kind: 'long', value: (r) => r.progress }
];

export type SubmittedAnswer = SnapshotRequirement & { standardCode: string; standardTitle: string; evidence: number };

export const submittedAnswerColumns: Column<SubmittedAnswer>[] = [
	{ header: 'Standard', width: 9, kind: 'text', value: (r) => r.standardCode },
	{ header: 'Standard title', width: 30, kind: 'text', value: (r) => r.standardTitle },
	{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.code },
	{ header: 'Requirement text', width: 50, kind: 'long', value: (r) => r.text },
	{ header: 'Grade', width: 16, kind: 'text', value: (r) => r.gradeLabel ?? r.grade },
	{ header: 'Not applicable reason', width: 30, kind: 'long', value: (r) => r.naReason },
	{ header: 'Narrative', width: 80, kind: 'long', value: (r) => r.narrative },
	{ header: 'Evidence files', width: 9, kind: 'number', value: (r) => r.evidence }
];

export interface ChallengeLine {
	reference: number;
	partnershipName: string;
	cycleTitle: string | null;
	standardCode: string | null;
	requirementCode: string | null;
	source: ChallengeSource;
	raisedAt: Date;
	text: string;
	dueOn: string;
	status: ChallengeStatus;
}

export const challengeColumns: Column<ChallengeLine>[] = [
	{ header: 'Challenge', width: 9, kind: 'number', value: (r) => r.reference },
	{ header: 'Partnership', width: 30, kind: 'text', value: (r) => r.partnershipName },
	{ header: 'Cycle', width: 30, kind: 'text', value: (r) => r.cycleTitle },
	{ header: 'Standard', width: 9, kind: 'text', value: (r) => r.standardCode },
	{ header: 'Requirement', width: 11, kind: 'text', value: (r) => r.requirementCode },
	{ header: 'Source', width: 18, kind: 'text', value: (r) => CHALLENGE_SOURCE_LABELS[r.source] },
	{ header: 'Raised', width: 17, kind: 'datetime', value: (r) => r.raisedAt },
	{ header: 'Text', width: 60, kind: 'long', value: (r) => r.text },
	{ header: 'Due', width: 12, kind: 'date', value: (r) => r.dueOn },
	{ header: 'Status', width: 14, kind: 'text', value: (r) => CHALLENGE_STATUS_LABELS[r.status] }
];

export interface StepLine {
	reference: number;
	seq: number;
	kind: StepKind;
	actorName: string;
	at: Date;
	text: string;
	newDueOn: string | null;
	statusAfter: ChallengeStatus;
}

export const stepColumns: Column<StepLine>[] = [
	{ header: 'Challenge', width: 9, kind: 'number', value: (r) => r.reference },
	{ header: 'Step', width: 6, kind: 'number', value: (r) => r.seq },
	{ header: 'What happened', width: 20, kind: 'text', value: (r) => STEP_LABELS[r.kind] },
	{ header: 'By', width: 24, kind: 'text', value: (r) => r.actorName },
	{ header: 'When', width: 17, kind: 'datetime', value: (r) => r.at },
	{ header: 'Text', width: 60, kind: 'long', value: (r) => r.text },
	{ header: 'New due date', width: 12, kind: 'date', value: (r) => r.newDueOn },
	{ header: 'Status after', width: 14, kind: 'text', value: (r) => CHALLENGE_STATUS_LABELS[r.statusAfter] }
];

export interface EvidenceLine {
	title: string;
	description: string;
	documentDate: string | null;
	reviewBy: string | null;
	revision: number;
	fileName: string;
	mediaType: string;
	size: number;
	sha256: string;
	uploadedAt: Date;
	path: string;
}

export const evidenceColumns: Column<EvidenceLine>[] = [
	{ header: 'Title', width: 40, kind: 'text', value: (r) => r.title },
	{ header: 'Description', width: 50, kind: 'long', value: (r) => r.description },
	{ header: 'Document date', width: 12, kind: 'date', value: (r) => r.documentDate },
	{ header: 'Review by', width: 12, kind: 'date', value: (r) => r.reviewBy },
	{ header: 'Revision', width: 8, kind: 'number', value: (r) => r.revision },
	{ header: 'File name', width: 40, kind: 'text', value: (r) => r.fileName },
	{ header: 'Type', width: 20, kind: 'text', value: (r) => r.mediaType },
	{ header: 'Size (bytes)', width: 12, kind: 'number', value: (r) => r.size },
	{ header: 'SHA-256', width: 64, kind: 'text', value: (r) => r.sha256 },
	{ header: 'Uploaded', width: 17, kind: 'datetime', value: (r) => r.uploadedAt },
	{ header: 'Path in the ZIP', width: 60, kind: 'text', value: (r) => r.path }
];

/** README.txt: what the export is and what each file in it holds. */
export function exportReadme(organisationName: string, madeAt: Date, files: readonly { path: string; holds: string }[]): string {
	const lines = [
		`Everything ${organisationName} keeps in the safeguarding self-assessment portal`,
		`Exported ${formatDateTime(madeAt)} (UK time).`,
		'',
		'CSV files are UTF-8 with a byte order mark, so Excel opens them as they are. A cell that would start',
		'a spreadsheet formula (=, +, -, @) begins with an apostrophe. Dates are written YYYY-MM-DD and times',
		'YYYY-MM-DD HH:MM in UK time. Submissions are also given as JSON: exactly what was sent, field by field.',
		'',
		'What each file holds:',
		'',
		...files.map((f) => `${f.path}\n    ${f.holds}`)
	];
	return `${lines.join('\r\n')}\r\n`;
}
