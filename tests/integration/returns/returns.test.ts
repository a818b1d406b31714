// The live return at module level, on both databases: starting cycles,
// carry-forward, versioned answers, sign-off and submission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { shippedTemplate } from '../../helpers/templates';
import { SYSTEM_CONTEXT, type AuditContext } from '../../../src/lib/server/audit-log';
import { createCycle, getCycle, setCycleClosed, type Cycle } from '../../../src/lib/server/cycles';
import { publishTemplate, saveDraftTemplate } from '../../../src/lib/server/templates';
import { answerAndEvidence, answerFingerprint, bulkSaveResponses, confirmResponse, contentHash, getReturn, listResponses, saveResponse, saveStandardAnswers, type LiveReturn } from '../../../src/lib/server/returns';
import { listActions } from '../../../src/lib/server/actions';
import { linkDocuments } from '../../../src/lib/server/evidence-links';
import { documentWith, storedFile } from '../../helpers/library';
import { startCycle } from '../../../src/lib/server/start-cycle';
import { currentSignOffs, readiness, signReturn, submitReturn } from '../../../src/lib/server/submissions';
import { allRequirements } from '../../../src/lib/domain/template';
import { ukToday } from '../../../src/lib/domain/cycles';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const ctx = (email: string): AuditContext => ({ ...SYSTEM_CONTEXT, actorId: ids.users[email], actorEmail: email });
const today = ukToday();
const daysFromToday = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

async function newCycle(partnership: 'northmere' | 'eastbrook', templateId: string, organisations: string[], opensOn = daysFromToday(-1), closesOn = daysFromToday(30)): Promise<Cycle> {
	const s = await db.query<{ definition: { standards: { code: string }[] } }>('select definition from templates where id = $1', [templateId]);
	return createCycle(db, SYSTEM_CONTEXT, {
		partnershipId: ids.partnerships[partnership],
		templateId,
		title: `Test cycle ${Math.random()}`,
		standardCodes: s[0].definition.standards.map((x) => x.code),
		opensOn,
		closesOn,
		organisationIds: organisations
	});
}

/** Answers every requirement well enough to submit, and signs as the template asks. */
async function completeAndSign(returnId: string, signers: { email: string; capacity: 'executive_lead' | 'headteacher' | 'governor' }[]) {
	const ret = (await getReturn(db, returnId))!;
	const answers = allRequirements(ret.template.definition).map((r) => ({
		requirementCode: r.code,
		grade: ret.template.definition.scale.grades[1].value,
		naReason: '',
		narrative: 'A narrative long enough for any template: arrangements are in place, reviewed and evidenced by our records.',
		carriedForward: false
	}));
	await bulkSaveResponses(db, SYSTEM_CONTEXT, ret, answers);
	for (const s of signers) await signReturn(db, ctx(s.email), ret, { userId: ids.users[s.email], capacity: s.capacity, name: s.email, role: '' });
	return ret;
}

