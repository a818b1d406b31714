// The challenge panel's pre-read packs for a 450-organisation cycle as one
// streamed ZIP: how long it takes and how much memory it holds. Each pack is a
// schools return of 64 items (8 standards of 8 requirements, a 400-character
// narrative and two evidence files each, ten actions), its moderation (grades,
// rationales, the six criteria) and two open challenges. Rendering and ZIP
// only: the database reads (one submission, moderation and challenge list per
// pack, made as the ZIP reaches it) are not in it. `npm run bench:packs`.
// Numbers, not assertions.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { packsZip } from '../src/lib/server/packs/packs-zip';
import type { PackInput } from '../src/lib/server/packs/pre-read-pack';
import { SCALE_PRESETS } from '../src/lib/domain/scales';
import { REVIEW_CRITERIA } from '../src/lib/domain/moderation';

const ORGANISATIONS = Number(process.env.PACKS ?? 450);
const scale = SCALE_PRESETS['four-point'] as unknown as PackInput['scale'];
const NARRATIVE = 'Staff complete safeguarding training at induction and every two years; the designated safeguarding lead keeps a log of concerns, reviewed each half term with the headteacher, and governors receive an annual report. '.repeat(2);

function input(i: number): PackInput {
	const standards = Array.from({ length: 8 }, (_, s) => ({
		code: String(s + 1),
		title: `Standard ${s + 1} of the schools return`,
		requirements: Array.from({ length: 8 }, (_, r) => ({ code: `${s + 1}.${r + 1}`, text: `Requirement ${s + 1}.${r + 1}: the school can show it meets this`, grade: String(1 + ((i + r) % 4)), gradeLabel: 'Good', naReason: '', narrative: NARRATIVE }))
	}));
	const evidence = Object.fromEntries(standards.flatMap((s) => s.requirements.map((r) => [r.code, [1, 2].map((n) => ({ documentId: `d${n}`, revisionId: `r${n}`, revision: n, name: `Evidence ${n} for ${r.code}`, fileName: `evidence-${n}.pdf`, size: 1000, mediaType: 'application/pdf', sha256: 'x' }))])));
	const moderated = new Map(standards.map((s) => [s.code, { code: s.code, grade: String(1 + ((i + Number(s.code)) % 4)), rationale: 'The evidence supports the grade for most requirements.', requirementGrades: {}, changeRequest: '', agreedGrade: null, agreedRationale: '', agreedSource: null, agreedAt: null, basedOnSubmissionId: null, updatedAt: new Date(), updatedBy: null, version: 1 }]));
	return {
		submission: {
			id: `s${i}`, returnId: 'r', cycleId: 'c', organisationId: `o${i}`, partnershipId: 'p', version: 1, submittedAt: new Date(), late: false, moderatorId: null,
			snapshot: {
				template: { id: 't', slug: 'section-175-schools', version: 1, title: 'Schools safeguarding audit', kind: 'school', scale: 'four-point', better: 'lower' },
				organisation: { id: `o${i}`, name: `School ${i + 1}` },
				cycle: { id: 'c', title: 'Schools safeguarding audit 2026', partnershipName: 'Northmere Safeguarding Children Partnership', deadline: '2026-12-31' },
				standards, evidence, signOffs: [], submittedBy: { name: 'A Head', email: 'head@example.org' },
				actions: Array.from({ length: 10 }, (_, n) => ({ requirementCode: `${1 + (n % 8)}.1`, description: `Action ${n + 1}: audit the records and report to governors`, owner: 'DSL', dueOn: '2027-03-31', status: 'in_progress', progress: '' }))
			}
		},
		scale,
		moderation: {
			id: 'm', cycleId: 'c', organisationId: `o${i}`, partnershipId: 'p', submissionId: `s${i}`, state: 'accepted', moderatorId: null, moderatorName: 'Tom Okafor',
			criteria: Object.fromEntries(REVIEW_CRITERIA.map((c) => [c.key, { rating: 'partly', comment: 'Mostly; two gaps noted in the rationale.' }])),
			summary: 'A thorough return.', reviewVersion: 1, reviewUpdatedAt: new Date(), stateChangedAt: new Date(), version: 1, standards: moderated
		},
		challenges: [1, 2].map((n) => ({ text: `Challenge ${n}: show how the log reaches governors.`, standardCode: String(n), requirementCode: null, status: 'open', dueOn: '2027-01-31' })) as unknown as PackInput['challenges'],
		slot: { eventTitle: 'Schools challenge panel', startsAt: new Date(), endsAt: new Date(), place: 'Civic Centre' },
		today: '2026-12-01'
	} as unknown as PackInput;
}

let bytes = 0;
const sink = new Writable({ write(chunk: Buffer, _e, cb) { bytes += chunk.length; cb(); } });
const entries = Array.from({ length: ORGANISATIONS }, (_, i) => ({ organisationName: `School ${i + 1}`, partnershipName: 'Northmere', input: async () => input(i) }));
global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const start = process.hrtime.bigint();
await pipeline(packsZip(entries, new Date()), sink);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
clearInterval(sampler);
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
console.log(`pre-read ZIP: ${ORGANISATIONS} packs in ${seconds.toFixed(1)} s = ${(ORGANISATIONS / seconds).toFixed(1)} packs/s, ${mb(bytes)} MB (${(bytes / ORGANISATIONS / 1024).toFixed(0)} KB a pack); resident memory ${mb(before)} MB before, peak ${mb(peak)} MB (growth ${mb(peak - before)} MB)`);
