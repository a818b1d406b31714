// The importer meets files written by hand and spreadsheets: whatever it is
// given, it answers with a template or a list of problems, never an exception.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseTemplateText, validateTemplate } from '../../../src/lib/server/template-files';
import { shippedTemplate } from '../../helpers/templates';

const valid = shippedTemplate('section-11');

describe('the template importer', () => {
	it('reads a shipped template back from YAML and from JSON', () => {
		expect(parseTemplateText(stringify(valid))).toEqual({ ok: true, template: valid });
		expect(parseTemplateText(JSON.stringify(valid))).toEqual({ ok: true, template: valid });
	});

	it('takes NUL and other control characters out of the file and of every value in it', () => {
		const t = { ...valid, title: 'Section\u0000 11' };
		const json = parseTemplateText(JSON.stringify(t));
		const yaml = parseTemplateText(stringify(valid).replace('title:', 'title:\u0000'));
		expect(json.ok && json.template.title).toBe('Section 11');
		expect(yaml).toEqual({ ok: true, template: valid });
		expect(JSON.stringify(validateTemplate({ ...valid, description: 'a\u0000\u0007b' }))).not.toMatch(/\\u000[07]/);
	});

	it('replaces half a surrogate pair, which jsonb refuses, with the replacement character', () => {
		const parsed = parseTemplateText(JSON.stringify(valid).replace('"title":"', '"title":"\\ud800'));
		expect(parsed.ok && parsed.template.title).toBe(`\ufffd${valid.title}`);
	});

	it('takes grades that need evidence only from its own scale', () => {
		const ok = validateTemplate({ ...valid, quality: { ...valid.quality, evidenceRequiredFor: ['1'] } });
		expect(ok.ok && ok.template.quality.evidenceRequiredFor).toEqual(['1']);
		const wrong = validateTemplate({ ...valid, quality: { ...valid.quality, evidenceRequiredFor: ['outstanding'] } });
		expect(wrong.ok).toBe(false);
		if (!wrong.ok) expect(wrong.problems.map((p) => p.message)).toContain('“outstanding” is not a grade on the scale');
	});

	it('never throws on arbitrary text', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.json(), fc.string().map((s) => `id: ${s}\nstandards: [${s}]`)), (text) => {
				const result = parseTemplateText(text);
				if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
			}),
			{ numRuns: 1000 }
		);
	});

	it('never throws on any JSON value, and reports where each problem is', () => {
		fc.assert(
			fc.property(fc.jsonValue(), (value) => {
				const result = validateTemplate(value);
				expect(result.ok).toBe(false);
				if (!result.ok) for (const p of result.problems) expect(typeof p.where).toBe('string');
			}),
			{ numRuns: 500 }
		);
	});

	it('survives any one field of a real template being replaced by anything', () => {
		const paths: (string | number)[][] = [['id'], ['version'], ['scale'], ['scale', 'grades', 0, 'score'], ['standards', 0, 'requirements'], ['standards', 2, 'requirements', 1, 'code'], ['signOff', 'capacities'], ['narrative', 'minLength']];
		fc.assert(
			fc.property(fc.constantFrom(...paths), fc.anything(), (path, value) => {
				const t = structuredClone(valid) as unknown as Record<string | number, unknown>;
				let node = t;
				for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
				node[path[path.length - 1]] = value;
				const result = validateTemplate(t);
				if (!result.ok) expect(result.problems.some((p) => p.where.startsWith(String(path[0])))).toBe(true);
			}),
			{ numRuns: 800 }
		);
	});

	it.each([
		[(t: typeof valid) => (t.standards[1].requirements[0].code = t.standards[0].requirements[0].code), /Requirement 1.1 appears twice/, 'standards.1.requirements.0.code'],
		[(t: typeof valid) => (t.standards[1].code = '1'), /Standard 1 appears twice/, 'standards.1.code'],
		[(t: typeof valid) => (t.scale.grades[1].value = t.scale.grades[0].value), /used twice/, 'scale.grades.1.value'],
		[(t: typeof valid) => (t.standards[0].requirements[0].text = ''), /Requirement text is required/, 'standards.0.requirements.0.text']
	])('names the path of a mistake: %#', (mutate, message, where) => {
		const t = structuredClone(valid);
		mutate(t);
		const result = validateTemplate(t);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems.find((p) => message.test(p.message))?.where).toBe(where);
	});

	it('refuses YAML aliases used to blow up memory', () => {
		const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\n` + Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`).join('\n');
		const result = parseTemplateText(bomb);
		expect(result.ok).toBe(false);
	});
});
