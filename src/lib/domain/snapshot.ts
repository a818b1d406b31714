// What a submission freezes, and how two versions of it differ.
import type { SignatoryCapacity } from './roles';
import { canonicalJson } from './canonical-json';

export interface SnapshotRequirement {
	code: string;
	text: string;
	grade: string | null;
	gradeLabel: string | null;
	naReason: string;
	narrative: string;
}

export interface SnapshotAction {
	requirementCode: string;
	description: string;
	owner: string;
	dueOn: string | null;
	status: string;
	progress: string;
}

export interface Snapshot {
	template: { id: string; slug: string; version: number; title: string; kind: string; scale: string; better: 'higher' | 'lower' };
	organisation: { id: string; name: string };
	cycle: { id: string; title: string; partnershipName: string; deadline: string };
	standards: { code: string; title: string; requirements: SnapshotRequirement[] }[];
	actions: SnapshotAction[];
	signOffs: { capacity: SignatoryCapacity; name: string; role: string; signedAt: string }[];
	/** Evidence references, by requirement code (none until evidence is uploaded). */
	evidence: Record<string, { name: string; sha256: string }[]>;
	submittedBy: { name: string; email: string };
}

export interface RequirementChange {
	code: string;
	text: string;
	grade?: { before: string | null; after: string | null };
	narrative?: { before: string; after: string };
	naReason?: { before: string; after: string };
	actions?: { before: number; after: number };
}

/** What changed between two versions of a submission, requirement by requirement. */
export function compareSnapshots(before: Snapshot, after: Snapshot): RequirementChange[] {
	const old = new Map(before.standards.flatMap((s) => s.requirements).map((r) => [r.code, r]));
	const actionCount = (s: Snapshot, code: string) => s.actions.filter((a) => a.requirementCode === code).length;
	const changes: RequirementChange[] = [];
	for (const r of after.standards.flatMap((s) => s.requirements)) {
		const b = old.get(r.code);
		const change: RequirementChange = { code: r.code, text: r.text };
		if ((b?.grade ?? null) !== r.grade) change.grade = { before: b?.gradeLabel ?? null, after: r.gradeLabel };
		if ((b?.narrative ?? '') !== r.narrative) change.narrative = { before: b?.narrative ?? '', after: r.narrative };
		if ((b?.naReason ?? '') !== r.naReason) change.naReason = { before: b?.naReason ?? '', after: r.naReason };
		const [ab, aa] = [actionCount(before, r.code), actionCount(after, r.code)];
		if (ab !== aa) change.actions = { before: ab, after: aa };
		if (Object.keys(change).length > 2) changes.push(change);
	}
	return changes;
}

/**
 * Whether two snapshots hold the same self-assessment: the same template
 * version, answers, actions, sign-offs and evidence. Who pressed the button and
 * the cycle's details (an extended deadline, a new title) are not content.
 */
export function sameContent(a: Snapshot, b: Snapshot): boolean {
	const content = (s: Snapshot) => canonicalJson([s.template.id, s.template.version, s.standards, s.actions, s.signOffs, s.evidence]);
	return content(a) === content(b);
}
