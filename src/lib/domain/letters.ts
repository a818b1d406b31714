// Feedback letters: the draft the portal writes from the moderated data, the
// tiny markup the chair edits it in, and the parts every rendering (PDF, Word,
// page) shares. Pure: no I/O.
import { compareGrades, gradeFor, type Scale } from './template';
import { gradeGap } from './moderation';
import { formatDate } from './dates';

export const LETTER_STATES = ['draft', 'issued'] as const;
export type LetterState = (typeof LETTER_STATES)[number];
export const LETTER_STATE_LABELS: Record<LetterState | 'none', string> = { none: 'Not drafted', draft: 'Draft', issued: 'Issued' };

/** The moderation states a letter can be drafted from. */
export const LETTER_READY = ['accepted', 'completed'] as const;
export const canDraftFrom = (state: string | null | undefined) => (LETTER_READY as readonly string[]).includes(state ?? '');

export const LETTER_MAX = 20000;
export const CHAIR_ROLE = 'Independent Chair';

/**
 * The markup: a line starting "# " is a heading ("## " a smaller one), a line
 * starting "- " a list item, and a blank line separates paragraphs. Lines of a
 * paragraph keep their line breaks.
 */
export type LetterBlock =
	| { kind: 'heading'; level: 2 | 3; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'list'; items: string[] };

export function parseLetter(body: string): LetterBlock[] {
	const blocks: LetterBlock[] = [];
	let paragraph: string[] = [];
	let list: string[] | null = null;
	const flush = () => {
		if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
		if (list) blocks.push({ kind: 'list', items: list });
		paragraph = [];
		list = null;
	};
	for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.trimEnd();
		const heading = /^(#{1,2}) +(.*\S)/.exec(line);
		const item = /^\s*[-*] +(.*\S)/.exec(line);
		if (!line.trim()) flush();
		else if (heading) {
			flush();
			blocks.push({ kind: 'heading', level: heading[1].length === 1 ? 2 : 3, text: heading[2].trim() });
		} else if (item) {
			if (paragraph.length) flush();
			(list ??= []).push(item[1].trim());
		} else if (list) {
			// A line under a list item continues it.
			list[list.length - 1] += ` ${line.trim()}`;
		} else paragraph.push(line.trim());
	}
	flush();
	return blocks;
}

/** What the chair typed, checked: the message for the field, or null. */
export function wordingProblem(body: string): string | null {
	if (!body.trim()) return 'Enter the wording of the letter';
	if (body.length > LETTER_MAX) return `The wording must be ${LETTER_MAX.toLocaleString('en-GB')} characters or fewer`;
	return null;
}

export interface LetterStandard {
	code: string;
	title: string;
	self: string | null;
	moderated: string | null;
	agreed: string | null;
	rationale: string;
	changeRequest: string;
	agreedRationale: string;
}

export interface LetterFacts {
	partnershipName: string;
	organisationName: string;
	cycleTitle: string;
	scale: Scale;
	standards: LetterStandard[];
	/** The review criteria's comments, by key (good_practice, risks, …). */
	criteria: Partial<Record<string, { rating: string | null; comment: string }>>;
	summary: string;
	challenges: { text: string; dueOn: string; status: string; standardCode: string | null }[];
	actions: { description: string; owner: string; dueOn: string | null; requirementCode: string }[];
}

const label = (scale: Scale, value: string | null) => gradeFor(scale, value)?.label ?? 'Not graded';
/** The grade the letter reports: agreed if there is one, otherwise moderated. */
const finalGrade = (s: LetterStandard) => s.agreed ?? s.moderated;

/** The grades table: generated from the data at the time of rendering, never part of the editable wording. */
export function gradeTable(facts: Pick<LetterFacts, 'scale' | 'standards'>) {
	return {
		caption: 'Grades per standard: self, moderated and agreed',
		head: ['Standard', 'Self grade', 'Moderated grade', 'Agreed grade'],
		rows: facts.standards.map((s) => [`${s.code}. ${s.title}`, label(facts.scale, s.self), label(facts.scale, s.moderated), s.agreed ? label(facts.scale, s.agreed) : 'Not yet agreed']),
		widths: [3, 1.2, 1.2, 1.2]
	};
}

