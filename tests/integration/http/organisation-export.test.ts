// An organisation's full export over HTTP: only its lead downloads it, and the
// ZIP, read back with yauzl, holds its returns, submissions, challenges and
// their history, issued letters and current evidence files as the database
// and storage hold them, with a README saying what each file is.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actorClients } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { EvidenceMaker } from '../../helpers/evidence';
import { zipEntries } from '../../helpers/zip';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import type { Snapshot } from '../../../src/lib/domain/snapshot';

const ids = inject('demoIds');
const policeId = ids.organisations['Mercia Vale Police'];
const exportPath = `/organisations/${policeId}/export.zip`;
const letterPage = `/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/letters/${ids.policeLetter}`;
let server: TestServer;
const clientOf = actorClients<SignedInActor>(() => server.url, ACTORS);
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const csv = (data: Buffer) => parse(data, { bom: true, columns: true }) as Record<string, string>[];

let entries: { name: string; data: Buffer }[];
let letterFiles: { pdf: Buffer; docx: Buffer };
const entry = (name: string) => {
	const found = entries.find((e) => e.name === name);
	if (!found) throw new Error(`no ${name} in ${entries.map((e) => e.name).join(', ')}`);
	return found.data;
};

beforeAll(async () => {
	server = await startTestServer({
		prepare: async (db, dataDir) => {
			const maker = new EvidenceMaker(db, dataDir);
			await maker.document(policeId, ACTORS.police_lead, { title: 'Safeguarding policy', fileName: 'policy.txt', mediaType: 'text/plain', bytes: 'Policy, first edition' });
			const supervision = await maker.document(policeId, ACTORS.police_contributor, { title: 'Supervision audit 2025/26', fileName: 'audit.txt', mediaType: 'text/plain', bytes: 'Audit, draft' });
			await maker.revise(policeId, ACTORS.police_contributor, supervision.documentId, { title: 'Supervision audit 2025/26', fileName: 'audit v2.txt', mediaType: 'text/plain', bytes: 'Audit, final' });
		}
	});
	// The chair issues last year's letter, so the force has one to take away.
	const chair = await clientOf('nm_chair');
	const version = inputValues(await (await chair.get(letterPage)).text()).version;
	expect((await chair.post(letterPage, { version, confirm: 'yes' }, { action: 'issue' })).status).toBe(303);
	const res = await (await clientOf('police_lead')).get(exportPath);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/zip');
	entries = await zipEntries(await bytesOf(res));
	const lead = await clientOf('police_lead');
	letterFiles = {
		pdf: await bytesOf(await lead.get(`/organisations/${policeId}/letters/${ids.policeLetter}/letter.pdf`)),
		docx: await bytesOf(await lead.get(`/organisations/${policeId}/letters/${ids.policeLetter}/letter.docx`))
	};
}, 180_000);
afterAll(() => server?.stop());

describe('who may export the organisation', () => {
	it('its lead only: contributors, signatories and its partnerships are refused, other organisations are told it does not exist', async () => {
		expect((await (await clientOf('police_contributor')).get(exportPath)).status).toBe(403);
		expect((await (await clientOf('police_signatory')).get(exportPath)).status).toBe(403);
		// The partnerships it belongs to read its submissions, never its own records.
		for (const actor of ['nm_bu', 'nm_chair', 'eb_bu'] as const) expect((await (await clientOf(actor)).get(exportPath)).status, actor).toBe(403);
		for (const actor of ['nhs_lead', 'school_lead'] as const) expect((await (await clientOf(actor)).get(exportPath)).status, actor).toBe(404);
		expect((await (await clientOf('anonymous')).get(exportPath)).status).toBe(303);
	});

	it('the lead finds it on the organisation’s page; a contributor is not offered it', async () => {
		expect(await (await (await clientOf('police_lead')).get(`/organisations/${policeId}`)).text()).toContain(`href="/organisations/${policeId}/export.zip"`);
		expect(await (await (await clientOf('police_contributor')).get(`/organisations/${policeId}`)).text()).not.toContain('export.zip');
	});
});

