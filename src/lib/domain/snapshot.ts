// What a submission freezes, and how two versions of it differ.
import type { SignatoryCapacity } from './roles';
import { canonicalJson } from './canonical-json';
import { gradeLabel, type ResponseState } from './completion';
import type { Template } from './template';
import { plural } from './text';

export interface SnapshotRequirement {
	code: string;
	text: string;
	grade: string | null;
	gradeLabel: string | null;
	naReason: string;
	narrative: string;
	/** Still marked "carried forward: review" when sent. Not frozen by submissions made before it was. */
	carriedForward?: boolean;
}

export interface SnapshotAction {
	/** The live action's id, so a changed action is told from a new one. Not frozen by older submissions. */
	id?: string;
	requirementCode: string;
	description: string;
	owner: string;
	dueOn: string | null;
	status: string;
	progress: string;
}

export interface SnapshotSignOff {
	capacity: SignatoryCapacity;
	name: string;
	role: string;
	signedAt: string;
	/** The fingerprint of the return the signatory signed. Not frozen by older submissions. */
	contentHash?: string;
}

/** One cited document, exactly the revision sent. */
export interface EvidenceFile {
	documentId: string;
	revisionId: string;
	revision: number;
	/** The document's title in the library. */
	name: string;
	fileName: string;
	size: number;
	mediaType: string;
	sha256: string;
}

export interface Snapshot {
	template: { id: string; slug: string; version: number; title: string; kind: string; scale: string; better: 'higher' | 'lower' };
	organisation: { id: string; name: string };
	cycle: { id: string; title: string; partnershipName: string; deadline: string };
	standards: { code: string; title: string; requirements: SnapshotRequirement[] }[];
	actions: SnapshotAction[];
	signOffs: SnapshotSignOff[];
	/** The evidence cited, by requirement code. */
	evidence: Record<string, EvidenceFile[]>;
	submittedBy: { name: string; email: string };
	/** The return's fingerprint when it was sent (the one sign-off binds to). Not frozen by older submissions. */
	contentHash?: string;
}

export interface AnswerChange {
	code: string;
	text: string;
	grade?: { before: string | null; after: string | null };
	narrative?: { before: string; after: string };
	naReason?: { before: string; after: string };
	carriedForward?: { before: boolean; after: boolean };
}

export const ACTION_FIELDS = ['requirementCode', 'description', 'owner', 'dueOn', 'status', 'progress'] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];
export const ACTION_FIELD_LABELS: Record<ActionField, string> = {
	requirementCode: 'Requirement',
	description: 'Action',
	owner: 'Owner',
	dueOn: 'Due date',
	status: 'Status',
	progress: 'Progress notes'
};

export type ActionChange =
	| { kind: 'added'; action: SnapshotAction }
	| { kind: 'removed'; action: SnapshotAction }
	| { kind: 'changed'; before: SnapshotAction; after: SnapshotAction; fields: ActionField[] };

export interface SignOffChange {
	capacity: SignatoryCapacity;
	before: SnapshotSignOff | null;
	after: SnapshotSignOff | null;
}

export interface EvidenceChange {
	requirementCode: string;
	kind: 'added' | 'removed';
	file: EvidenceFile;
}

/** Everything that differs between two versions: answers, actions, sign-offs and evidence. */
export interface SnapshotComparison {
	answers: AnswerChange[];
	actions: ActionChange[];
	signOffs: SignOffChange[];
	evidence: EvidenceChange[];
}

/** The answers to a cycle's standards as they stand, frozen for a submission. */
export function freezeStandards(template: Template, standardCodes: readonly string[], answers: ReadonlyMap<string, ResponseState>): Snapshot['standards'] {
	return template.standards
		.filter((s) => standardCodes.includes(s.code))
		.map((s) => ({
			code: s.code,
			title: s.title,
			requirements: s.requirements.map((r) => {
				const a = answers.get(r.code);
				const grade = a?.grade ?? null;
				return {
					code: r.code,
					text: r.text,
					grade,
					gradeLabel: gradeLabel(template.scale, grade),
					naReason: a?.naReason ?? '',
					narrative: a?.narrative ?? '',
					carriedForward: a?.carriedForward ?? false
				};
			})
		}));
}

