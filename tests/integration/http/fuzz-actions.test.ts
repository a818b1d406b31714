// Generated malformed input (fast-check, seeded: the same 1,000 cases every
// run unless FUZZ_SEED says otherwise) against every form action and JSON
// endpoint in the route × role matrix, as every role: the page's own fields
// (found in its markup) and stray ones, given strings of any characters,
// control characters, huge lengths, repeated values, numbers and dates out of
// range, broken JSON. No answer is ever a 5xx, and on PostgreSQL (where the
// test can read the database while the server runs) a refused request (4xx)
// writes nothing: the audit log, which every change writes to, gains no entry
// (sign-in failures, which are logged, apart).
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { ACTORS, ALL_ACTORS, ROUTE_CASES, type Actor, type RouteCase } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { DB_KIND } from '../../helpers/paths';

const ids = inject('demoIds');
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const TARGETS: RouteCase[] = ROUTE_CASES.filter((c) => c.method === 'POST' && !c.fresh);
const isJson = (c: RouteCase) => c.headers?.['content-type'] === 'application/json';
let server: TestServer;
let sql: postgres.Sql | null = null;
const clients = new Map<Actor, Client>();
const fieldsOf = new Map<string, string[]>();

beforeAll(async () => {
	server = await startTestServer();
	for (const actor of ALL_ACTORS) clients.set(actor, actor === 'anonymous' ? new Client(server.url) : await new Client(server.url).signIn(ACTORS[actor]));
	if (DB_KIND === 'postgres') sql = postgres(server.scratch.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
}, 180_000);
afterAll(async () => {
	await sql?.end();
	await server?.stop();
});

/** The names of the fields a page's forms post, as its markup has them (one fetch per page and role). */
async function fields(client: Client, actor: Actor, path: string): Promise<string[]> {
	const key = `${actor} ${path}`;
	if (!fieldsOf.has(key)) {
		const res = await client.get(path);
		const html = res.status === 200 ? await res.text() : '';
		fieldsOf.set(key, [...new Set([...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]))]);
	}
	return fieldsOf.get(key)!;
}

const nasty = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constantFrom('', ' ', '\u0000', '\r\n', '\u202e', '0', '-1', '1e309', 'NaN', '99999999999999999999', 'true', 'null', '[]', '{}', '2026-02-30', '31', '13', '0000', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", '=cmd|calc'),
	fc.integer().map(String),
	fc.nat({ max: 5 }).map((n) => 'x'.repeat([10_001, 4_001, 2_001, 256, 100_000, 1][n]))
);

/** Which field (the page's own, by index, or a stray one) gets which values (more than one: the field repeated). */
const mutation = fc.array(fc.tuple(fc.nat(), fc.array(nasty, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 8 });
const jsonBody = fc.oneof(
	fc.jsonValue().map((v) => JSON.stringify(v)),
	fc.record({ grade: fc.oneof(nasty, fc.constant(null)), naReason: nasty, narrative: nasty, version: fc.oneof(fc.integer(), nasty) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
	fc.string({ unit: 'binary', maxLength: 60 })
);

const changes = async () => (sql ? Number((await sql`select count(*)::int as n from audit_log where action not like 'auth.%'`)[0].n) : 0);

describe('generated malformed input to every form action and JSON endpoint, as every role', () => {
	it(`answers each of ${RUNS} cases without a 5xx, and changes nothing when it refuses`, async () => {
		const seen = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...TARGETS), fc.constantFrom(...ALL_ACTORS), mutation, jsonBody, async (target, actor, mutate, json) => {
				const client = clients.get(actor)!;
				const path = target.path(ids);
				const before = await changes();
				const own = isJson(target) ? [] : await fields(client, actor, path.split('?')[0]);
				const names = [...own, 'unexpected', 'version', 'confirm', 'cycleIds', 'id'];
				const form: Record<string, string | string[]> = { ...(target.form as Record<string, string>) };
				for (const [i, values] of mutate) form[names[i % names.length]] = values.length === 1 ? values[0] : values;
				const send = () =>
					isJson(target)
						? client.request(path, { method: 'POST', headers: target.headers, body: json })
						: client.post(path, form, { action: target.action === 'default' ? undefined : target.action, headers: target.headers });
				// (A refusal made before the body was read once reset the connection: a network error, not an answer.)
				const res = await send();
				await res.arrayBuffer();
				seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
				expect(res.status, `${target.route} ?/${target.action ?? ''} as ${actor}`).toBeLessThan(500);
				if (res.status >= 400) expect(await changes(), `${target.route} ?/${target.action ?? ''} as ${actor} refused with ${res.status} but wrote`).toBe(before);
			}),
			{ numRuns: RUNS, seed: SEED, endOnFailure: true }
		);
		// The cases reached the actions' own checks, not only the access checks.
		expect(seen.get(400) ?? 0).toBeGreaterThan(RUNS / 20);
	}, 900_000);
});
