// The challenge panel's pre-read pack for one organisation: its latest
// submission to the cycle (grades, narratives, evidence cited, action plan),
// the moderation as it stands (grades, rationales, the review) and its open
// challenges, as one tagged PDF. Read by the panel, never by the organisation.
import type { Readable } from 'node:stream';
import type { Queryable } from '../db';
import { taggedPdf, type TaggedPdf } from '../pdf/tagged-pdf';
import { getTemplate } from '../templates';
import { getSubmission, type Submission } from '../submissions';
import { getModeration, type Moderation } from '../moderation';
import { listChallenges, type Challenge } from '../challenge-log';
import { gradeLabel } from '../../domain/completion';
import { formatDate, formatDateTime, formatTime } from '../../domain/dates';
import { CRITERION_RATINGS, isEditable, MODERATION_STATE_LABELS, REVIEW_CRITERIA, standardSelfGrade } from '../../domain/moderation';
import { CHALLENGE_STATUS_LABELS, isOverdue } from '../../domain/challenges';
import { ACTION_STATUS_LABELS } from '../../domain/actions';
import type { Template } from '../../domain/template';

export interface PackSlot {
	eventTitle: string;
	startsAt: Date;
	endsAt: Date;
	place: string;
}

export interface PackInput {
	submission: Submission;
	scale: Template['scale'];
	moderation: Moderation | null;
	challenges: Challenge[];
	slot: PackSlot | null;
	today: string;
}

/** The organisation's latest submission to the cycle, which its pack shows, or null when it has sent nothing. */
export async function packSubmission(db: Queryable, cycleId: string, organisationId: string): Promise<Submission | null> {
	const [latest] = await db.query<{ id: string }>(
		'select id from submissions where cycle_id = $1 and organisation_id = $2 order by version desc limit 1',
		[cycleId, organisationId]
	);
	return latest ? getSubmission(db, latest.id) : null;
}

/** Everything one organisation's pack shows, or null when it has sent nothing to the cycle. */
/** `authorise` sees the submission before anything else is read for the pack, and throws to refuse it. */
export async function packInput(db: Queryable, cycleId: string, organisationId: string, slot: PackSlot | null, today: string, authorise?: (submission: Submission) => void): Promise<PackInput | null> {
	const submission = await packSubmission(db, cycleId, organisationId);
	if (!submission) return null;
	authorise?.(submission);
	const template = (await getTemplate(db, submission.snapshot.template.id))!;
	const moderation = await getModeration(db, cycleId, organisationId);
	const { challenges } = await listChallenges(db, { partnershipId: submission.partnershipId, organisationId, status: 'not_closed' }, today, 200);
	const open = challenges.filter((c) => c.status !== 'accepted');
	return { submission, scale: template.definition.scale, moderation, challenges: open, slot, today };
}

const label = (scale: Template['scale'], grade: string | null | undefined, none: string) => gradeLabel(scale, grade) ?? none;
const rating = (value: string | null | undefined) => CRITERION_RATINGS.find((r) => r.value === value)?.label ?? 'Not rated';

/** The pack's file name in a ZIP of packs: the organisation's name, made safe. */
export function packFileName(organisationName: string): string {
	const safe = organisationName.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, ' ');
	return `Pre-read pack - ${safe || 'organisation'}.pdf`;
}

