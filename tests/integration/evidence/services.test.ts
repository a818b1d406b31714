// The portal with its real companions: ClamAV's daemon scanning every upload
// (fail closed when it is gone) and an S3-compatible bucket holding the files;
// and the start-up sweep of files no row names.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { startClamd, eicar, TEST_SIGNATURE, type TestClamd } from '../../helpers/clamd';
import { startS3, type TestS3 } from '../../helpers/s3';
import { fieldError, storedFiles, uploadEvidence } from '../../helpers/evidence-uploads';
import { pdfWith } from '../../helpers/evidence-files';
import { createTestDb } from '../../helpers/test-db';
import { localStorage } from '../../../src/lib/server/storage/local';
import { letterKey, spool, storageKey } from '../../../src/lib/server/storage';
import { sweepOrphans } from '../../../src/lib/server/evidence/services';
import { Readable } from 'node:stream';

const ids = inject('demoIds');
const page = () => `/organisations/${ids.organisations['Mercia Vale Police']}/returns/${ids.police.returnId}/evidence/4.1`;

describe('with ClamAV and an S3 bucket', () => {
	let clamd: TestClamd;
	let s3: TestS3;
	let server: TestServer;
	let lead: Client;

	beforeAll(async () => {
		[clamd, s3] = await Promise.all([startClamd(), startS3()]);
		const s = s3.settings;
		server = await startTestServer({
			env: {
				CLAMD_SOCKET: clamd.socket,
				STORAGE: 's3',
				S3_BUCKET: s.bucket,
				S3_ENDPOINT: s.endpoint!,
				S3_REGION: s.region,
				S3_ACCESS_KEY_ID: s.accessKeyId!,
				S3_SECRET_ACCESS_KEY: s.secretAccessKey!,
				S3_FORCE_PATH_STYLE: 'true'
			}
		});
		lead = await new Client(server.url).signIn('lead@police.example.org');
	}, 180_000);
	afterAll(async () => {
		await server?.stop();
		await Promise.all([clamd?.stop(), s3?.stop()]);
	});

	async function bucketKeys() {
		const s = s3.settings;
		const client = new S3Client({ endpoint: s.endpoint, region: s.region, forcePathStyle: true, credentials: { accessKeyId: s.accessKeyId!, secretAccessKey: s.secretAccessKey! } });
		const listed = await client.send(new ListObjectsV2Command({ Bucket: s.bucket }));
		client.destroy();
		return (listed.Contents ?? []).map((o) => o.Key).sort();
	}

	it('scans a clean PDF, keeps it in the bucket and says it was scanned', async () => {
		const res = await uploadEvidence(lead, page(), [{ name: 'policy.pdf', body: await pdfWith(['Allegations management policy']) }], undefined, 'upload');
		expect(res.status).toBe(303);
		expect(await bucketKeys()).toHaveLength(1);
		expect(storedFiles(server)).toEqual({ evidence: [], spool: [] });
	});

	it('refuses the test virus, logs it, and keeps nothing', async () => {
		const before = await bucketKeys();
		const res = await uploadEvidence(lead, page(), [{ name: 'notes.txt', body: eicar() }], undefined, 'upload');
		expect(res.status).toBe(422);
		expect(fieldError(await res.text(), 'files')).toBe('The selected file contains a virus and has not been uploaded');
		expect(await bucketKeys()).toEqual(before);
		expect(server.output()).toContain(TEST_SIGNATURE);
	});

	it('refuses uploads with “try again later” while the scanner is down: fail closed', async () => {
		await clamd.stop();
		const before = await bucketKeys();
		const res = await uploadEvidence(lead, page(), [{ name: 'clean.txt', body: 'A clean note\n' }], undefined, 'upload');
		expect(res.status).toBe(503);
		expect(fieldError(await res.text(), 'files')).toMatch(/could not be checked for viruses just now – try again later/);
		expect(await bucketKeys()).toEqual(before);
		expect(storedFiles(server).spool).toEqual([]);
	});
});

describe('the start-up sweep', () => {
	it('deletes stored files no revision names, and only those', async () => {
		const db = await createTestDb('demo');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-sweep-'));
		try {
			const storage = localStorage(path.join(dir, 'evidence'));
			const org = ids.organisations['Mercia Vale Police'];
			const put = async (text: string) => {
				const s = await spool(Readable.from([Buffer.from(text)]), path.join(dir, 'spool'), 1000);
				await storage.commit(s.path, storageKey(org, s.sha256));
				return { key: storageKey(org, s.sha256), ...s };
			};
			const named = await put('named');
			const orphan = await put('orphan');
			const [doc] = await db.query<{ id: string }>(`insert into evidence_documents (organisation_id, title) values ($1, 'Named') returning id`, [org]);
			await db.query(
				`insert into evidence_revisions (document_id, revision, file_name, media_type, size_bytes, sha256, storage_key, scan, text_check)
				 values ($1, 1, 'named.txt', 'text/plain', $2, $3, $4, 'not_scanned', 'checked')`,
				[doc.id, named.size, named.sha256, named.key]
			);
			expect(await sweepOrphans(db, storage, 0)).toBe(1);
			expect(await storage.exists(named.key)).toBe(true);
			expect(await storage.exists(orphan.key)).toBe(false);
			// Within the grace period a file is left alone: another instance may be about to record it.
			const fresh = await put('fresh');
			expect(await sweepOrphans(db, storage, 60_000)).toBe(0);
			expect(await storage.exists(fresh.key)).toBe(true);
		} finally {
			await db.drop();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the start-up sweep and feedback letters', () => {
	it('never deletes an issued letter’s files, which no evidence revision names', async () => {
		const db = await createTestDb('demo');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-sweep-'));
		try {
			const storage = localStorage(path.join(dir, 'evidence'));
			const s = await spool(Readable.from([Buffer.from('%PDF-1.7 a letter')]), path.join(dir, 'spool'), 1000);
			const key = letterKey(ids.partnerships.northmere, s.sha256);
			await storage.commit(s.path, key);
			const listed = [];
			for await (const o of storage.list()) listed.push(o.key);
			expect(listed).toContain(key);
			expect(await sweepOrphans(db, storage, 0)).toBe(0);
			expect(await storage.exists(key)).toBe(true);
		} finally {
			await db.drop();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
