import { describe, expect, it } from 'vitest';
import { checkRequirement, standardProgress, submissionBlockers, byRequirement, type ResponseState } from '../../../src/lib/domain/completion';
import { shippedTemplate } from '../../helpers/templates';

const s11 = shippedTemplate('section-11');
const s175 = shippedTemplate('section-175');
const req = s11.standards[0].requirements[0];
const answer = (over: Partial<ResponseState>): ResponseState => ({ requirementCode: req.code, grade: null, naReason: '', narrative: '', carriedForward: false, ...over });
const long = 'x'.repeat(s11.narrative.minLength);

describe('a requirement is complete when', () => {
	it('it has a grade and a narrative as long as the template asks', () => {
		expect(checkRequirement({ template: s11 }, req, answer({ grade: '2', narrative: long })).status).toBe('complete');
	});

	it.each([
		[{}, 'not_started', 'Not answered yet'],
		[{ narrative: long }, 'incomplete', 'Choose a grade'],
		[{ grade: '2' }, 'incomplete', 'Write the narrative that supports the grade'],
		[{ grade: '2', narrative: 'too short' }, 'incomplete', `The narrative is too short: write at least ${s11.narrative.minLength} characters (9 so far)`],
		[{ grade: 'banana', narrative: long }, 'incomplete', 'Choose a grade from the scale'],
		[{ grade: 'na', naReason: 'n/a', narrative: long }, 'incomplete', 'This requirement cannot be marked not applicable: choose a grade'],
		[{ grade: '2', narrative: long, carriedForward: true }, 'incomplete', 'Carried forward from your last return: review it and confirm or update it']
	] as const)('%o is %s: “%s”', (over, status, problem) => {
		const check = checkRequirement({ template: s11 }, req, answer(over));
		expect(check.status).toBe(status);
		expect(check.problems).toContain(problem);
	});

	it('not applicable needs a reason, where the template allows it, but no narrative', () => {
		const r = s175.standards[0].requirements[0];
		const na = (naReason: string) => checkRequirement({ template: s175 }, r, { requirementCode: r.code, grade: 'na', naReason, narrative: '', carriedForward: false });
		expect(na('').problems).toEqual(['Say why this does not apply']);
		expect(na('We have no sixth form').status).toBe('complete');
	});
});

describe('a template that needs evidence for a grade', () => {
	const strict = { ...s11, quality: { ...s11.quality, evidenceRequiredFor: ['1'] } };

	it('blocks “Outstanding” with no document cited, saying what to do, and lets other grades through', () => {
		const check = checkRequirement({ template: strict }, req, answer({ grade: '1', narrative: 'x'.repeat(300) }));
		expect(check.status).toBe('incomplete');
		expect(check.problems).toEqual(['“Outstanding” needs at least one piece of evidence: add a document or link one from your evidence library']);
		expect(checkRequirement({ template: strict }, req, answer({ grade: '2', narrative: 'x'.repeat(300) })).status).toBe('complete');
	});

	it('counts a cited document, and blocks submission until there is one', () => {
		expect(checkRequirement({ template: strict, evidenceCounts: { [req.code]: 1 } }, req, answer({ grade: '1', narrative: 'x'.repeat(300) })).status).toBe('complete');
		const answers = byRequirement(strict.standards[0].requirements.map((r) => ({ ...answer({ grade: '1', narrative: 'x'.repeat(300) }), requirementCode: r.code })));
		const blockers = submissionBlockers(standardProgress({ template: strict }, answers, [strict.standards[0].code]));
		expect(blockers.length).toBe(strict.standards[0].requirements.length);
	});
});

describe('quality prompts', () => {
	it('flag a strong grade with no evidence and a brief narrative, without blocking it', () => {
		const check = checkRequirement({ template: s11 }, req, answer({ grade: '1', narrative: long }));
		expect(check.status).toBe('complete');
		expect(check.prompts[0]).toBe('“Outstanding” is a strong grade, but the narrative is brief. Reviewers look for the evidence behind a strong grade: name the documents that show it.');
	});

	it('stay quiet when evidence is linked, the narrative is full, or the grade is not strong', () => {
		expect(checkRequirement({ template: s11, evidenceCounts: { [req.code]: 1 } }, req, answer({ grade: '1', narrative: long })).prompts).toEqual([]);
		expect(checkRequirement({ template: s11 }, req, answer({ grade: '1', narrative: 'x'.repeat(250) })).prompts).toEqual([]);
		expect(checkRequirement({ template: s11 }, req, answer({ grade: '3', narrative: long })).prompts).toEqual([]);
	});

	it('warn about a child’s personal data in the narrative', () => {
		const check = checkRequirement({ template: s11 }, req, answer({ grade: '2', narrative: `${long} Jayden Smith, DOB 12/03/2015, was referred.` }));
		expect(check.personalData.map((w) => w.kind)).toContain('date-of-birth');
	});
});

describe('progress and blockers', () => {
	const all = s11.standards.flatMap((s) => s.requirements);
	const complete = all.map((r) => ({ requirementCode: r.code, grade: '2', naReason: '', narrative: long, carriedForward: false }));

	it('count complete requirements per standard, limited to a cycle’s standards', () => {
		const answers = byRequirement(complete.slice(0, 3));
		const progress = standardProgress({ template: s11 }, answers, ['1', '2']);
		expect(progress.map((p) => p.code)).toEqual(['1', '2']);
		expect(progress[0]).toMatchObject({ complete: 3, status: 'in_progress' });
		expect(progress[1]).toMatchObject({ complete: 0, status: 'not_started' });
	});

	it('a fully answered return has no blockers', () => {
		expect(submissionBlockers(standardProgress({ template: s11 }, byRequirement(complete)))).toEqual([]);
		const missing = submissionBlockers(standardProgress({ template: s11 }, byRequirement(complete.slice(1))));
		expect(missing).toEqual([{ kind: 'requirement', standardCode: '1', requirementCode: req.code, message: 'Not answered yet' }]);
	});
});
