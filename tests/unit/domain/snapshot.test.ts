import { describe, expect, it } from 'vitest';
import { sameContent, type Snapshot } from '../../../src/lib/domain/snapshot';

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
