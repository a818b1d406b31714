import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShippedTemplates } from '../../../src/lib/server/template-files';
import { allRequirements } from '../../../src/lib/domain/template';
import { ROOT } from '../../helpers/paths';

const templates = loadShippedTemplates(path.join(ROOT, 'templates'));
const byKind = (kind: string) => templates.filter((t) => t.kind === kind);

describe('shipped templates', () => {
	it('are all valid and include a Section 11, a Section 175/157 and a themed template', () => {
		expect(byKind('section-11')).toHaveLength(1);
		expect(byKind('section-175')).toHaveLength(1);
		expect(byKind('themed').length).toBeGreaterThanOrEqual(1);
	});

	it('the West Midlands Section 11 template has its seven standards, in order', () => {
		const [s11] = byKind('section-11');
		expect(s11.standards.map((s) => s.title)).toEqual([
			'Leadership and Accountability',
			'Policies and Procedures',
			'Listening to Children and Young People',
			'Recruitment and Selection',
			'Staff Induction, Training and Development',
			'Complaints, Allegations and Whistle-blowing',
			'Information Sharing, Communication and Confidentiality'
		]);
		expect(s11.signOff.capacities).toEqual(['executive_lead']);
	});

	it('the schools return is signed off by the headteacher and a governor and allows N/A with a reason', () => {
		const [s175] = byKind('section-175');
		expect(s175.signOff.capacities).toEqual(['headteacher', 'governor']);
		expect(s175.scale.notApplicable).toEqual({ allowed: true, reasonRequired: true });
		expect(s175.scale.grades.map((g) => g.value)).toEqual(['yes', 'partly', 'no']);
	});

	it.each(templates.map((t) => [t.id, t] as const))('%s has unique ids and realistic size', (_, t) => {
		const requirements = allRequirements(t);
		expect(requirements.length).toBeGreaterThanOrEqual(15);
		expect(requirements.length).toBeLessThanOrEqual(120);
		expect(templates.filter((o) => o.id === t.id)).toHaveLength(1);
	});

	// Evidence cannot be uploaded yet: what a template asks people to do must be possible.
	it.each(templates.map((t) => [t.id, t] as const))('%s does not ask for uploads', (_, t) => {
		const texts = [t.description ?? '', t.narrative.prompt ?? '', ...t.standards.flatMap((s) => [s.description ?? '', ...s.requirements.flatMap((r) => [r.text, r.guidance ?? ''])])];
		expect(texts.filter((text) => /upload/i.test(text))).toEqual([]);
	});
});
