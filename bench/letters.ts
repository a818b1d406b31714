// Feedback letters generated per second for a 450-organisation cycle: each
// letter drafted from its facts and rendered as the tagged PDF (then, timed
// separately, as the Word file), one after another as issuing does, each to a
// byte-counting sink. Eight standards per letter, as the Section 11 template
// has, with the strengths, improvements, challenges and actions a moderated
// return gives. Rendering only: the database reads of issuing are not in it.
// `npm run bench:letters`. Numbers, not assertions.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { draftBody, type LetterFacts } from '../src/lib/domain/letters';
import { SCALE_PRESETS } from '../src/lib/domain/scales';
import type { Scale } from '../src/lib/domain/template';
import { letterContent } from '../src/lib/server/letters/content';
import { letterPdf } from '../src/lib/server/letters/render-pdf';
import { letterDocx } from '../src/lib/server/letters/render-docx';

const ORGANISATIONS = Number(process.env.LETTERS ?? 450);
const scale = SCALE_PRESETS['four-point'] as unknown as Scale;
const TITLES = ['Senior management commitment', 'Clear line of accountability', 'Voice of the child', 'Training', 'Safer recruitment', 'Allegations against staff', 'Information sharing', 'Supervision and support'];

function facts(i: number): LetterFacts {
	return {
		partnershipName: 'Northmere Safeguarding Children Partnership',
		organisationName: `Organisation ${i + 1}`,
		cycleTitle: 'Section 11 audit 2026',
		scale,
		standards: TITLES.map((title, s) => ({
			code: String(s + 1), title, self: String(1 + ((i + s) % 3)), moderated: String(1 + ((i + s + 1) % 4)), agreed: s % 3 ? null : String(1 + ((i + s) % 4)),
			rationale: 'The narrative describes the policy; the evidence shows it in practice for most teams, with gaps in out-of-hours cover.', changeRequest: '', agreedRationale: ''
		})),
		criteria: { good_practice: { rating: 'yes', comment: 'Joint case audits with the council’s children’s services.' }, risks: { rating: 'partly', comment: 'Turnover in the safeguarding team.' } },
		summary: 'A thorough return with clear evidence for most standards.',
		challenges: [{ text: 'Show how supervision findings reach the board.', dueOn: '2027-02-28', status: 'open', standardCode: '8' }],
		actions: [1, 2, 3].map((n) => ({ description: `Action ${n}: audit the files and report to the board`, owner: 'Head of safeguarding', dueOn: '2027-03-31', requirementCode: `${n}.1` }))
	};
}

const sink = () => {
	let bytes = 0;
	return { stream: new Writable({ write(chunk: Buffer, _e, cb) { bytes += chunk.length; cb(); } }), bytes: () => bytes };
};

const contents = Array.from({ length: ORGANISATIONS }, (_, i) => {
	const f = facts(i);
	return letterContent(f, draftBody(f, (s) => s), { name: 'Dr Alex Chair', role: 'Independent Chair', signedOn: '2026-12-01' }, null, false);
});

async function time(label: string, render: (i: number) => Promise<number>) {
	await render(0); // warm up: fonts parsed, code compiled
	const start = process.hrtime.bigint();
	let total = 0;
	for (let i = 0; i < ORGANISATIONS; i++) total += await render(i);
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	console.log(`${label}: ${ORGANISATIONS} letters in ${seconds.toFixed(1)} s = ${(ORGANISATIONS / seconds).toFixed(1)} letters/s, ${(total / ORGANISATIONS / 1024).toFixed(0)} KB each`);
}

await time('PDF ', async (i) => {
	const out = sink();
	await pipeline(letterPdf(contents[i]), out.stream);
	return out.bytes();
});
await time('Word', async (i) => (await letterDocx(contents[i])).length);
console.log(`peak resident memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
