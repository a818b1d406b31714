// kill -9 of the server while people save answers and while a return is being
// submitted, then a restart on the same database: every save the portal
// acknowledged is there (or a later one from the same person), every stored
// answer is one somebody sent, whole, with one audit entry per version; a
// submission is there whole (its summary, its audit entry, every chosen cycle)
// or not at all. (kill -9 during an upload: tests/integration/evidence/crash.test.ts.)
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
const police = () => `/organisations/${ids.organisations['Mercia Vale Police']}/returns/${ids.police.returnId}`;
const AMBULANCE_LEAD = 'lead@mercia-vale-ambulance-service-nhs-trust.example.org';
const AMBULANCE_DIRECTOR = 'director@mercia-vale-ambulance-service-nhs-trust.example.org';
const CODES = ['6.1', '6.2', '6.3', '6.4'];
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
}, 120_000);
afterAll(() => server.stop());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 during saves', () => {
	it('keeps every acknowledged save, and nothing half-written', async () => {
		const lead = await new Client(server.url).signIn('lead@police.example.org');
		const page = inputValues(await (await lead.get(`${police()}/standards/6`)).text());
		const acknowledged = new Map<string, { version: number; narrative: string }>();
		const sent = new Map<string, Set<string>>(CODES.map((c) => [c, new Set([page[`narrative-${c}`] ?? ''])]));
		let killed = false;
		// One writer per answer, saving as fast as the server answers, until the server dies under them.
		const writers = CODES.map(async (code) => {
			let version = Number(page[`version-${code}`]);
			for (let n = 0; !killed; n++) {
				const narrative = `Save ${n} of ${code}, typed before the crash`;
				sent.get(code)!.add(narrative);
				const res = await lead
					.request(`${police()}/responses/${code}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ grade: '2', naReason: '', narrative, version }) })
					.catch(() => null);
				if (!res || res.status !== 200) return;
				version = ((await res.json().catch(() => null)) as { version: number } | null)?.version ?? version;
				acknowledged.set(code, { version, narrative });
			}
		});
		let finished = false;
		void Promise.all(writers).then(() => (finished = true));
		// Until each answer has had a few saves acknowledged (or a writer stopped, which the checks below then show).
		const enough = () => CODES.every((c) => (acknowledged.get(c)?.version ?? 0) >= Number(page[`version-${c}`]) + 5);
		while (!enough() && !finished) await pause(20);
		expect(finished, 'the writers were still saving when the server was killed').toBe(false);
		await server.kill();
		killed = true;
		await Promise.all(writers);
		await server.restart();

		const { answers, audit } = await server.inspect(async (db) => ({
			answers: await db.query<{ requirement_code: string; narrative: string; version: number }>(
				'select requirement_code, narrative, version from responses where return_id = $1 and requirement_code = any($2::text[])',
				[ids.police.returnId, CODES]
			),
			audit: await db.query<{ requirement: string; version: number }>(
				`select detail->>'requirement' as requirement, (detail->>'version')::int as version from audit_log where action = 'response.save' and subject_id = $1`,
				[ids.police.returnId]
			)
		}));
		for (const code of CODES) {
			const stored = answers.find((a) => a.requirement_code === code)!;
			const ack = acknowledged.get(code)!;
			// The acknowledged save, or the one in flight when the server died (committed, not yet answered).
			expect(stored.version - ack.version, code).toBeGreaterThanOrEqual(0);
			expect(stored.version - ack.version, code).toBeLessThanOrEqual(1);
			if (stored.version === ack.version) expect(stored.narrative).toBe(ack.narrative);
			expect(sent.get(code)!.has(stored.narrative), `${code} holds a narrative that was sent, whole`).toBe(true);
			// One audit entry for every version the crash left, none for a version that is not there.
			const start = Number(page[`version-${code}`]);
			const logged = audit.filter((a) => a.requirement === code && a.version > start).map((a) => a.version).sort((a, b) => a - b);
			expect(logged).toEqual(Array.from({ length: stored.version - start }, (_, i) => start + 1 + i));
		}
		await server.restart();
	}, 180_000);
});

describe('kill -9 during a submission', () => {
	it('leaves each resubmission whole, to every cycle chosen, or not there at all', async () => {
		const ambulance = ids.organisations['Mercia Vale Ambulance Service NHS Trust'];
		const lead = await new Client(server.url).signIn(AMBULANCE_LEAD);
		const director = await new Client(server.url).signIn(AMBULANCE_DIRECTOR);
		const organisation = await (await lead.get(`/organisations/${ambulance}`)).text();
		const returnPath = new RegExp(`/organisations/${ambulance}/returns/[0-9a-f-]{36}`).exec(organisation)![0];
		const returnId = returnPath.split('/').pop()!;
		for (const [round, delay] of [0, 5, 15, 40].entries()) {
			// Change the action plan's progress notes, sign again, then submit to both partnerships' cycles and kill the server meanwhile.
			const actions = await (await lead.get(`${returnPath}/actions`)).text();
			const actionPage = `${returnPath}/actions/${/\/actions\/([0-9a-f-]{36})"/.exec(actions)![1]}`;
			const form = inputValues(await (await lead.get(actionPage)).text());
			expect((await lead.post(actionPage, { ...form, progress: `Progress at round ${round}.` }, { action: 'save' })).status).toBe(303);
			expect((await director.post(`${returnPath}/check`, { capacity: 'executive_lead', name: 'A Director', role: 'Director of Nursing', confirm: 'yes' }, { action: 'sign' })).status).toBe(303);
			const check = await (await lead.get(`${returnPath}/check`)).text();
			const cycleIds = [...check.matchAll(/name="cycleIds" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
			expect(cycleIds).toHaveLength(2);
			const submitting = lead.post(`${returnPath}/check`, { cycleIds }, { action: 'submit' }).catch(() => null);
			await pause(delay);
			await server.kill();
			await submitting;
			await server.restart();

			const state = await server.inspect(async (db) => ({
				submissions: await db.query<{ id: string; cycle_id: string; version: number; summary: boolean }>(
					`select s.id, s.cycle_id, s.version, exists (select 1 from submission_summaries ss where ss.submission_id = s.id) as summary from submissions s where s.return_id = $1`,
					[returnId]
				),
				logged: await db.query<{ subject_id: string }>(`select subject_id from audit_log where action = 'submission.create' and organisation_id = $1`, [ambulance])
			}));
			const byCycle = cycleIds.map((c) => state.submissions.filter((s) => s.cycle_id === c).map((s) => s.version).sort((a, b) => a - b));
			// Both cycles have the same versions, 1 to n with no gap: the submission reached both or neither.
			expect(byCycle[0]).toEqual(byCycle[1]);
			expect(byCycle[0]).toEqual(Array.from({ length: byCycle[0].length }, (_, i) => i + 1));
			for (const s of state.submissions) {
				expect(s.summary, `submission ${s.id} has its summary`).toBe(true);
				expect(state.logged.map((l) => l.subject_id)).toContain(s.id);
			}
			await server.restart();
		}
		// And after the crashes the same return submits as before, to both cycles.
		const before = await server.inspect((db) => db.query<{ n: number }>('select count(*)::int as n from submissions where return_id = $1', [returnId]));
		await server.restart();
		const actionsNow = await (await lead.get(`${returnPath}/actions`)).text();
		const last = `${returnPath}/actions/${/\/actions\/([0-9a-f-]{36})"/.exec(actionsNow)![1]}`;
		expect((await lead.post(last, { ...inputValues(await (await lead.get(last)).text()), progress: 'Progress after the crashes.' }, { action: 'save' })).status).toBe(303);
		expect((await director.post(`${returnPath}/check`, { capacity: 'executive_lead', name: 'A Director', role: 'Director of Nursing', confirm: 'yes' }, { action: 'sign' })).status).toBe(303);
		const check = await (await lead.get(`${returnPath}/check`)).text();
		const cycleIds = [...check.matchAll(/name="cycleIds" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
		expect((await lead.post(`${returnPath}/check`, { cycleIds }, { action: 'submit' })).status).toBe(303);
		const after = await server.inspect((db) => db.query<{ n: number }>('select count(*)::int as n from submissions where return_id = $1', [returnId]));
		expect(after[0].n).toBe(before[0].n + 2);
		await server.restart();
	}, 300_000);
});