describe('starting a cycle', () => {
	it('creates the live return once, and marks answers for review when the last submission predates the cycle', async () => {
		const nhs = ids.organisations['Northmere Homes'];
		const first = await newCycle('northmere', ids.templates.s11, [nhs], daysFromToday(-30));
		const started = await startCycle(db, ctx('admin@example.org'), nhs, first);
		expect(started).toMatchObject({ created: true, carriedForward: 0 });
		const ret = await completeAndSign(started.returnId, []);
		// Northmere Homes has no executive lead in the demo: give it one.
		await db.query(`insert into organisation_roles (user_id, organisation_id, role, capacity) values ($1, $2, 'signatory', 'executive_lead')`, [ids.users['admin@example.org'], nhs]);
		await signReturn(db, ctx('admin@example.org'), ret, { userId: ids.users['admin@example.org'], capacity: 'executive_lead', name: 'Sam', role: '' });
		const sent = await submitReturn(db, ctx('admin@example.org'), ret, 'Northmere Homes', [first.id], { name: 'Sam', email: 'admin@example.org' }, new Date(Date.parse(`${daysFromToday(-20)}T12:00:00Z`)));
		expect(sent.ok).toBe(true);

		const again = await startCycle(db, ctx('admin@example.org'), nhs, first);
		expect(again).toMatchObject({ returnId: started.returnId, created: false, carriedForward: 0 });
		const next = await newCycle('northmere', ids.templates.s11, [nhs], daysFromToday(-1));
		const review = await startCycle(db, ctx('admin@example.org'), nhs, next);
		expect(review.returnId).toBe(started.returnId);
		expect(review.carriedForward).toBe(allRequirements(ret.template.definition).length);
		expect((await listResponses(db, ret.id)).every((r) => r.carriedForward)).toBe(true);
	});

	it('carries answers and open actions into a new template version by requirement code', async () => {
		const police = ids.organisations['Mercia Vale Police'];
		const v2 = shippedTemplate('section-11');
		v2.version += 1;
		const removed = v2.standards[0].requirements.shift()!.code;
		v2.standards[0].requirements.push({ code: '1.99', text: 'A new requirement in version 2', evidence: [] });
		const saved = await saveDraftTemplate(db, ctx('business.unit@northmere.example.org'), ids.partnerships.northmere, v2);
		if (!saved.ok) throw new Error(saved.message);
		await publishTemplate(db, ctx('business.unit@northmere.example.org'), saved.template);
		const cycle = await newCycle('northmere', saved.template.id, [police]);
		const before = await listResponses(db, ids.police.returnId);
		const openActions = (await listActions(db, ids.police.returnId)).filter((a) => a.status !== 'done' && a.requirementCode !== removed);
		const started = await startCycle(db, ctx('lead@police.example.org'), police, cycle);
		expect(started.created).toBe(true);
		expect(started.dropped).toContain(removed);
		const after = await listResponses(db, started.returnId);
		expect(after.map((r) => r.requirementCode).sort()).toEqual(before.filter((r) => r.requirementCode !== removed && (r.grade || r.narrative)).map((r) => r.requirementCode).sort());
		expect(after.every((r) => r.carriedForward)).toBe(true);
		expect((await listActions(db, started.returnId)).map((a) => a.description).sort()).toEqual(openActions.map((a) => a.description).sort());
		expect((await getReturn(db, started.returnId))!.carriedFrom).toBe(ids.police.returnId);
	});
});

