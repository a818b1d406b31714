// 1,000 saves of the same answer from 20 signed-in clients at once, each
// sending the version it last saw: every save either lands (its version one
// more than the one it was based on, no two saves landing on the same
// version) or is refused with 409 and the newer answer; nothing else. What is
// stored at the end is the last save that landed, and the audit log has one
// entry per landed save. No silent overwrite.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
const CLIENTS = 20;
const SAVES_EACH = 50;
const CODE = '6.3';
const ret = () => `/organisations/${ids.organisations['Mercia Vale Police']}/returns/${ids.police.returnId}`;
let server: TestServer;
let clients: Client[];

beforeAll(async () => {
	server = await startTestServer();
	const people = ['lead@police.example.org', 'contributor@police.example.org'];
	clients = [];
	for (let i = 0; i < CLIENTS; i++) clients.push(await new Client(server.url).signIn(people[i % people.length]));
}, 180_000);
afterAll(() => server.stop());

type Landed = { client: number; n: number; based: number; version: number; narrative: string };

describe('concurrent edits of one answer', () => {
	it('lands each save in order or refuses it with 409: never two on one version, never a silent overwrite', async () => {
		const page = inputValues(await (await clients[0].get(`${ret()}/standards/6`)).text());
		const start = Number(page[`version-${CODE}`]);
		expect(start).toBeGreaterThan(0);
		const landed: Landed[] = [];
		const statuses = new Map<number, number>();

		await Promise.all(
			clients.map(async (client, c) => {
				let version = start;
				for (let n = 0; n < SAVES_EACH; n++) {
					const narrative = `Save ${n} from client ${c}`;
					const res = await client.request(`${ret()}/responses/${CODE}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', accept: 'application/json' },
						body: JSON.stringify({ grade: '2', naReason: '', narrative, version })
					});
					statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
					const body = (await res.json()) as { version: number; theirs?: { narrative: string } };
					if (res.status === 200) {
						landed.push({ client: c, n, based: version, version: body.version, narrative });
						version = body.version;
					} else if (res.status === 409) {
						// Refused with the newer answer: the next save is based on it, as a person choosing "keep mine" would.
						expect(body.version).toBeGreaterThan(version);
						expect(body.theirs?.narrative).toMatch(/^Save \d+ from client \d+$/);
						version = body.version;
					}
				}
			})
		);

		expect([...statuses.keys()].sort()).toEqual(landed.length === CLIENTS * SAVES_EACH ? [200] : [200, 409]);
		expect((statuses.get(200) ?? 0) + (statuses.get(409) ?? 0)).toBe(CLIENTS * SAVES_EACH);
		// Each landed save moved the version on by exactly one from the version it was based on, and no version twice.
		for (const l of landed) expect(l.version).toBe(l.based + 1);
		const versions = landed.map((l) => l.version).sort((a, b) => a - b);
		expect(versions).toEqual(Array.from({ length: landed.length }, (_, i) => start + 1 + i));
		expect(landed.length).toBeGreaterThan(CLIENTS);

		// What is stored is the save that landed last, and each landed save is in the audit log once.
		const last = landed.reduce((a, b) => (b.version > a.version ? b : a));
		const stored = await server.inspect((db) =>
			Promise.all([
				db.query<{ narrative: string; version: number }>('select narrative, version from responses where return_id = $1 and requirement_code = $2', [ids.police.returnId, CODE]),
				db.query<{ version: number }>(
					`select (detail->>'version')::int as version from audit_log where action = 'response.save' and subject_id = $1 and detail->>'requirement' = $2 and (detail->>'version')::int > $3`,
					[ids.police.returnId, CODE, start]
				)
			])
		);
		expect(stored[0][0]).toEqual({ narrative: last.narrative, version: start + landed.length });
		expect(stored[1].map((r) => r.version).sort((a, b) => a - b)).toEqual(versions);
	}, 600_000);
});
