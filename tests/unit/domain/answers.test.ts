import { describe, expect, it } from 'vitest';
import { answerSchema, readStandardForm } from '../../../src/lib/domain/answers';
import { shippedTemplate } from '../../helpers/templates';

const template = shippedTemplate('section-11');
const standard = template.standards[0];
const code = standard.requirements[0].code;
const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('the answer form', () => {
	it('keeps what was typed without control characters', () => {
		const { answers, errors } = readStandardForm(template, standard, form({ [`narrative-${code}`]: 'abc\u0000def\r\nnext', [`naReason-${code}`]: '\u0000' }));
		expect(errors).toEqual({});
		expect(answers[0]).toMatchObject({ narrative: 'abcdef\nnext', naReason: '' });
		expect(answerSchema.parse({ grade: null, naReason: '', narrative: 'a\u0000b', version: 0 }).narrative).toBe('ab');
	});

	it.each(['99999999999', '2147483648', '1.5', '1abc', '-1'])('refuses version %s', (version) => {
		const { errors } = readStandardForm(template, standard, form({ [`version-${code}`]: version }));
		expect(errors[`grade-${code}`]).toBe('Reload the page and try again');
	});
});
