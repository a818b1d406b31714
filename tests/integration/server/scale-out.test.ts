// Two portal instances on one PostgreSQL database and one S3 bucket, behind
// Debian's nginx configured from deploy/nginx.conf.example: a session made on
// one works on the other, sign-in throttling counts across both (and counts the
// client nginx saw, whatever X-Forwarded-For the client sends), concurrent saves
// through both keep the 409 rule, a file uploaded through one downloads through
// the other, and with both instances' reminder runners on a scheduled reminder
// is sent once. The embedded database is one process by nature: PostgreSQL only.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { DB_KIND } from '../../helpers/paths';
import { scratchFrom, type Scratch } from '../../helpers/test-db';
import { freePort, startTestServer, type TestServer } from '../../helpers/test-server';
import { startS3, type TestS3 } from '../../helpers/s3';
import { mailText, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { NGINX, startNginx, type TestNginx } from '../../helpers/nginx';
import { filesUnder, uploadEvidence } from '../../helpers/evidence-uploads';
import { pdfWith } from '../../helpers/evidence-files';
import { DEMO_PASSWORD } from '../../../src/lib/server/seed/demo';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { getCycle } from '../../../src/lib/server/cycles';
import { outstandingOrganisations, setSchedule, type Outstanding } from '../../../src/lib/server/reminders';
import { REMINDER_JOB } from '../../../src/lib/server/reminder-jobs';
import { addDays } from '../../../src/lib/domain/calendar';
import { ukToday } from '../../../src/lib/domain/cycles';
import { DEFAULT_SCHEDULE, dueOccasion } from '../../../src/lib/domain/reminders';
import type { Db } from '../../../src/lib/server/db';

const ids = inject('demoIds');
const police = () => ids.organisations['Mercia Vale Police'];
const ret = () => `/organisations/${police()}/returns/${ids.police.returnId}`;

let scratch: Scratch;
let db: Db;
let s3: TestS3;
let smtp: TestSmtp;
let a: TestServer;
let b: TestServer;
let lb: TestNginx;
/** The public address every instance is configured with: the balancer's. */
let origin: string;
/** The scheduled reminder job the instances' runners will find, and who it should remind. */
let reminderJob: string;
let due: Outstanding[];

/** Each instance's own DATA_DIR (spool files only: evidence is in the bucket). */
const dataDir = (instance: string) => `${scratch.env.DATA_DIR}-${instance}`;

/** A browser on the portal at `origin`; `base` is where its requests go (an instance, or the balancer). */
class Browser extends Client {
	override request(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', origin);
		return super.request(path, { ...init, headers });
	}

	/** The same browser (cookies, address) with its requests going to `base`. */
	to(base: string): Browser {
		const other = new Browser(base, this.address);
		for (const [k, v] of this.cookies) other.cookies.set(k, v);
		return other;
	}
}

const autosave = (client: Client, code: string, body: unknown) =>
	client.request(`${ret()}/responses/${code}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify(body)
	});

/** Polls `check` until it returns something other than undefined. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 100_000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

describe.skipIf(DB_KIND !== 'postgres')('several instances behind nginx (PostgreSQL: the embedded database serves one process)', () => {
	beforeAll(async () => {
		expect(fs.existsSync(NGINX), `${NGINX} (Debian's nginx package; npm test installs it)`).toBe(true);
		[scratch, s3, smtp] = await Promise.all([scratchFrom('demo'), startS3(), startSmtp()]);
		db = await scratch.open();

		// One scheduled reminder job for the week after the Section 175 cycle's deadline, under the key the
		// instances' own planner would use today (so it cannot queue a second); every other cycle's schedule off.
		const cycle = (await getCycle(db, ids.cycles.s175Northmere))!;
		for (const o of await db.query<{ id: string }>('select id from cycles where id <> $1', [cycle.id])) {
			await setSchedule(db, SYSTEM_CONTEXT, (await getCycle(db, o.id))!, { ...DEFAULT_SCHEDULE, enabled: false });
		}
		const day = addDays(cycle.closesOn!, 7);
		due = (await outstandingOrganisations(db, cycle, day)).filter((o) => o.leads.length && dueOccasion(DEFAULT_SCHEDULE, o.deadline, day, cycle.opensOn));
		reminderJob = `${cycle.id}:${ukToday()}`;
		await db.query(`insert into jobs (kind, key, payload) values ($1, $2, $3::text::jsonb)`, [REMINDER_JOB, reminderJob, JSON.stringify({ cycleId: cycle.id, today: day })]);
		// Mail the demo left in the outbox is not this test's.
		await db.query('update mail_outbox set sent_at = now() where sent_at is null');

		const port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		const env = {
			ORIGIN: origin,
			STORAGE: 's3',
			S3_BUCKET: s3.settings.bucket,
			S3_ENDPOINT: s3.settings.endpoint!,
			S3_REGION: s3.settings.region!,
			S3_ACCESS_KEY_ID: s3.settings.accessKeyId!,
			S3_SECRET_ACCESS_KEY: s3.settings.secretAccessKey!,
			S3_FORCE_PATH_STYLE: 'true',
			REMINDERS: 'true',
			// Each instance's first reminder run a second after it starts, not a minute.
			REMINDERS_FIRST_RUN_SECONDS: '1',
			SMTP_URL: smtp.url
		};
		// Each instance its own DATA_DIR (spool files only); the database and the bucket are shared.
		[a, b] = await Promise.all(
			['a', 'b'].map((name) => startTestServer({ scratch, env: { ...env, DATA_DIR: dataDir(name) } }))
		);
		lb = await startNginx([a.url, b.url].map((u) => new URL(u).host), port);
	}, 120_000);

	afterAll(async () => {
		await lb?.stop();
		await Promise.all([a?.stop(), b?.stop()]);
		await db?.close();
		await scratch?.drop();
		if (scratch) for (const name of ['a', 'b']) fs.rmSync(dataDir(name), { recursive: true, force: true });
		await Promise.all([s3?.stop(), smtp?.stop()]);
	});

	it('keeps a session made on one instance on the other, and through the balancer on both', async () => {
		const onA = await new Browser(a.url).signIn('lead@police.example.org');
		expect((await onA.get(ret())).status).toBe(200);
		const onB = onA.to(b.url);
		expect((await onB.get(ret())).status).toBe(200);
		expect((await new Browser(b.url).get(ret())).status, 'without the cookie').toBe(303);

		const before = lb.logged();
		const viaLb = onA.to(lb.url);
		for (let i = 0; i < 6; i++) expect((await viaLb.get(ret())).status).toBe(200);
		expect(new Set(await lb.served(before, 6))).toEqual(new Set([a.url, b.url].map((u) => new URL(u).host)));

		// Signing out on B ends the session on A too.
		expect((await onB.post('/sign-out')).status).toBe(303);
		expect((await onA.get(ret())).status).toBe(303);
	});

	it('counts failed sign-ins on both instances towards one limit', async () => {
		const email = 'chair@eastbrook.example.org';
		const onA = new Browser(a.url);
		const onB = onA.to(b.url);
		for (let i = 0; i < 10; i++) {
			const res = await (i % 2 ? onB : onA).post('/sign-in', { email, password: `wrong guess ${i}` });
			expect(res.status, `failure ${i + 1}`).toBe(400);
		}
		expect((await onA.post('/sign-in', { email, password: DEMO_PASSWORD })).status).toBe(429);
		expect((await onB.post('/sign-in', { email, password: DEMO_PASSWORD })).status).toBe(429);
	});

	it('keeps the 409 rule for the same answer saved at once through both instances', async () => {
		const [lead, contributor] = await Promise.all([
			new Browser(a.url).signIn('lead@police.example.org'),
			new Browser(b.url).signIn('contributor@police.example.org')
		]);
		let version = Number(inputValues(await (await lead.get(`${ret()}/standards/6`)).text())['version-6.1']);
		for (let round = 0; round < 5; round++) {
			const bodies = [`Saved by the lead, round ${round}`, `Saved by the contributor, round ${round}`].map((narrative) => ({ grade: '2', naReason: '', narrative, version }));
			const answers = await Promise.all([autosave(lead, '6.1', bodies[0]), autosave(contributor, '6.1', bodies[1])]);
			expect(answers.map((r) => r.status).sort(), `round ${round}: one save lands, the other is refused`).toEqual([200, 409]);
			const winner = answers.findIndex((r) => r.status === 200);
			const [won, refused] = await Promise.all([answers[winner].json(), answers[1 - winner].json()]);
			expect(won).toMatchObject({ version: version + 1 });
			expect(refused).toMatchObject({ version: version + 1, theirs: { narrative: bodies[winner].narrative } });
			version++;
		}
		const page = inputValues(await (await contributor.to(a.url).get(`${ret()}/standards/6`)).text());
		expect(Number(page['version-6.1'])).toBe(version);
	});

	it('downloads a file uploaded through one instance through the other', async () => {
		const lead = await new Browser(a.url).signIn('lead@police.example.org');
		const pdf = await pdfWith(['Scale-out policy', 'Kept in the shared bucket']);
		const res = await uploadEvidence(lead, `${ret()}/evidence/1.1`, [{ name: 'Scale-out policy.pdf', body: pdf }], { noChildData: 'yes' }, 'upload');
		expect(res.status).toBe(303);
		const [doc] = await db.query<{ id: string }>('select id from evidence_documents where organisation_id = $1 and title = $2', [police(), 'Scale-out policy']);
		const file = `/organisations/${police()}/evidence/${doc.id}/revisions/1/file`;
		const fromB = await lead.to(b.url).get(file);
		expect(fromB.status).toBe(200);
		expect(Buffer.from(await fromB.arrayBuffer()).equals(pdf)).toBe(true);
		// And through the balancer, from both instances.
		const before = lb.logged();
		const viaLb = lead.to(lb.url);
		for (let i = 0; i < 2; i++) {
			const got = await viaLb.get(file);
			expect(got.status).toBe(200);
			expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).toBe(true);
		}
		expect(new Set(await lb.served(before, 2)).size).toBe(2);
		// Neither instance kept it on its own disk.
		for (const name of ['a', 'b']) expect(filesUnder(`${dataDir(name)}/evidence`)).toEqual([]);
	});

	it('counts sign-in failures by the address nginx saw, whatever X-Forwarded-For the client sends', async () => {
		// Every request here comes to nginx from 127.0.0.1, each claiming another address.
		for (let i = 0; i < 10; i++) {
			const res = await new Browser(lb.url, `198.51.100.${i + 1}`).post('/sign-in', { email: `guess${i}@example.org`, password: 'not a real password' });
			expect(res.status).toBe(400);
		}
		expect((await new Browser(lb.url, '198.51.100.99').post('/sign-in', { email: 'head@oakfield.example.org', password: DEMO_PASSWORD })).status).toBe(429);
		// The same account from another address, straight to an instance, is let in.
		expect((await new Browser(a.url, '203.0.113.9').post('/sign-in', { email: 'head@oakfield.example.org', password: DEMO_PASSWORD })).status).toBe(303);
	});

	it('sends a scheduled reminder once with both instances running reminders', async () => {
		expect(due.length, 'the demo has organisations to remind').toBeGreaterThan(1);
		// Each instance's runner makes its first pass a minute after it starts.
		const job = await until('the reminder job to finish', async () => {
			const [row] = await db.query<{ done_at: Date | null; attempts: number }>('select done_at, attempts from jobs where kind = $1 and key = $2', [REMINDER_JOB, reminderJob]);
			return row.done_at ? row : undefined;
		});
		expect(job.attempts, 'claimed by one runner, once').toBe(1);
		const sent = await db.query<{ organisation_id: string }>(
			`select organisation_id from reminders where cycle_id = $1 and kind = 'scheduled'`,
			[ids.cycles.s175Northmere]
		);
		expect(sent.map((r) => r.organisation_id).sort()).toEqual(due.map((o) => o.organisationId).sort());
		const expected = due.reduce((n, o) => n + o.leads.length, 0);
		await until('every reminder to be delivered', async () => {
			const [row] = await db.query<{ n: number }>(`select count(*)::int as n from mail_outbox where sent_at is null`);
			return row.n === 0 ? true : undefined;
		}, 30_000);
		for (const o of due) {
			const mails = smtp.received.filter((m) => mailText(m).includes(`/organisations/${o.organisationId}`));
			expect(mails.flatMap((m) => m.to).sort(), o.name).toEqual(o.leads.map((l) => l.email).sort());
		}
		expect(smtp.received.filter((m) => due.some((o) => mailText(m).includes(`/organisations/${o.organisationId}`)))).toHaveLength(expected);
	}, 120_000);
});