describe('what the ZIP holds', () => {
	it('a README naming every other file and what it holds', () => {
		const readme = entry('README.txt').toString('utf8');
		expect(readme).toContain('Everything Mercia Vale Police keeps in the safeguarding self-assessment portal');
		for (const e of entries.filter((x) => x.name !== 'README.txt' && !x.name.startsWith('evidence/'))) expect(readme, e.name).toContain(e.name);
		expect(readme).toContain('evidence/index.csv');
	});

	it('every submission as JSON, exactly as the database froze it, and as CSV', async () => {
		const stored = await server.inspect((db) =>
			db.query<{ id: string; version: number; snapshot: Snapshot }>('select id, version, snapshot from submissions where organisation_id = $1 order by submitted_at', [policeId])
		);
		const json = entries.filter((e) => e.name.startsWith('submissions/') && e.name.endsWith('.json')).map((e) => JSON.parse(e.data.toString('utf8')) as { id: string; snapshot: Snapshot });
		expect(json.map((j) => j.id).sort()).toEqual(stored.map((s) => s.id).sort());
		for (const s of stored) expect(json.find((j) => j.id === s.id)!.snapshot).toEqual(s.snapshot);
		const first = stored[0];
		const answers = entries.find((e) => e.name.startsWith('submissions/') && e.name.endsWith(`version ${first.version} answers.csv`))!;
		expect(csv(answers.data).length).toBeGreaterThan(0);
	});

	it('the live return’s answers, a row for every requirement, and its action plan', () => {
		const answers = entries.filter((e) => e.name.startsWith('returns/') && e.name.endsWith('/answers.csv'));
		expect(answers.length).toBeGreaterThan(0);
		const rows = csv(answers[0].data);
		expect(rows.length).toBeGreaterThan(20);
		expect(Object.keys(rows[0])).toEqual(['Standard', 'Standard title', 'Requirement', 'Requirement text', 'Grade', 'Not applicable reason', 'Narrative', 'Carried forward: review', 'Last changed', 'Last changed by']);
		expect(entries.some((e) => e.name.startsWith('returns/') && e.name.endsWith('/actions.csv'))).toBe(true);
	});

	it('the challenges and each one’s history', () => {
		const challenges = csv(entry('challenges/challenges.csv'));
		const history = csv(entry('challenges/history.csv'));
		expect(challenges.length).toBeGreaterThanOrEqual(2);
		for (const c of challenges) expect(history.some((h) => h.Challenge === c.Challenge && h['What happened'] !== ''), c.Challenge).toBe(true);
	});

	it('the issued letter, byte for byte as the organisation downloads it', () => {
		const pdf = entries.find((e) => e.name.startsWith('letters/') && e.name.endsWith('.pdf'))!;
		const docx = entries.find((e) => e.name.startsWith('letters/') && e.name.endsWith('.docx'))!;
		expect(pdf.data.equals(letterFiles.pdf)).toBe(true);
		expect(docx.data.equals(letterFiles.docx)).toBe(true);
	});

	it('the current file of each library document, listed in evidence/index.csv', () => {
		const index = csv(entry('evidence/index.csv'));
		const audit = index.find((r) => r.Title === 'Supervision audit 2025/26')!;
		expect(audit.Revision).toBe('2');
		expect(entry(audit['Path in the ZIP']).toString('utf8')).toBe('Audit, final');
		const policy = index.find((r) => r.Title === 'Safeguarding policy')!;
		expect(entry(policy['Path in the ZIP']).toString('utf8')).toBe('Policy, first edition');
		expect(entries.filter((e) => e.data.toString('utf8') === 'Audit, draft')).toEqual([]);
	});

	it('is in the audit log', async () => {
		const rows = await server.inspect((db) => db.query<{ actor_email: string }>(`select actor_email from audit_log where action = 'organisation.export' and organisation_id = $1`, [policeId]));
		expect(rows.map((r) => r.actor_email)).toEqual([ACTORS.police_lead]);
	});
});
