// Evidence storage that cannot be written (here the local store's directory is
// a file, as a full or read-only disk refuses writes): the upload is refused
// with a clear message, no document or revision is recorded for the file that
// was not kept, no spool file is left behind; once the store can be written
// again the same upload succeeds.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { fieldError, filesUnder, uploadEvidence } from '../../helpers/evidence-uploads';
import { pdfWith } from '../../helpers/evidence-files';
import { STORAGE_DOWN } from '../../../src/lib/server/evidence/accept';

const ids = inject('demoIds');
const police = () => ids.organisations['Mercia Vale Police'];
const page = () => `/organisations/${police()}/returns/${ids.police.returnId}/evidence/3.1`;
let server: TestServer;
let blocker = '';

beforeAll(async () => {
	server = await startTestServer({
		prepare: async (_db, dataDir) => {
			fs.mkdirSync(dataDir, { recursive: true });
			blocker = path.join(dataDir, 'evidence');
			fs.rmSync(blocker, { recursive: true, force: true });
			fs.writeFileSync(blocker, 'not a directory');
		}
	});
}, 120_000);
afterAll(() => server.stop());

const counts = (db: Parameters<Parameters<TestServer['inspect']>[0]>[0]) =>
	db.query<{ documents: number; revisions: number }>(
		`select (select count(*)::int from evidence_documents where organisation_id = $1) as documents,
			(select count(*)::int from evidence_revisions r join evidence_documents d on d.id = r.document_id where d.organisation_id = $1) as revisions`,
		[police()]
	);

it('refuses an upload the store cannot keep, with a clear message and nothing recorded, and takes it once the store is writable', async () => {
	const [before] = await server.inspect(counts);
	await server.restart();
	const lead = await new Client(server.url).signIn('lead@police.example.org');
	const pdf = await pdfWith(['Supervision policy, kept when the disk allows']);

	const refused = await uploadEvidence(lead, page(), [{ name: 'supervision.pdf', body: pdf }], undefined, 'upload');
	expect(refused.status).toBe(503);
	expect(fieldError(await refused.text(), 'files')).toBe(STORAGE_DOWN);
	expect(filesUnder(path.join(server.scratch.env.DATA_DIR, 'spool'))).toEqual([]);
	const [during] = await server.inspect(counts);
	expect(during).toEqual(before);

	fs.rmSync(blocker, { force: true });
	await server.restart();
	const kept = await uploadEvidence(lead, page(), [{ name: 'supervision.pdf', body: pdf }], undefined, 'upload');
	expect(kept.status).toBe(303);
	const [after] = await server.inspect(counts);
	expect(after).toEqual({ documents: before.documents + 1, revisions: before.revisions + 1 });
}, 120_000);