describe('saving answers', () => {
	const police = { get id() { return ids.police.returnId; }, get organisationId() { return ids.organisations['Mercia Vale Police']; } };

	it('refuses a stale version and returns the newer answer, never overwriting it', async () => {
		const [current] = (await listResponses(db, police.id)).filter((r) => r.requirementCode === '7.1');
		const mine = await saveResponse(db, ctx('lead@police.example.org'), police, '7.1', { grade: '2', naReason: '', narrative: 'Mine' }, current.version);
		expect(mine.ok).toBe(true);
		const theirs = await saveResponse(db, ctx('contributor@police.example.org'), police, '7.1', { grade: '3', naReason: '', narrative: 'Theirs' }, current.version);
		expect(theirs).toMatchObject({ ok: false, reason: 'stale', current: { narrative: 'Mine', grade: '2' } });
		expect((await listResponses(db, police.id)).find((r) => r.requirementCode === '7.1')?.narrative).toBe('Mine');
	});

	it('reads one answer with the number of documents it cites, and says when there is no answer', async () => {
		const lead = ctx('lead@police.example.org');
		const docs = await Promise.all(['Information sharing protocol', 'Caldicott log'].map((t) => documentWith(db, lead, police.organisationId, t, [storedFile(police.organisationId)])));
		const [before] = (await listResponses(db, police.id)).filter((r) => r.requirementCode === '7.3');
		expect(await linkDocuments(db, lead, police, '7.3', docs.map((d) => d.documentId), null)).toMatchObject({ ok: true });
		const { current, evidence } = await answerAndEvidence(db, police.id, '7.3');
		expect(evidence).toBe(2);
		expect(before, 'the demo police return answers 7.3').toBeDefined();
		expect(current).toEqual(before);
		expect(await answerAndEvidence(db, police.id, '99.9')).toEqual({ current: null, evidence: 0 });
	});

	it('takes the same answer sent twice from the same version as saved, not as stale, and audits it once', async () => {
		const [current] = (await listResponses(db, police.id)).filter((r) => r.requirementCode === '7.2');
		const audited = async () => (await db.query<{ n: number }>(`select count(*)::int as n from audit_log where subject_id = $1 and action = 'response.save' and detail->>'requirement' = '7.2'`, [police.id]))[0].n;
		const before = await audited();
		// Sent as the page closed, then put back from the browser's copy and sent again by the next page, both from the same version.
		const answer = { grade: '3', naReason: '', narrative: 'Typed as the tab closed' };
		const first = await saveResponse(db, ctx('lead@police.example.org'), police, '7.2', answer, current.version);
		expect(first).toMatchObject({ ok: true, version: current.version + 1 });
		const again = await saveResponse(db, ctx('lead@police.example.org'), police, '7.2', answer, current.version);
		expect(again).toMatchObject({ ok: true, version: current.version + 1 });
		expect(await audited()).toBe(before + 1);
		// Anything different from the same old version is still refused.
		const other = await saveResponse(db, ctx('lead@police.example.org'), police, '7.2', { ...answer, narrative: 'Typed as the tab closed, then more' }, current.version);
		expect(other).toMatchObject({ ok: false, reason: 'stale', current: { narrative: 'Typed as the tab closed' } });
	});

	it('saves a standard all or nothing: untouched rows are left alone, an edited stale row blocks the save', async () => {
		const rows = (await listResponses(db, police.id)).filter((r) => r.requirementCode.startsWith('7.'));
		const posted = rows.map((r) => ({ code: r.requirementCode, grade: r.grade, naReason: r.naReason, narrative: r.narrative, version: r.version, original: answerFingerprint(r), confirm: false }));
		// Someone else changes 7.2 after the page was loaded.
		const seven2 = rows.find((r) => r.requirementCode === '7.2')!;
		await saveResponse(db, ctx('contributor@police.example.org'), police, '7.2', { grade: '1', naReason: '', narrative: 'Changed meanwhile' }, seven2.version);
		// Editing 7.3 only: 7.2 is untouched on this page, so no conflict.
		const edit3 = posted.map((p) => (p.code === '7.3' ? { ...p, narrative: 'Edited 7.3' } : p));
		expect(await saveStandardAnswers(db, ctx('lead@police.example.org'), police, edit3)).toEqual({ ok: true, saved: 1, confirmed: [], notConfirmed: [] });
		expect((await listResponses(db, police.id)).find((r) => r.requirementCode === '7.2')?.narrative).toBe('Changed meanwhile');
		// Editing 7.2 from the stale page is a conflict, and the other edit in the same post is not saved either.
		const edit2 = posted.map((p) => (p.code === '7.2' ? { ...p, narrative: 'Stale edit' } : p.code === '7.4' ? { ...p, narrative: 'Also edited' } : p));
		const result = await saveStandardAnswers(db, ctx('lead@police.example.org'), police, edit2);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.conflicts.map((c) => [c.code, c.theirs?.narrative])).toEqual([['7.2', 'Changed meanwhile']]);
		expect((await listResponses(db, police.id)).find((r) => r.requirementCode === '7.4')?.narrative).not.toBe('Also edited');
	});
});

describe('confirming every unchanged carried-forward answer of a standard', () => {
	const policeReturn = { get id() { return ids.police.returnId; }, get organisationId() { return ids.organisations['Mercia Vale Police']; } };
	const auditOf = (codes: string[]) =>
		db.query<{ action: string; actor_email: string; organisation_id: string; subject_type: string; subject_id: string; detail: unknown }>(
			`select action, actor_email, organisation_id, subject_type, subject_id, detail from audit_log
			 where action = 'response.confirm' and subject_id = $1 and detail->>'requirement' = any($2::text[]) order by id`,
			[policeReturn.id, codes]
		);

	it('confirms those still at the version the page showed, one audit entry each as for a single tick, and leaves one changed meanwhile', async () => {
		// (One already confirmed meanwhile is simply done: nothing to tell.)
		const rows = (await listResponses(db, policeReturn.id)).filter((r) => r.requirementCode.startsWith('6.') && r.carriedForward);
		expect(rows.length, 'the demo police return has carried-forward answers in standard 6').toBeGreaterThan(3);
		const posted = rows.map((r) => ({ code: r.requirementCode, grade: r.grade, naReason: r.naReason, narrative: r.narrative, version: r.version, original: answerFingerprint(r), confirm: false }));
		const [single, changed, ...rest] = rows;
		// One confirmed on its own first (the tick), to compare the audit entries with.
		expect((await confirmResponse(db, ctx('lead@police.example.org'), policeReturn, single.requirementCode, single.version)).ok).toBe(true);
		// Someone else changes another after the page was loaded.
		await saveResponse(db, ctx('contributor@police.example.org'), policeReturn, changed.requirementCode, { grade: changed.grade, naReason: '', narrative: 'Changed meanwhile' }, changed.version);

		const carried = new Set(rows.map((r) => r.requirementCode));
		const result = await saveStandardAnswers(db, ctx('lead@police.example.org'), policeReturn, posted, carried);
		expect(result).toEqual({ ok: true, saved: rest.length, confirmed: rest.map((r) => r.requirementCode), notConfirmed: [changed.requirementCode] });

		const after = new Map((await listResponses(db, policeReturn.id)).map((r) => [r.requirementCode, r]));
		for (const r of rest) expect(after.get(r.requirementCode)).toMatchObject({ carriedForward: false, narrative: r.narrative, version: r.version + 1 });
		expect(after.get(changed.requirementCode)?.narrative).toBe('Changed meanwhile');
		const entries = await auditOf(rows.map((r) => r.requirementCode));
		expect(entries).toHaveLength(1 + rest.length);
		const shape = ({ detail, ...rest }: (typeof entries)[number]) => ({ ...rest, detailKeys: Object.keys(detail as object) });
		for (const e of entries.slice(1)) expect(shape(e)).toEqual(shape(entries[0]));
		expect(entries.map((e) => (e.detail as { requirement: string }).requirement)).toEqual([single, ...rest].map((r) => r.requirementCode));
	});
});

