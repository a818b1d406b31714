import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCALE_PRESETS } from '../../../src/lib/domain/scales';
import { allRequirements, type Template } from '../../../src/lib/domain/template';
import { diffTemplates } from '../../../src/lib/domain/template-diff';
import { loadShippedTemplates } from '../../../src/lib/server/template-files';
import { ROOT } from '../../helpers/paths';

const templates = loadShippedTemplates(path.join(ROOT, 'templates'));
const westMidlands = templates.find((t) => t.id === 'west-midlands-section-11') as Template;
const total = allRequirements(westMidlands).length;

function edit(change: (t: Template) => void): Template {
	const copy = structuredClone(westMidlands);
	copy.version += 1;
	change(copy);
	return copy;
}

const standard = (t: Template, code: string) => t.standards.find((s) => s.code === code)!;
const requirementDiff = (diff: ReturnType<typeof diffTemplates>, code: string) =>
	diff.standards.flatMap((s) => s.requirements.map((r) => ({ ...r, standardCode: s.code }))).find((r) => r.code === code)!;

describe('diffTemplates', () => {
	it('finds nothing between identical versions', () => {
		const diff = diffTemplates(westMidlands, edit(() => {}));
		expect(diff.scaleChanged).toBe(false);
		expect(diff.scaleChanges).toEqual([]);
		expect(diff.signOffChanged).toBe(false);
		expect(diff.narrativeChanged).toBe(false);
		expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: total });
		expect(diff.standards.map((s) => s.code)).toEqual(westMidlands.standards.map((s) => s.code));
		expect(diff.standards.every((s) => s.status === 'unchanged' && s.requirements.every((r) => r.status === 'unchanged'))).toBe(true);
		expect(diff.standards.flatMap((s) => s.requirements).every((r) => r.changes.length === 0)).toBe(true);
	});

	it('every shipped template is identical to itself', () => {
		for (const t of templates) expect(diffTemplates(t, structuredClone(t)).summary.unchanged).toBe(allRequirements(t).length);
	});

	it('reports an added requirement under its standard', () => {
		const diff = diffTemplates(
			westMidlands,
			edit((t) => standard(t, '2').requirements.push({ code: '2.99', text: 'Staff know how to escalate a concern.', evidence: [] }))
		);
		expect(diff.summary).toEqual({ added: 1, removed: 0, changed: 0, unchanged: total });
		const s2 = diff.standards.find((s) => s.code === '2')!;
		expect(s2.status).toBe('changed');
		expect(s2.requirements.at(-1)).toEqual({ code: '2.99', status: 'added', changes: [], text: 'Staff know how to escalate a concern.' });
		expect(diff.standards.find((s) => s.code === '1')!.status).toBe('unchanged');
	});

	it('reports a removed requirement and a removed standard', () => {
		const removedText = standard(westMidlands, '1').requirements[2].text;
		const lastStandard = westMidlands.standards.at(-1)!;
		const diff = diffTemplates(
			westMidlands,
			edit((t) => {
				standard(t, '1').requirements.splice(2, 1);
				t.standards.pop();
			})
		);
		expect(requirementDiff(diff, '1.3')).toMatchObject({ status: 'removed', text: removedText, standardCode: '1' });
		const gone = diff.standards.at(-1)!;
		expect(gone).toMatchObject({ code: lastStandard.code, title: lastStandard.title, status: 'removed' });
		expect(gone.requirements.every((r) => r.status === 'removed')).toBe(true);
		expect(diff.summary.removed).toBe(1 + lastStandard.requirements.length);
		expect(diff.summary.unchanged).toBe(total - diff.summary.removed);
	});

	it('reports rewording, new guidance, changed evidence and a changed N/A rule as field changes', () => {
		const original = standard(westMidlands, '1').requirements[0];
		const diff = diffTemplates(
			westMidlands,
			edit((t) => {
				const r = standard(t, '1').requirements[0];
				r.text = 'The organisation has a named executive lead for safeguarding children.';
				r.evidence = [...r.evidence.slice(0, 2), 'Board minutes confirming the appointment'];
				r.allowNotApplicable = false;
				standard(t, '3').title = 'Listening to children';
			})
		);
		const r = requirementDiff(diff, original.code);
		expect(r.status).toBe('changed');
		expect(r.text).toBe('The organisation has a named executive lead for safeguarding children.');
		expect(r.changes).toEqual([
			{ field: 'text', before: original.text, after: 'The organisation has a named executive lead for safeguarding children.' },
			{
				field: 'evidence',
				before: original.evidence.join('; '),
				after: [...original.evidence.slice(0, 2), 'Board minutes confirming the appointment'].join('; ')
			},
			{ field: 'allowNotApplicable', before: 'as the scale allows', after: 'not allowed' }
		]);
		const s3 = diff.standards.find((s) => s.code === '3')!;
		expect(s3).toMatchObject({ status: 'changed', title: 'Listening to children' });
		expect(s3.titleChanged).toEqual({ before: 'Listening to Children and Young People', after: 'Listening to children' });
		expect(s3.requirements.every((x) => x.status === 'unchanged')).toBe(true);
		expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: total - 1 });
	});

	it('reports a moved requirement once, under its new standard, as changed', () => {
		const diff = diffTemplates(
			westMidlands,
			edit((t) => {
				const [moved] = standard(t, '1').requirements.splice(0, 1);
				standard(t, '4').requirements.push(moved);
			})
		);
		expect(diff.standards.find((s) => s.code === '1')!.requirements.some((r) => r.code === '1.1')).toBe(false);
		expect(requirementDiff(diff, '1.1')).toMatchObject({ status: 'changed', movedFrom: '1', standardCode: '4', changes: [] });
		expect(diff.standards.filter((s) => s.status === 'changed').map((s) => s.code)).toEqual(['1', '4']);
		expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: total - 1 });
	});

	it('reports an added standard', () => {
		const diff = diffTemplates(
			westMidlands,
			edit((t) => t.standards.push({ code: '8', title: 'Online safety', requirements: [{ code: '8.1', text: 'Staff are trained in online safety.', evidence: [] }] }))
		);
		expect(diff.standards.at(-1)).toMatchObject({ code: '8', status: 'added', requirements: [{ code: '8.1', status: 'added' }] });
		expect(diff.summary.added).toBe(1);
	});

	it('describes a change of scale', () => {
		const diff = diffTemplates(westMidlands, edit((t) => (t.scale = structuredClone(SCALE_PRESETS.rag))));
		expect(diff.scaleChanged).toBe(true);
		expect(diff.scaleChanges).toContain('The scale is renamed from "1 Outstanding to 4 Inadequate" to "Red, amber, green".');
		expect(diff.scaleChanges).toContain('Higher scores are now better (before, lower scores were).');
		expect(diff.scaleChanges).toContain('Grade "Outstanding" (1) is removed: answers with this grade will need a new grade.');
		expect(diff.scaleChanges).toContain('Grade "Green" (green) is added.');
		expect(diff.summary.unchanged).toBe(total);
	});

	it('describes a change within a grade and to the N/A rule', () => {
		const diff = diffTemplates(
			westMidlands,
			edit((t) => {
				t.scale.grades[1].label = 'Good practice';
				t.scale.grades[1].strong = false;
				t.scale.notApplicable.allowed = true;
			})
		);
		expect(diff.scaleChanges).toEqual([
			'Grade "Good practice" (2) was labelled "Good".',
			'Grade "Good practice" (2) no longer claims strength.',
			'Not applicable is now allowed.'
		]);
	});

	it('notices sign-off and narrative changes but not a reordering of capacities', () => {
		const s175 = templates.find((t) => t.kind === 'section-175')!;
		const reordered = structuredClone(s175);
		reordered.signOff.capacities.reverse();
		expect(diffTemplates(s175, reordered).signOffChanged).toBe(false);

		const diff = diffTemplates(
			westMidlands,
			edit((t) => {
				t.signOff.capacities = ['executive_lead', 'governor'];
				t.narrative.minLength = 150;
			})
		);
		expect(diff.signOffChanged).toBe(true);
		expect(diff.narrativeChanged).toBe(true);
		expect(diff.scaleChanged).toBe(false);
	});
});
