import { describe, expect, it } from 'vitest';
import { canDraftFrom, draftBody, gradeTable, improvements, parseLetter, strengths, wordingProblem, LETTER_MAX, type LetterFacts } from '../../../src/lib/domain/letters';
import { fitWithin, imageInfo } from '../../../src/lib/domain/image-size';
import { SCALE_PRESETS } from '../../../src/lib/domain/scales';
import type { Scale } from '../../../src/lib/domain/template';
import { MODERATION_STATES } from '../../../src/lib/domain/moderation';
import { pngImage } from '../../helpers/images';

const fourPoint = SCALE_PRESETS['four-point'] as unknown as Scale; // 1 Outstanding … 4 Inadequate

const facts = (over: Partial<LetterFacts> = {}): LetterFacts => ({
	partnershipName: 'Testshire Partnership',
	organisationName: 'Canary Trust',
	cycleTitle: 'Section 11 audit 2026',
	scale: fourPoint,
	standards: [
		{ code: '1', title: 'Leadership', self: '1', moderated: '1', agreed: null, rationale: 'Well evidenced.', changeRequest: '', agreedRationale: '' },
		{ code: '2', title: 'Training', self: '2', moderated: '3', agreed: '3', rationale: 'No training records.', changeRequest: '', agreedRationale: 'Agreed at the panel: records missing.' },
		{ code: '3', title: 'Supervision', self: '2', moderated: '2', agreed: null, rationale: 'Fine.', changeRequest: '', agreedRationale: '' },
		{ code: '4', title: 'Allegations', self: '4', moderated: '4', agreed: null, rationale: 'No procedure.', changeRequest: 'Write the procedure.', agreedRationale: '' }
	],
	criteria: { good_practice: { rating: 'yes', comment: 'Peer review of cases with the council.' }, risks: { rating: 'partly', comment: 'Out-of-hours cover is thin.' } },
	summary: 'A careful return.',
	challenges: [{ text: 'Show the training records.', dueOn: '2027-01-31', status: 'open', standardCode: '2' }],
	actions: [{ description: 'Audit supervision files', owner: 'Head of safeguarding', dueOn: '2027-03-01', requirementCode: '3.1' }],
	...over
});

describe('the letter markup', () => {
	it('reads headings, lists and paragraphs separated by blank lines', () => {
		expect(parseLetter('Dear all,\nsecond line\n\n# Strengths\n- one\n- two\n  continued\n\n## Detail\nLast words.')).toEqual([
			{ kind: 'paragraph', text: 'Dear all,\nsecond line' },
			{ kind: 'heading', level: 2, text: 'Strengths' },
			{ kind: 'list', items: ['one', 'two continued'] },
			{ kind: 'heading', level: 3, text: 'Detail' },
			{ kind: 'paragraph', text: 'Last words.' }
		]);
	});
	it('starts a list straight after a paragraph line and ends it at a blank line; Windows line ends too', () => {
		expect(parseLetter('Intro:\r\n- a\r\n\r\nAfter')).toEqual([
			{ kind: 'paragraph', text: 'Intro:' },
			{ kind: 'list', items: ['a'] },
			{ kind: 'paragraph', text: 'After' }
		]);
	});
	it('treats "#" without a space and "-" inside a line as text', () => {
		expect(parseLetter('#hashtag and a - dash')).toEqual([{ kind: 'paragraph', text: '#hashtag and a - dash' }]);
	});
	it('refuses empty or over-long wording with a message', () => {
		expect(wordingProblem('  \n ')).toBe('Enter the wording of the letter');
		expect(wordingProblem('x'.repeat(LETTER_MAX + 1))).toMatch(/20,000 characters or fewer/);
		expect(wordingProblem('Fine')).toBeNull();
	});
});

describe('drafting a letter', () => {
	it('may draft only from an accepted or completed moderation', () => {
		expect(MODERATION_STATES.filter(canDraftFrom)).toEqual(['accepted', 'completed']);
		expect(canDraftFrom(null)).toBe(false);
	});
	it('tabulates self, moderated and agreed grades per standard from the data', () => {
		const t = gradeTable(facts());
		expect(t.head).toEqual(['Standard', 'Self grade', 'Moderated grade', 'Agreed grade']);
		expect(t.rows[1]).toEqual(['2. Training', 'Good', 'Requires improvement', 'Requires improvement']);
		expect(t.rows[0][3]).toBe('Not yet agreed');
	});
	it('finds strengths in standards at the top grade and the good practice comment', () => {
		expect(strengths(facts())).toEqual(['Standard 1, Leadership: graded Outstanding.', 'Peer review of cases with the council.']);
	});
	it('finds areas for improvement where the grade fell below the self grade or is the lowest, and the risks comment', () => {
		const found = improvements(facts());
		expect(found).toHaveLength(3);
		expect(found[0]).toBe('Standard 2, Training: self-assessed Good, agreed Requires improvement. Agreed at the panel: records missing.');
		expect(found[1]).toBe('Standard 4, Allegations: self-assessed Inadequate, moderated Inadequate. Write the procedure.');
		expect(found[2]).toBe('Risks: Out-of-hours cover is thin.');
	});
	it('writes every section as editable markup: strengths, improvements, challenges with due dates and status, actions with dates', () => {
		const body = draftBody(facts(), (s) => (s === 'open' ? 'Open' : s));
		const blocks = parseLetter(body);
		expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.kind === 'heading' && b.text)).toEqual(['Strengths and good practice', 'Areas for improvement', 'Challenges', 'Actions required']);
		expect(body).toContain('Dear colleagues at Canary Trust,');
		expect(body).toContain('Testshire Partnership has moderated it');
		expect(body).toContain('- Standard 2: Show the training records. (due 31 January 2027; open)');
		expect(body).toContain('- Audit supervision files (requirement 3.1; Head of safeguarding; due 1 March 2027)');
		expect(body).toContain('A careful return.');
	});
	it('says so when a section has nothing in it', () => {
		const body = draftBody(facts({ challenges: [], actions: [], criteria: {}, standards: [] }), String);
		expect(body).toContain('The partnership has raised no challenges with you for this cycle.');
		expect(body).toContain('Your action plan has no open actions.');
	});
});

describe('logo images', () => {
	it('reads a PNG’s size and fits it in a box keeping its proportions', () => {
		expect(imageInfo(pngImage(300, 100))).toEqual({ type: 'png', width: 300, height: 100 });
		expect(fitWithin({ width: 300, height: 100 }, { width: 240, height: 90 })).toEqual({ width: 240, height: 80 });
	});
	it('reads a JPEG’s frame size and refuses what is neither', () => {
		const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x32, 0x00, 0x64, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
		expect(imageInfo(jpeg)).toEqual({ type: 'jpg', width: 100, height: 50 });
		expect(imageInfo(Buffer.from('GIF89a not a logo'))).toBeNull();
	});
});
