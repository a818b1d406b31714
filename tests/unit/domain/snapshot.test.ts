import { describe, expect, it } from 'vitest';
import { compareSnapshots, describeChanges, freezeStandards, sameContent, type Snapshot } from '../../../src/lib/domain/snapshot';
import { shippedTemplate } from '../../helpers/templates';

const POLICY = { documentId: 'd1', revisionId: 'r1', revision: 1, name: 'Safeguarding policy', fileName: 'policy.pdf', size: 1200, mediaType: 'application/pdf', sha256: 'f00' };

const snapshot: Snapshot = {
	template: { id: 't1', slug: 's11', version: 2, title: 'Section 11', kind: 'section_11', scale: 'ofsted', better: 'higher' },
	organisation: { id: 'o1', name: 'Mercia Vale Police' },
	cycle: { id: 'c1', title: 'Section 11 audit 2026', partnershipName: 'Northmere', deadline: '2026-12-31' },
	standards: [{ code: '1', title: 'Leadership', requirements: [{ code: '1.1', text: 'A named lead', grade: '2', gradeLabel: 'Good', naReason: '', narrative: 'We have one.' }] }],
	actions: [{ requirementCode: '1.1', description: 'Train', owner: 'HR', dueOn: null, status: 'open', progress: '' }],
	signOffs: [{ capacity: 'executive_lead', name: 'A Director', role: 'Chief Constable', signedAt: '2026-11-20T10:00:00.000Z' }],
	evidence: {},
	submittedBy: { name: 'Karen', email: 'lead@police.example.org' }
};

/** The same object with every key order reversed, as jsonb may hand it back. */
function reordered<T>(value: T): T {
	if (Array.isArray(value)) return value.map(reordered) as T;
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)])) as T;
	return value;
}

describe('whether a new submission would hold anything new', () => {
	it('is the same content whoever submits it, whatever the cycle now says, and in any key order', () => {
		const again = { ...reordered(snapshot), submittedBy: { name: 'Ben', email: 'ben@example.org' }, cycle: { ...snapshot.cycle, deadline: '2027-01-31' } };
		expect(sameContent(snapshot, again)).toBe(true);
	});

	it('differs when an answer, an action, a sign-off or the template version differs', () => {
		const req = snapshot.standards[0].requirements[0];
		expect(sameContent(snapshot, { ...snapshot, standards: [{ ...snapshot.standards[0], requirements: [{ ...req, narrative: 'We have two.' }] }] })).toBe(false);
		expect(sameContent(snapshot, { ...snapshot, actions: [] })).toBe(false);
		expect(sameContent(snapshot, { ...snapshot, signOffs: [{ ...snapshot.signOffs[0], signedAt: '2026-11-21T10:00:00.000Z' }] })).toBe(false);
		expect(sameContent(snapshot, { ...snapshot, template: { ...snapshot.template, version: 3 } })).toBe(false);
	});
});

