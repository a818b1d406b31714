import { describe, expect, it } from 'vitest';
import { answerSchema, lengthProblems, NARRATIVE_MAX, NA_REASON_MAX, readStandardForm } from '../../../src/lib/domain/answers';
import { characterCountMessage } from '../../../src/lib/domain/character-count';
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

describe('the length of an answer', () => {
	it('is refused in the GOV.UK character count’s words, naming the requirement, the same for both ways of saving', () => {
		const narrative = 'x'.repeat(NARRATIVE_MAX + 1);
		const naReason = 'y'.repeat(NA_REASON_MAX + 1);
		expect(lengthProblems('7.2', { narrative, naReason })).toEqual({
			narrative: 'Narrative for 7.2 must be 10,000 characters or fewer',
			naReason: 'The reason for 7.2 must be 2,000 characters or fewer'
		});
		const { errors } = readStandardForm(template, standard, form({ [`narrative-${code}`]: narrative, [`naReason-${code}`]: naReason }));
		expect(errors).toEqual({ [`narrative-${code}`]: `Narrative for ${code} must be 10,000 characters or fewer`, [`naReason-${code}`]: `The reason for ${code} must be 2,000 characters or fewer` });
	});

	it('counts the text as stored, without the spaces around it', () => {
		expect(lengthProblems('7.2', { narrative: ` ${'x'.repeat(NARRATIVE_MAX)}\n\n`, naReason: '' })).toEqual({});
	});
});

describe('the character count', () => {
	it.each([
		[9_980, 10_000, 'You have 20 characters remaining'],
		[9_999, 10_000, 'You have 1 character remaining'],
		[10_000, 10_000, 'You have 0 characters remaining'],
		[10_001, 10_000, 'You have 1 character too many'],
		[10_015, 10_000, 'You have 15 characters too many'],
		[0, 10_000, 'You have 10,000 characters remaining'],
		[12_500, 10_000, 'You have 2,500 characters too many']
	])('says %i of %i as “%s”', (length, max, message) => {
		expect(characterCountMessage(length, max)).toBe(message);
	});
});
