// Feedback letters generated per second for a 450-organisation cycle: each
// letter drafted from its facts and rendered as the tagged PDF (then, timed
// separately, as the Word file), one after another as issuing does, each to a
// byte-counting sink. Eight standards per letter, as the Section 11 template
// has, with the strengths, improvements, challenges and actions a moderated
// return gives. Rendering only: the database reads of issuing are not in it.
// The baseline, in the same run: bare pdfkit writing each letter's text
// (fixtures/bare-pdf.ts), one letter after another the same way.
// `npm run bench:letters` (LETTERS=450). Numbers, not assertions.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { draftBody, type LetterFacts } from '../src/lib/domain/letters';
import { SCALE_PRESETS } from '../src/lib/domain/scales';
import type { Scale } from '../src/lib/domain/template';
import { letterContent } from '../src/lib/server/letters/content';
import { letterPdf } from '../src/lib/server/letters/render-pdf';
import { letterDocx } from '../src/lib/server/letters/render-docx';
import type { LetterContent } from '../src/lib/server/letters/content';
import { barePdf } from './fixtures/bare-pdf';
import { begin, cores, report } from './fixtures/report';

const finish = begin('letters');
const TARGET_PER_SECOND = 20;

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

/** The letter's text, as the baseline writes it: the opening, the grades table, the rest and the signature. */
const bare = (c: LetterContent) =>
	barePdf(c.title, [
		{ kind: 'paragraph', text: `${c.partnershipName}\n${c.organisationName}\n${c.cycleTitle}` },
		...c.opening,
		{ kind: 'table', ...c.table },
		...c.sections,
		{ kind: 'paragraph', text: `${c.signature.name}\n${c.signature.role}\n${c.signature.signedOn}` }
	]);

/** Renders every letter once, one after another, after one to warm up; letters per second and the mean size. */
async function time(render: (i: number) => Promise<number>) {
	await render(0); // warm up: fonts parsed, code compiled
	const start = process.hrtime.bigint();
	let total = 0;
	for (let i = 0; i < ORGANISATIONS; i++) total += await render(i);
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	return { seconds, perSecond: ORGANISATIONS / seconds, kb: total / ORGANISATIONS / 1024 };
}

const pdfOf = async (i: number) => {
	const out = sink();
	await pipeline(letterPdf(contents[i]), out.stream);
	return out.bytes();
};
// In turn, twice, so a change in the machine's load falls on both; the faster of each is kept.
const runs = { pdf: [] as Awaited<ReturnType<typeof time>>[], bare: [] as Awaited<ReturnType<typeof time>>[], docx: [] as Awaited<ReturnType<typeof time>>[] };
for (let round = 0; round < 2; round++) {
	runs.pdf.push(await time(pdfOf));
	runs.bare.push(await time(async (i) => (await bare(contents[i])).length));
	runs.docx.push(await time(async (i) => (await letterDocx(contents[i])).length));
}
const best = (xs: Awaited<ReturnType<typeof time>>[]) => xs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
const pdf = best(runs.pdf);
const base = best(runs.bare);
const docx = best(runs.docx);
const rss = process.resourceUsage().maxRSS / 1024;
const line = (what: string, r: typeof pdf) => `| ${what} | ${r.seconds.toFixed(1)} s | ${r.perSecond.toFixed(1)} | ${r.kb.toFixed(0)} KB |`;
const detail = [
	`### ${cores()}, ${ORGANISATIONS} letters, the faster of two rounds; peak resident memory ${rss.toFixed(0)} MB`,
	'',
	'| What | All letters | Letters/s | Each |',
	'|---|---|---|---|',
	line('Baseline: bare pdfkit, the same text', base),
	line('**The feedback letter PDF** (tagged, table, page furniture)', pdf),
	line('The feedback letter as a Word document', docx)
].join('\n');
report(
	finish(
		[
			{
				what: `Feedback letters, ${ORGANISATIONS} rendered one after another (PDF)`,
				measured: `${pdf.perSecond.toFixed(1)} letters/s (Word ${docx.perSecond.toFixed(1)}/s)`,
				baseline: `bare pdfkit writing the same text ${base.perSecond.toFixed(1)} letters/s`,
				ratio: base.perSecond / pdf.perSecond,
				target: `≥ ${TARGET_PER_SECOND} letters/s`,
				met: pdf.perSecond >= TARGET_PER_SECOND,
				note: 'Rendering only: issuing also reads each organisation’s moderation, challenges and actions and stores the files.',
				numbers: { letters: ORGANISATIONS, pdfPerSecond: pdf.perSecond, barePerSecond: base.perSecond, docxPerSecond: docx.perSecond, pdfKb: pdf.kb, peakRssMb: rss }
			}
		],
		detail
	)
);