const best = (scale: Scale) => [...scale.grades].sort((a, b) => compareGrades(scale, a, b))[0]?.value;
const worst = (scale: Scale) => [...scale.grades].sort((a, b) => compareGrades(scale, b, a))[0]?.value;

export function strengths(facts: LetterFacts): string[] {
	const top = best(facts.scale);
	const out = facts.standards.filter((s) => finalGrade(s) === top).map((s) => `Standard ${s.code}, ${s.title}: graded ${label(facts.scale, top ?? null)}.`);
	const practice = facts.criteria.good_practice?.comment.trim();
	if (practice) out.push(practice);
	return out;
}

export function improvements(facts: LetterFacts): string[] {
	const bottom = worst(facts.scale);
	const out = facts.standards
		.filter((s) => (gradeGap(facts.scale, s.self, s.moderated) ?? 0) > 0 || finalGrade(s) === bottom)
		.map((s) => {
			const why = (s.changeRequest.trim() || s.agreedRationale.trim() || s.rationale.trim()).replace(/\s+/g, ' ');
			return `Standard ${s.code}, ${s.title}: self-assessed ${label(facts.scale, s.self)}, ${s.agreed ? 'agreed' : 'moderated'} ${label(facts.scale, finalGrade(s))}.${why ? ` ${why}` : ''}`;
		});
	const risks = facts.criteria.risks?.comment.trim();
	if (risks) out.push(`Risks: ${risks}`);
	return out;
}

/** The draft wording: greeting, the sections the letter always has, and a closing; the chair edits it. */
export function draftBody(facts: LetterFacts, statusLabel: (status: string) => string): string {
	const list = (items: string[], none: string) => (items.length ? items.map((i) => `- ${i.replace(/\n+/g, ' ')}`).join('\n') : none);
	const challenges = facts.challenges.map((c) => `${c.standardCode ? `Standard ${c.standardCode}: ` : ''}${c.text} (due ${formatDate(c.dueOn)}; ${statusLabel(c.status).toLowerCase()})`);
	const actions = facts.actions.map((a) => `${a.description} (requirement ${a.requirementCode}${a.owner ? `; ${a.owner}` : ''}; ${a.dueOn ? `due ${formatDate(a.dueOn)}` : 'no due date'})`);
	return [
		`Dear colleagues at ${facts.organisationName},`,
		'',
		`Thank you for your self-assessment for ${facts.cycleTitle}. ${facts.partnershipName} has moderated it, and this letter sets out what we found: your own grades beside the moderated and agreed grades for each standard, what you do well, where you should improve, and what we ask of you next.`,
		...(facts.summary.trim() ? ['', facts.summary.trim()] : []),
		'',
		'# Strengths and good practice',
		list(strengths(facts), 'The moderation did not single out a standard at the top grade.'),
		'',
		'# Areas for improvement',
		list(improvements(facts), 'The moderation found no standard graded lower than your self-assessment.'),
		'',
		'# Challenges',
		list(challenges, 'The partnership has raised no challenges with you for this cycle.'),
		'',
		'# Actions required',
		list(actions, 'Your action plan has no open actions.'),
		'',
		'Please keep your action plan up to date in the portal: the partnership will follow these up at the next cycle.',
		'',
		'Yours sincerely,'
	].join('\n');
}

export interface Signature {
	name: string;
	role: string;
	/** yyyy-mm-dd */
	signedOn: string;
}

export const signatureLines = (s: Signature) => [s.name, s.role, formatDate(s.signedOn)];

export const letterTitle = (organisationName: string, cycleTitle: string) => `Feedback letter: ${organisationName}, ${cycleTitle}`;

/** The file name a letter is saved under, without the extension. */
export const letterFileName = (organisationName: string, cycleTitle: string) =>
	`${organisationName} ${cycleTitle} feedback letter`.replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150);