const requirementsOf = (s: Snapshot) => s.standards.flatMap((x) => x.requirements);
const byCode = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function compareAnswers(before: Snapshot, after: Snapshot): AnswerChange[] {
	const old = new Map(requirementsOf(before).map((r) => [r.code, r]));
	const now = requirementsOf(after);
	const gone = requirementsOf(before).filter((r) => !now.some((n) => n.code === r.code));
	const changes: AnswerChange[] = [];
	for (const r of [...now, ...gone]) {
		const b = old.get(r.code);
		const a = now.find((n) => n.code === r.code);
		const change: AnswerChange = { code: r.code, text: r.text };
		if ((b?.grade ?? null) !== (a?.grade ?? null)) change.grade = { before: b?.gradeLabel ?? null, after: a?.gradeLabel ?? null };
		if ((b?.narrative ?? '') !== (a?.narrative ?? '')) change.narrative = { before: b?.narrative ?? '', after: a?.narrative ?? '' };
		if ((b?.naReason ?? '') !== (a?.naReason ?? '')) change.naReason = { before: b?.naReason ?? '', after: a?.naReason ?? '' };
		// Only when both versions froze it: an older snapshot simply did not record it.
		if (typeof b?.carriedForward === 'boolean' && typeof a?.carriedForward === 'boolean' && b.carriedForward !== a.carriedForward) {
			change.carriedForward = { before: b.carriedForward, after: a.carriedForward };
		}
		if (Object.keys(change).length > 2) changes.push(change);
	}
	return changes;
}

const changedFields = (b: SnapshotAction, a: SnapshotAction) => ACTION_FIELDS.filter((f) => (b[f] ?? null) !== (a[f] ?? null));

/**
 * Pairs each action with its earlier self: by id where both versions froze
 * one; otherwise (older snapshots) an identical action, then one for the same
 * requirement with the same description, then one for the same requirement.
 */
function compareActions(before: Snapshot, after: Snapshot): ActionChange[] {
	const left = [...before.actions];
	const pairs: [SnapshotAction | null, SnapshotAction][] = after.actions.map((a) => [null, a]);
	const take = (i: number, match: (b: SnapshotAction, a: SnapshotAction) => boolean) => {
		const j = left.findIndex((b) => match(b, pairs[i][1]));
		if (j >= 0) pairs[i][0] = left.splice(j, 1)[0];
	};
	const byId = (b: SnapshotAction, a: SnapshotAction) => !!a.id && b.id === a.id;
	const guess = (rule: (b: SnapshotAction, a: SnapshotAction) => boolean) => (b: SnapshotAction, a: SnapshotAction) => !(a.id && b.id) && rule(b, a);
	const rules = [
		byId,
		guess((b, a) => changedFields(b, a).length === 0),
		guess((b, a) => b.requirementCode === a.requirementCode && b.description === a.description),
		guess((b, a) => b.requirementCode === a.requirementCode)
	];
	for (const rule of rules) pairs.forEach(([b], i) => b === null && take(i, rule));
	const changes: ActionChange[] = [];
	for (const [b, a] of pairs) {
		if (!b) changes.push({ kind: 'added', action: a });
		else if (changedFields(b, a).length) changes.push({ kind: 'changed', before: b, after: a, fields: changedFields(b, a) });
	}
	for (const b of left) changes.push({ kind: 'removed', action: b });
	const code = (c: ActionChange) => (c.kind === 'changed' ? c.after : c.action).requirementCode;
	return changes.sort((x, y) => byCode(code(x), code(y)));
}

function compareSignOffs(before: Snapshot, after: Snapshot): SignOffChange[] {
	const capacities = [...new Set([...after.signOffs, ...before.signOffs].map((s) => s.capacity))];
	const same = (b: SnapshotSignOff, a: SnapshotSignOff) =>
		b.name === a.name && b.role === a.role && b.signedAt === a.signedAt && (b.contentHash === undefined || a.contentHash === undefined || b.contentHash === a.contentHash);
	return capacities.flatMap((capacity) => {
		const b = before.signOffs.find((s) => s.capacity === capacity) ?? null;
		const a = after.signOffs.find((s) => s.capacity === capacity) ?? null;
		return b && a && same(b, a) ? [] : [{ capacity, before: b, after: a }];
	});
}

