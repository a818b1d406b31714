// Evidence downloads over HTTP, against the built server: who may open which
// file (role by role, and through which side), the headers that keep a file
// from running in the portal's origin, byte ranges, previews, the ZIP of a
// submission's evidence, a purged file, and the audit log.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import yauzl from 'yauzl';
import { actorClients, Client, pageText } from '../../helpers/http';
import { ACTORS, ALL_ACTORS, type Actor, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { EvidenceMaker, submissionCiting, type MadeRevision } from '../../helpers/evidence';
import { pdfWith } from '../../helpers/evidence-files';
import { localRoot } from '../../../src/lib/server/storage';

const ids = inject('demoIds');
const police = ids.organisations['Mercia Vale Police'];
const nhs = ids.organisations['Mercia Vale Community Health NHS Trust'];
const ambulance = ids.organisations['Mercia Vale Ambulance Service NHS Trust'];
const nm = `/partnerships/${ids.partnerships.northmere}`;
const eb = `/partnerships/${ids.partnerships.eastbrook}`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ROTA = 'Name,Role\nA. Example,Designated safeguarding lead\n'.repeat(50);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let server: TestServer;
const made = {} as {
	policy1: MadeRevision; policy2: MadeRevision; rota: MadeRevision; chart: MadeRevision; leaflet: MadeRevision;
	nhsPolicy: MadeRevision; ambulancePolicy: MadeRevision;
	v2: string; v3: string; ambulanceEb: string; ambulanceNm: string;
	policyBytes: Buffer; policy2Bytes: Buffer;
};

beforeAll(async () => {
	made.policyBytes = await pdfWith(['Safeguarding policy, revision one']);
	made.policy2Bytes = await pdfWith(['Safeguarding policy, revision two']);
	server = await startTestServer({
		prepare: async (db, dataDir) => {
			const e = new EvidenceMaker(db, dataDir);
			const lead = ACTORS.police_lead;
			made.policy1 = await e.document(police, lead, { title: 'Safeguarding policy', fileName: 'Política de protección.pdf', mediaType: 'application/pdf', bytes: made.policyBytes });
			made.policy2 = await e.revise(police, lead, made.policy1.documentId, { title: 'Safeguarding policy', fileName: 'Política de protección.pdf', mediaType: 'application/pdf', bytes: made.policy2Bytes });
			made.rota = await e.document(police, lead, { title: 'Staff rota', fileName: 'rota.csv', mediaType: 'text/csv', bytes: ROTA });
			made.chart = await e.document(police, lead, { title: 'Structure chart', fileName: 'chart.png', mediaType: 'image/png', bytes: PNG });
			made.leaflet = await e.document(police, lead, { title: 'Old leaflet', fileName: 'leaflet.txt', mediaType: 'text/plain', bytes: 'An old leaflet' });
			made.nhsPolicy = await e.document(nhs, ACTORS.nhs_lead, { title: 'NHS policy', fileName: 'nhs.pdf', mediaType: 'application/pdf', bytes: made.policyBytes });
			made.ambulancePolicy = await e.document(ambulance, 'lead@mercia-vale-ambulance-service-nhs-trust.example.org', { title: 'Ambulance policy', fileName: 'amb.txt', mediaType: 'text/plain', bytes: 'Ambulance' });
			made.v2 = await submissionCiting(db, ids.police.submissionId, {
				'1.1': [made.policy1.file],
				'1.2': [made.policy1.file, made.rota.file, made.chart.file],
				'2.1': [made.leaflet.file]
			});
			made.v3 = await submissionCiting(db, ids.police.submissionId, { '1.1': [made.policy2.file], '1.2': [made.rota.file] });
			made.ambulanceEb = await submissionCiting(db, ids.ambulanceEastbrookSubmission, { '1.1': [made.ambulancePolicy.file] });
			const [nmSubmission] = await db.query<{ id: string }>('select id from submissions where organisation_id = $1 and partnership_id = $2 limit 1', [ambulance, ids.partnerships.northmere]);
			made.ambulanceNm = await submissionCiting(db, nmSubmission.id, { '1.1': [made.ambulancePolicy.file] });
			// The retention purge deletes the file and marks the revision.
			await db.query('update evidence_revisions set purged_at = now() where id = $1', [made.leaflet.revisionId]);
			fs.rmSync(path.join(localRoot(dataDir), police, made.leaflet.file.sha256));
		}
	});
}, 180_000);
afterAll(() => server?.stop());

const clientOf = actorClients<SignedInActor>(() => server.url, ACTORS);

const policeRoles: Actor[] = ['police_lead', 'police_contributor', 'police_signatory'];
const nmReaders: Actor[] = ['nm_bu', 'nm_chair', 'nm_moderator'];
const partnershipsOfPolice: Actor[] = ['nm_bu', 'nm_chair', 'nm_moderator', 'nm_board', 'eb_bu', 'eb_chair'];
/** 303 for anonymous, `allowed` 200, `inScope` 403, everyone else 404. */
const expectation = (allowed: Actor[], inScope: Actor[]) => (actor: Actor) =>
	actor === 'anonymous' ? 303 : allowed.includes(actor) ? 200 : inScope.includes(actor) ? 403 : 404;

describe('who may download', () => {
	const cases: [string, () => string, (a: Actor) => number][] = [
		['a library revision, for the organisation’s own people', () => `/organisations/${police}/evidence/${made.policy1.documentId}/revisions/1/file`, expectation(policeRoles, [])], // the library: a 404 to partnerships
		['a cited file through the organisation’s submission', () => `/organisations/${police}/submissions/${made.v2}/evidence/${made.policy1.revisionId}`, expectation(policeRoles, partnershipsOfPolice)],
		['a cited file through the partnership it was sent to', () => `${nm}/submissions/${made.v2}/evidence/${made.policy1.revisionId}`, expectation(nmReaders, ['nm_board'])],
		['the ZIP through the organisation', () => `/organisations/${police}/submissions/${made.v2}/evidence.zip`, expectation(policeRoles, partnershipsOfPolice)],
		['the ZIP through the partnership', () => `${nm}/submissions/${made.v2}/evidence.zip`, expectation(nmReaders, ['nm_board'])],
		['Northmere’s submission through Eastbrook’s path', () => `${eb}/submissions/${made.v2}/evidence/${made.policy1.revisionId}`, expectation([], [])]
	];
	describe.each(cases)('%s', (_, url, want) => {
		it.each(ALL_ACTORS)('%s', async (actor) => {
			const res = await (await clientOf(actor)).get(url());
			expect(res.status, `${actor} → ${url()}`).toBe(want(actor));
			await res.body?.cancel();
		});
	});

	it('gives the ambulance trust’s Eastbrook evidence to Eastbrook only, and its Northmere submission’s to Northmere only', async () => {
		const rev = made.ambulancePolicy.revisionId;
		const chair = await clientOf('eb_chair');
		expect((await chair.get(`${eb}/submissions/${made.ambulanceEb}/evidence/${rev}`)).status).toBe(200);
		expect((await chair.get(`${eb}/submissions/${made.ambulanceNm}/evidence/${rev}`)).status).toBe(404);
		expect((await chair.get(`${nm}/submissions/${made.ambulanceNm}/evidence/${rev}`)).status).toBe(404);
		const nmChair = await clientOf('nm_chair');
		expect((await nmChair.get(`${nm}/submissions/${made.ambulanceNm}/evidence/${rev}`)).status).toBe(200);
		expect((await nmChair.get(`${nm}/submissions/${made.ambulanceEb}/evidence/${rev}`)).status).toBe(404);
	});

	it('answers 404 for a revision the submission does not cite, wherever it exists', async () => {
		const chair = await clientOf('nm_chair');
		const lead = await clientOf('police_lead');
		for (const rev of [made.policy2.revisionId, made.nhsPolicy.revisionId, made.ambulancePolicy.revisionId, '00000000-0000-0000-0000-000000000000']) {
			expect((await chair.get(`${nm}/submissions/${made.v2}/evidence/${rev}`)).status).toBe(404);
			expect((await lead.get(`/organisations/${police}/submissions/${made.v2}/evidence/${rev}`)).status).toBe(404);
		}
		expect((await lead.get(`/organisations/${police}/evidence/${made.nhsPolicy.documentId}/revisions/1/file`)).status).toBe(404);
		expect((await lead.get(`/organisations/${nhs}/evidence/${made.nhsPolicy.documentId}/revisions/1/file`)).status).toBe(404);
		for (const n of ['3', '0', '01', 'x', '99999999999'])
			expect((await lead.get(`/organisations/${police}/evidence/${made.policy1.documentId}/revisions/${n}/file`)).status).toBe(404);
	});
});

describe('a downloaded file', () => {
	const url = () => `${nm}/submissions/${made.v2}/evidence/${made.policy1.revisionId}`;

	it('is exactly the revision submitted, with its stored type, an encoded name and sandboxing headers', async () => {
		const res = await (await clientOf('nm_chair')).get(url(), { accept: '*/*' });
		expect(res.status).toBe(200);
		const body = Buffer.from(await res.arrayBuffer());
		expect(sha(body)).toBe(sha(made.policyBytes));
		expect(Object.fromEntries(['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control', 'accept-ranges'].map((h) => [h, res.headers.get(h)]))).toEqual({
			'content-type': 'application/pdf',
			'content-length': String(made.policyBytes.length),
			'content-disposition': `attachment; filename="Politica de proteccion.pdf"; filename*=UTF-8''Pol%C3%ADtica%20de%20protecci%C3%B3n.pdf`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': 'sandbox',
			'cache-control': 'private, no-store',
			'accept-ranges': 'bytes'
		});
	});

	it('answers a single range with 206, and the three forms of it', async () => {
		const chair = await clientOf('nm_chair');
		const size = made.policyBytes.length;
		for (const [range, start, end] of [['bytes=0-9', 0, 9], ['bytes=-5', size - 5, size - 1], [`bytes=${size - 3}-`, size - 3, size - 1]] as const) {
			const res = await chair.get(url(), { range });
			expect(res.status).toBe(206);
			expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
			expect(res.headers.get('content-length')).toBe(String(end - start + 1));
			expect(Buffer.from(await res.arrayBuffer()).equals(made.policyBytes.subarray(start, end + 1))).toBe(true);
		}
	});

	it('answers 416 for a range past the end, and the whole file for several ranges', async () => {
		const chair = await clientOf('nm_chair');
		const size = made.policyBytes.length;
		const past = await chair.get(url(), { range: `bytes=${size}-` });
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
		const several = await chair.get(url(), { range: 'bytes=0-1,5-6' });
		expect(several.status).toBe(200);
		expect((await several.arrayBuffer()).byteLength).toBe(size);
	});

	it('previews only PDFs and images inline, under the same sandbox', async () => {
		const lead = await clientOf('police_lead');
		const file = (m: MadeRevision) => `/organisations/${police}/submissions/${made.v2}/evidence/${m.revisionId}?inline=1`;
		for (const [m, disposition] of [[made.policy1, 'inline'], [made.chart, 'inline'], [made.rota, 'attachment']] as const) {
			const res = await lead.get(file(m));
			expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^${disposition};`));
			expect(res.headers.get('content-security-policy')).toBe('sandbox');
			await res.body?.cancel();
		}
	});

	it('says a purged file was deleted under the retention period (410)', async () => {
		const res = await (await clientOf('nm_chair')).get(`${nm}/submissions/${made.v2}/evidence/${made.leaflet.revisionId}`);
		expect(res.status).toBe(410);
		expect(await pageText(res)).toContain("deleted at the end of the partnership's retention period");
	});
});

function unzip(buffer: Buffer): Promise<Map<string, { method: number; data: Buffer }>> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
			if (err) return reject(err);
			const out = new Map<string, { method: number; data: Buffer }>();
			zip.on('entry', (entry: yauzl.Entry) => {
				zip.openReadStream(entry, (e, stream) => {
					if (e) return reject(e);
					const chunks: Buffer[] = [];
					stream.on('data', (c: Buffer) => chunks.push(c));
					stream.on('end', () => {
						const data = Buffer.concat(chunks);
						// What an unzipping tool checks: the recorded checksum matches the bytes.
						if (zlib.crc32(data) !== entry.crc32) return reject(new Error(`${entry.fileName}: CRC-32 does not match`));
						out.set(entry.fileName, { method: entry.compressionMethod, data: Buffer.concat(chunks) });
						zip.readEntry();
					});
				});
			});
			zip.on('end', () => resolve(out));
			zip.readEntry();
		});
	});
}

describe('Download all evidence', () => {
	it('is one ZIP with a folder per standard, each cited revision once per requirement, and an index', async () => {
		const res = await (await clientOf('nm_chair')).get(`${nm}/submissions/${made.v2}/evidence.zip`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*evidence\.zip"/);
		expect(res.headers.get('content-security-policy')).toBe('sandbox');
		const files = await unzip(Buffer.from(await res.arrayBuffer()));
		const folder = [...files.keys()].find((k) => k.endsWith('1.1 Safeguarding policy.pdf'))!.split('/')[0];
		expect(folder).toMatch(/^1 Leadership/);
		expect([...files.keys()].sort()).toEqual(
			[`${folder}/1.1 Safeguarding policy.pdf`, `${folder}/1.2 Safeguarding policy.pdf`, `${folder}/1.2 Staff rota.csv`, `${folder}/1.2 Structure chart.png`, 'index.csv'].sort()
		);
		expect(sha(files.get(`${folder}/1.2 Safeguarding policy.pdf`)!.data)).toBe(sha(made.policyBytes));
		expect(files.get(`${folder}/1.2 Safeguarding policy.pdf`)!.method).toBe(0);
		expect(files.get(`${folder}/1.2 Staff rota.csv`)!.method).toBe(8);
		expect(files.get(`${folder}/1.2 Staff rota.csv`)!.data.toString()).toBe(ROTA);
		const index = files.get('index.csv')!.data.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		expect(index).toHaveLength(6);
		expect(index).toContain(`1,1.2,Staff rota,rota.csv,1,${Buffer.byteLength(ROTA)},CSV file,${sha(Buffer.from(ROTA))},${folder}/1.2 Staff rota.csv`);
		expect(index.find((l) => l.includes('Old leaflet'))).toMatch(/Not included: deleted under the partnership's retention period$/);
	});

	it('is not offered, and answers 404, for a submission without evidence', async () => {
		const chair = await clientOf('nm_chair');
		expect(await pageText(await chair.get(`${nm}/submissions/${ids.police.submissionId}`))).not.toContain('Download all evidence');
		expect((await chair.get(`${nm}/submissions/${ids.police.submissionId}/evidence.zip`)).status).toBe(404);
	});
});

describe('the submission page', () => {
	it('lists each requirement’s files with a link to exactly the revision sent, and offers the ZIP, on both sides', async () => {
		for (const [actor, base] of [['nm_chair', `${nm}/submissions/${made.v2}`], ['police_lead', `/organisations/${police}/submissions/${made.v2}`]] as const) {
			const html = await (await (await clientOf(actor)).get(base)).text();
			expect(html).toContain(`href="${base}/evidence/${made.policy1.revisionId}"`);
			expect(html).toContain(`href="${base}/evidence.zip"`);
			const text = await pageText(new Response(html));
			expect(text).toContain('Download all evidence (ZIP)');
			expect(text).toMatch(/Staff rota \(download\) \(CSV file, [\d.]+ KB, revision 1\)/);
			expect(text).toContain("Old leaflet (Text file, 14 bytes, revision 1): deleted at the end of the partnership's retention period");
		}
	});

	it('names the title, file and revision of evidence added and removed when a new version cites a new revision', async () => {
		const text = await pageText(await (await clientOf('nm_chair')).get(`${nm}/submissions/${made.v3}?compare=${made.v2}`));
		expect(text).toContain('Removed for 1.1: Safeguarding policy (Política de protección.pdf, revision 1)');
		expect(text).toContain('Added for 1.1: Safeguarding policy (Política de protección.pdf, revision 2)');
	});
});

describe('the audit log', () => {
	it('records every download: who, document, revision, submission, range, inline and address', async () => {
		const chair = await clientOf('nm_chair');
		await (await chair.get(`${nm}/submissions/${made.v2}/evidence/${made.chart.revisionId}?inline=1`, { range: 'bytes=0-3' })).body?.cancel();
		await (await chair.get(`${nm}/submissions/${made.v2}/evidence.zip`)).body?.cancel();
		const rows = await server.inspect((db) =>
			db.query<{ action: string; actor_email: string; subject_id: string; partnership_id: string; organisation_id: string; detail: Record<string, unknown>; ip: string }>(
				`select action, actor_email, subject_id, partnership_id, organisation_id, detail, ip from audit_log where action like 'evidence.download%' order by id desc limit 2`
			)
		);
		expect(rows[1]).toMatchObject({
			action: 'evidence.download', actor_email: ACTORS.nm_chair, subject_id: made.chart.documentId, partnership_id: ids.partnerships.northmere, organisation_id: police, ip: chair.address,
			detail: { revision: 1, revisionId: made.chart.revisionId, submission: made.v2, range: '0-3', inline: true }
		});
		expect(rows[0]).toMatchObject({ action: 'evidence.download_all', actor_email: ACTORS.nm_chair, subject_id: made.v2, ip: chair.address, detail: { files: 4, notIncluded: 1 } });
	});
});