/** Changes one narrative and signs again, so the return holds something not yet submitted. */
async function reviseAndSign(ret: LiveReturn) {
	const [r] = (await listResponses(db, ret.id)).filter((x) => x.requirementCode === '1.3');
	await saveResponse(db, ctx('lead@police.example.org'), ret, '1.3', { grade: r.grade, naReason: '', narrative: `${r.narrative} Revised ${Math.random()}.` }, r.version);
	await signReturn(db, ctx('director@police.example.org'), ret, { userId: ids.users['director@police.example.org'], capacity: 'executive_lead', name: 'Director', role: '' });
	return ret;
}

describe('sign-off and submission', () => {
	it('a sign-off goes stale when the return changes, and blocks submission until signed again', async () => {
		const ret = await completeAndSign(ids.police.returnId, [{ email: 'director@police.example.org', capacity: 'executive_lead' }]);
		expect((await currentSignOffs(db, ret.id)).map((s) => s.stale)).toEqual([false]);
		const hash = await contentHash(db, ret.id);
		const [r] = (await listResponses(db, ret.id)).filter((x) => x.requirementCode === '1.2');
		await saveResponse(db, ctx('lead@police.example.org'), ret, '1.2', { grade: r.grade, naReason: '', narrative: `${r.narrative} Updated.` }, r.version);
		expect(await contentHash(db, ret.id)).not.toBe(hash);
		expect((await currentSignOffs(db, ret.id)).map((s) => s.stale)).toEqual([true]);
		const blocked = await readiness(db, ret);
		expect(blocked.cycles.every((c) => c.problems.some((p) => p.kind === 'sign_off'))).toBe(true);
	});

	it('sends one return to two partnerships’ cycles at once, numbering versions per cycle', async () => {
		const ret = await completeAndSign(ids.police.returnId, [{ email: 'director@police.example.org', capacity: 'executive_lead' }]);
		const cycles = [ids.cycles.s11Northmere, ids.cycles.s11Eastbrook];
		const sent = await submitReturn(db, ctx('lead@police.example.org'), ret, 'Mercia Vale Police', cycles, { name: 'Karen', email: 'lead@police.example.org' });
		expect(sent.ok).toBe(true);
		const subs = await db.query<{ partnership_id: string; version: number; late: boolean }>(
			'select partnership_id, version, late from submissions where return_id = $1 and cycle_id = any($2::uuid[]) order by partnership_id',
			[ret.id, cycles]
		);
		expect(subs.map((s) => s.version)).toEqual([1, 1]);
		expect(new Set(subs.map((s) => s.partnership_id))).toEqual(new Set([ids.partnerships.northmere, ids.partnerships.eastbrook]));
		await reviseAndSign(ret);
		const again = await submitReturn(db, ctx('lead@police.example.org'), ret, 'Mercia Vale Police', [ids.cycles.s11Northmere], { name: 'Karen', email: 'lead@police.example.org' });
		expect(again.ok && again.submissions[0].version).toBe(2);
	});

	it('a second press of Submit with nothing changed sends no second version, even at the same moment', async () => {
		const ret = await reviseAndSign((await getReturn(db, ids.police.returnId))!);
		const submit = () => submitReturn(db, ctx('lead@police.example.org'), ret, 'Mercia Vale Police', [ids.cycles.s11Eastbrook], { name: 'Karen', email: 'lead@police.example.org' });
		const [first, second] = await Promise.all([submit(), submit()]);
		const third = await submit();
		const versions = await db.query<{ id: string; version: number }>('select id, version from submissions where return_id = $1 and cycle_id = $2 order by version', [ret.id, ids.cycles.s11Eastbrook]);
		expect(versions.map((v) => v.version)).toEqual([1, 2]);
		for (const result of [first, second, third]) expect(result.ok && result.submissions).toEqual([{ id: versions[1].id, cycleId: ids.cycles.s11Eastbrook, version: 2, late: false }]);
	});

	it('marks a submission after the deadline as late, and refuses a closed cycle', async () => {
		const ret = (await getReturn(db, ids.police.returnId))!;
		const cycle = (await getCycle(db, ids.cycles.s11Northmere))!;
		const afterDeadline = new Date(Date.parse(`${cycle.closesOn}T12:00:00Z`) + 2 * 86_400_000);
		await reviseAndSign(ret);
		const late = await submitReturn(db, ctx('lead@police.example.org'), ret, 'Police', [cycle.id], { name: 'K', email: 'k@example.org' }, afterDeadline);
		expect(late.ok && late.submissions[0].late).toBe(true);
		await setCycleClosed(db, SYSTEM_CONTEXT, cycle, true);
		const refused = await submitReturn(db, ctx('lead@police.example.org'), ret, 'Police', [cycle.id], { name: 'K', email: 'k@example.org' });
		expect(refused).toEqual({ ok: false, problems: [{ cycleId: cycle.id, message: 'This cycle is not open to your organisation for this return' }] });
		await setCycleClosed(db, SYSTEM_CONTEXT, cycle, false);
	});

	it('refuses an incomplete return, naming what is missing', async () => {
		const oakfield = ids.organisations['Oakfield Primary School'];
		const rows = await db.query<{ id: string }>(`select r.id from returns r join templates t on t.id = r.template_id where r.organisation_id = $1 and t.slug = 'section-175-schools'`, [oakfield]);
		const ret = (await getReturn(db, rows[0].id))!;
		const result = await submitReturn(db, ctx('dsl@oakfield.example.org'), ret, 'Oakfield', [ids.cycles.s175Northmere], { name: 'L', email: 'l@example.org' });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problems[0].message).toMatch(/cannot be submitted yet: \d+ things to finish/);
	});

	it('keeps submissions immutable at the database', async () => {
		await expect(db.query('update submissions set late = not late')).rejects.toThrow(/immutable/);
		await expect(db.query('delete from submissions')).rejects.toThrow(/immutable/);
	});
});