export function writePack(input: PackInput): Readable {
	const { submission, scale, moderation } = input;
	const s = submission.snapshot;
	const pdf = taggedPdf({ title: `Pre-read pack: ${s.organisation.name}, ${s.cycle.title}`, author: s.cycle.partnershipName, header: `${s.cycle.partnershipName}: challenge panel, confidential` });
	pdf.heading(1, `Pre-read pack: ${s.organisation.name}`);
	pdf.paragraph(`${s.cycle.title}, ${s.cycle.partnershipName}. Version ${submission.version} of the return, submitted on ${formatDateTime(submission.submittedAt)}${submission.late ? ' (late)' : ''} by ${s.submittedBy.name}.`);
	if (input.slot) pdf.paragraph(`${input.slot.eventTitle}: ${formatDateTime(input.slot.startsAt)} to ${formatTime(input.slot.endsAt)}, ${input.slot.place}.`);
	const moderator = moderation?.moderatorName ? `, moderator ${moderation.moderatorName}` : '';
	const draft = moderation && isEditable(moderation.state) ? ' The moderated grades are the moderator’s draft: not accepted yet.' : '';
	pdf.paragraph(moderation ? `Moderation: ${MODERATION_STATE_LABELS[moderation.state]}${moderator}.${draft}` : 'Not moderated yet.');

	pdf.heading(2, 'Grades per standard');
	pdf.table({
		caption: 'Self, moderated and agreed grade per standard',
		head: ['Standard', 'Self grade', 'Moderated grade', 'Agreed grade'],
		widths: [3, 1.3, 1.3, 1.3],
		rows: s.standards.map((st) => {
			const m = moderation?.standards.get(st.code);
			return [`${st.code} ${st.title}`, label(scale, standardSelfGrade(scale, st.requirements.map((r) => r.grade)), 'Not graded'), label(scale, m?.grade, 'None yet'), label(scale, m?.agreedGrade, 'None yet')];
		})
	});
	if (moderation) reviewSection(pdf, moderation);
	challengesSection(pdf, input.challenges, input.today);
	for (const st of s.standards) {
		const m = moderation?.standards.get(st.code);
		pdf.heading(2, `Standard ${st.code}: ${st.title}`);
		if (m?.rationale) pdf.paragraph(`Moderator’s rationale: ${m.rationale}`);
		if (m?.changeRequest.trim()) pdf.paragraph(`Changes asked for: ${m.changeRequest}`);
		for (const r of st.requirements) {
			pdf.heading(3, `${r.code} ${r.text}`);
			pdf.paragraph(`Self grade: ${r.grade === 'na' ? `Not applicable${r.naReason ? `: ${r.naReason}` : ''}` : (r.gradeLabel ?? 'Not graded')}.`);
			pdf.paragraph(r.narrative || 'No narrative.');
			const files = s.evidence[r.code] ?? [];
			pdf.paragraph(files.length ? `Evidence cited (${files.length}):` : 'No evidence cited.');
			if (files.length) pdf.list(files.map((f) => `${f.name} (${f.fileName}, revision ${f.revision})`));
		}
	}
	pdf.heading(2, 'Action plan');
	if (s.actions.length) {
		pdf.table({
			caption: 'The organisation’s actions when it submitted',
			head: ['Requirement', 'Action', 'Owner', 'Due', 'Status'],
			widths: [1, 4, 1.6, 1.3, 1.3],
			rows: s.actions.map((a) => [a.requirementCode, a.description, a.owner || '—', a.dueOn ? formatDate(a.dueOn) : '—', (ACTION_STATUS_LABELS as Record<string, string>)[a.status] ?? a.status])
		});
	} else pdf.paragraph('No actions.');
	return pdf.end();
}

/** An invited organisation that has sent nothing still has a pack saying so, so the ZIP lists everyone. */
export function writeEmptyPack(organisationName: string, partnershipName: string): Readable {
	const pdf = taggedPdf({ title: `Pre-read pack: ${organisationName}`, author: partnershipName, header: `${partnershipName}: challenge panel, confidential` });
	return pdf.heading(1, `Pre-read pack: ${organisationName}`).paragraph(`${organisationName} has not submitted a return to this cycle.`).end();
}

function reviewSection(pdf: TaggedPdf, moderation: Moderation) {
	pdf.heading(2, 'Moderation review');
	pdf.table({
		caption: 'The six review criteria',
		head: ['Criterion', 'Rating', 'Comment'],
		widths: [3, 1, 4],
		rows: REVIEW_CRITERIA.map((c) => [c.question, rating(moderation.criteria[c.key]?.rating), moderation.criteria[c.key]?.comment || '—'])
	});
	if (moderation.summary) pdf.paragraph(`Overall: ${moderation.summary}`);
}

function challengesSection(pdf: TaggedPdf, challenges: Challenge[], today: string) {
	pdf.heading(2, 'Open challenges');
	if (!challenges.length) {
		pdf.paragraph('None open.');
		return;
	}
	pdf.list(
		challenges.map((c) => {
			const where = c.standardCode ? ` (standard ${c.requirementCode ?? c.standardCode})` : '';
			return `${c.text}${where}. ${CHALLENGE_STATUS_LABELS[c.status]}, due ${formatDate(c.dueOn)}${isOverdue(c, today) ? ': OVERDUE' : ''}.`;
		})
	);
}