function compareEvidence(before: Snapshot, after: Snapshot): EvidenceChange[] {
	const key = (f: EvidenceFile) => `${f.documentId} ${f.revisionId}`;
	const codes = [...new Set([...Object.keys(after.evidence), ...Object.keys(before.evidence)])].sort(byCode);
	return codes.flatMap((code) => {
		const [b, a] = [before.evidence[code] ?? [], after.evidence[code] ?? []];
		const missing = (from: EvidenceFile[], other: EvidenceFile[]) => from.filter((f) => !other.some((o) => key(o) === key(f)));
		return [
			...missing(a, b).map((file) => ({ requirementCode: code, kind: 'added' as const, file })),
			...missing(b, a).map((file) => ({ requirementCode: code, kind: 'removed' as const, file }))
		];
	});
}

/** What changed from one version of a submission to a later one. */
export function compareSnapshots(before: Snapshot, after: Snapshot): SnapshotComparison {
	return {
		answers: compareAnswers(before, after),
		actions: compareActions(before, after),
		signOffs: compareSignOffs(before, after),
		evidence: compareEvidence(before, after)
	};
}

const count = (n: number, what: string, happened: string) => (n ? [`${plural(n, what)} ${happened}`] : []);

/** The changes in a sentence's parts ("1 answer changed", "2 actions added"…); none when nothing changed. */
export function describeChanges(c: SnapshotComparison): string[] {
	const actions = (kind: ActionChange['kind']) => c.actions.filter((a) => a.kind === kind).length;
	const evidence = (kind: EvidenceChange['kind']) => c.evidence.filter((e) => e.kind === kind).length;
	return [
		...count(c.answers.length, 'answer', 'changed'),
		...count(actions('added'), 'action', 'added'),
		...count(actions('removed'), 'action', 'removed'),
		...count(actions('changed'), 'action', 'changed'),
		...count(c.signOffs.length, 'sign-off', 'changed'),
		...count(evidence('added'), 'evidence file', 'added'),
		...count(evidence('removed'), 'evidence file', 'removed')
	];
}

/** A fingerprint as people read it: enough characters to tell two apart. */
export const shortFingerprint = (hash: string) => hash.slice(0, 12);

/**
 * Whether two snapshots hold the same self-assessment: the same template
 * version, answers, actions, sign-offs and evidence. Who pressed the button and
 * the cycle's details (an extended deadline, a new title) are not content.
 */
export function sameContent(a: Snapshot, b: Snapshot): boolean {
	const content = (s: Snapshot) => canonicalJson([s.template.id, s.template.version, s.standards, s.actions, s.signOffs, s.evidence]);
	return content(a) === content(b);
}

/** A submission's self grades and evidence counts per requirement, by standard: what the moderation workspace reads. */
export type GradeSummary = Record<string, { grade: string | null; evidence: number }[]>;

export function gradeSummary(snapshot: Pick<Snapshot, 'standards' | 'evidence'>): GradeSummary {
	return Object.fromEntries(snapshot.standards.map((s) => [s.code, s.requirements.map((r) => ({ grade: r.grade, evidence: snapshot.evidence[r.code]?.length ?? 0 }))]));
}

/** Each requirement's self grade by its code: what a cycle's dashboard reads. */
export function answerSummary(snapshot: Pick<Snapshot, 'standards'>): Record<string, string | null> {
	return Object.fromEntries(snapshot.standards.flatMap((s) => s.requirements.map((r) => [r.code, r.grade])));
}

/** Each action's status and due date, in order: what a cycle's dashboard counts. */
export function actionSummary(snapshot: Pick<Snapshot, 'actions'>): { status: string; dueOn: string | null }[] {
	return snapshot.actions.map((a) => ({ status: a.status, dueOn: a.dueOn ?? null }));
}