describe('templates', () => {
	it('a published version cannot change or be deleted, at the database', async () => {
		await expect(db.query(`update templates set title = 'x' where id = $1`, [ids.templates.s11])).rejects.toThrow(/published and cannot change/);
		await expect(db.query('delete from templates where id = $1', [ids.templates.s11])).rejects.toThrow(/published and cannot change/);
	});

	it('importing the same id and version again replaces a draft, but never a published version', async () => {
		const t = shippedTemplate('themed');
		t.id = 'local-themed';
		const first = await saveDraftTemplate(db, ctx('business.unit@northmere.example.org'), ids.partnerships.northmere, t);
		t.title = 'Changed title';
		const second = await saveDraftTemplate(db, ctx('business.unit@northmere.example.org'), ids.partnerships.northmere, t);
		expect(first.ok && second.ok && second.replacedDraft && first.template.id === second.template.id).toBe(true);
		const other = await saveDraftTemplate(db, ctx('business.unit@eastbrook.example.org'), ids.partnerships.eastbrook, t);
		expect(other).toMatchObject({ ok: false, reason: 'version_taken' });
		if (second.ok) await publishTemplate(db, SYSTEM_CONTEXT, second.template);
		expect(await saveDraftTemplate(db, SYSTEM_CONTEXT, ids.partnerships.northmere, t)).toMatchObject({ ok: false, reason: 'version_published' });
	});
});