describe('what changed between two versions', () => {
	const req = snapshot.standards[0].requirements[0];
	const withRequirement = (s: Snapshot, change: Partial<typeof req>): Snapshot => ({ ...s, standards: [{ ...s.standards[0], requirements: [{ ...req, ...change }] }] });
	const action = { ...snapshot.actions[0], id: 'a1', progress: 'Course booked.' };
	const v1: Snapshot = { ...withRequirement(snapshot, { carriedForward: false }), actions: [action], signOffs: [{ ...snapshot.signOffs[0], contentHash: 'aaa' }] };

	it('is nothing at all between a version and itself', () => {
		const same = compareSnapshots(v1, reordered(v1));
		expect(same).toEqual({ answers: [], actions: [], signOffs: [], evidence: [] });
		expect(describeChanges(same)).toEqual([]);
	});

	it('reports a version that changed only an action’s progress notes as changed, naming the field', () => {
		const v2 = { ...v1, actions: [{ ...action, progress: 'Course booked. Half the team trained by March.' }] };
		const c = compareSnapshots(v1, v2);
		expect(c.answers).toEqual([]);
		expect(c.actions).toEqual([{ kind: 'changed', before: v1.actions[0], after: v2.actions[0], fields: ['progress'] }]);
		expect(describeChanges(c)).toEqual(['1 action changed']);
	});

	it('names every field of an action that changed, and tells a new action from a changed one by its id', () => {
		const changed = { ...action, owner: 'Head of HR', dueOn: '2027-03-31', status: 'done', description: 'Train every officer' };
		const added = { ...action, id: 'a2', description: 'Audit the training records', progress: '' };
		const c = compareSnapshots(v1, { ...v1, actions: [changed, added] });
		expect(c.actions).toEqual([
			{ kind: 'changed', before: action, after: changed, fields: ['description', 'owner', 'dueOn', 'status'] },
			{ kind: 'added', action: added }
		]);
		expect(describeChanges(compareSnapshots({ ...v1, actions: [changed, added] }, v1))).toEqual(['1 action removed', '1 action changed']);
	});

	it('pairs the actions of older versions, which froze no ids, by requirement and description', () => {
		const old = { ...v1, actions: [{ ...snapshot.actions[0] }, { ...snapshot.actions[0], description: 'Audit' }] };
		const now = { ...v1, actions: [{ ...action, status: 'done' }, { ...action, id: 'a2', description: 'Audit', progress: '' }, { ...action, id: 'a3', requirementCode: '1.2' }] };
		const c = compareSnapshots(old, now);
		expect(c.actions.map((a) => [a.kind, a.kind === 'changed' ? a.fields : a.action.requirementCode])).toEqual([
			['changed', ['status', 'progress']],
			['added', '1.2']
		]);
	});

	it('reports an answer’s grade, narrative, reason and review state, and a removed requirement', () => {
		const v2 = withRequirement(v1, { grade: '3', gradeLabel: 'Requires improvement', narrative: 'We are recruiting.', carriedForward: true });
		expect(compareSnapshots(v1, v2).answers).toEqual([
			{ code: '1.1', text: 'A named lead', grade: { before: 'Good', after: 'Requires improvement' }, narrative: { before: 'We have one.', after: 'We are recruiting.' }, carriedForward: { before: false, after: true } }
		]);
		// An older version that did not record the review state is not a change of it.
		expect(compareSnapshots(withRequirement(v1, { carriedForward: undefined }), v1).answers).toEqual([]);
		expect(compareSnapshots(v1, { ...v1, standards: [] }).answers).toEqual([{ code: '1.1', text: 'A named lead', grade: { before: 'Good', after: null }, narrative: { before: 'We have one.', after: '' } }]);
	});

	it('reports a sign-off given again, added or removed, and evidence added or removed', () => {
		const signedAgain = { ...v1.signOffs[0], signedAt: '2026-11-22T09:00:00.000Z', contentHash: 'bbb' };
		const governor = { capacity: 'governor' as const, name: 'G Ford', role: '', signedAt: '2026-11-22T09:00:00.000Z', contentHash: 'bbb' };
		const c = compareSnapshots(v1, { ...v1, signOffs: [signedAgain, governor], evidence: { '1.1': [POLICY] } });
		expect(c.signOffs).toEqual([
			{ capacity: 'executive_lead', before: v1.signOffs[0], after: signedAgain },
			{ capacity: 'governor', before: null, after: governor }
		]);
		expect(c.evidence).toEqual([{ requirementCode: '1.1', kind: 'added', file: POLICY }]);
		expect(describeChanges(c)).toEqual(['2 sign-offs changed', '1 evidence file added']);
		const removed = compareSnapshots({ ...v1, evidence: { '1.1': [POLICY] } }, v1);
		expect(removed.evidence).toEqual([{ requirementCode: '1.1', kind: 'removed', file: POLICY }]);
	});
});

describe('freezing the answers to a cycle’s standards', () => {
	it('keeps only the cycle’s standards, with each answer’s grade label, reason, narrative and review state', () => {
		const template = shippedTemplate('section-175');
		const [first, second] = template.standards;
		const answers = new Map([
			[first.requirements[0].code, { requirementCode: first.requirements[0].code, grade: 'na', naReason: 'No such provision.', narrative: '', carriedForward: false }],
			[first.requirements[1].code, { requirementCode: first.requirements[1].code, grade: template.scale.grades[0].value, naReason: '', narrative: 'In place.', carriedForward: true }]
		]);
		const frozen = freezeStandards(template, [first.code], answers);
		expect(frozen.map((s) => s.code)).toEqual([first.code]);
		expect(frozen[0].requirements.slice(0, 3)).toEqual([
			{ code: first.requirements[0].code, text: first.requirements[0].text, grade: 'na', gradeLabel: 'Not applicable', naReason: 'No such provision.', narrative: '', carriedForward: false },
			{ code: first.requirements[1].code, text: first.requirements[1].text, grade: template.scale.grades[0].value, gradeLabel: template.scale.grades[0].label, naReason: '', narrative: 'In place.', carriedForward: true },
			{ code: first.requirements[2].code, text: first.requirements[2].text, grade: null, gradeLabel: null, naReason: '', narrative: '', carriedForward: false }
		]);
		expect(frozen.some((s) => s.code === second.code)).toBe(false);
	});
});
