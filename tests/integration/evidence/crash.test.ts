// kill -9 of the server in the middle of an upload: after a restart there is
// no row without its file, the start-up sweep has removed the partial file, and
// the evidence uploaded before is intact.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { storedFiles, uploadEvidence } from '../../helpers/evidence-uploads';
import { pdfWith } from '../../helpers/evidence-files';

const ids = inject('demoIds');
const police = () => ids.organisations['Mercia Vale Police'];
const page = () => `/organisations/${police()}/returns/${ids.police.returnId}/evidence/3.1`;
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
}, 120_000);
afterAll(() => server.stop());

it('leaves no orphan row and no partial file after kill -9 during an upload, and keeps what was uploaded before', async () => {
	const lead = await new Client(server.url).signIn('lead@police.example.org');
	const pdf = await pdfWith(['Supervision policy']);
	expect((await uploadEvidence(lead, page(), [{ name: 'supervision.pdf', body: pdf }], undefined, 'upload')).status).toBe(303);
	const before = storedFiles(server).evidence;
	expect(before).toHaveLength(1);

	// Half of a 16 MB file, then the server is killed.
	const boundary = '----portalcrash';
	const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`;
	const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	const req = http.request(`${server.url}${page()}?/upload`, {
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 16 * 1024 * 1024 + 40), cookie, origin: server.url, 'x-forwarded-for': lead.address }
	});
	req.on('error', () => undefined);
	req.write(head);
	const chunk = Buffer.alloc(1024 * 1024, 'a');
	for (let i = 0; i < 8; i++) req.write(chunk);
	const spoolDir = path.join(server.scratch.env.DATA_DIR, 'spool');
	await expect.poll(() => storedFiles(server).spool.length, { timeout: 30_000 }).toBe(1);
	await expect.poll(() => fs.statSync(path.join(spoolDir, storedFiles(server).spool[0])).size, { timeout: 30_000 }).toBeGreaterThan(1024 * 1024);
	await server.kill();
	req.destroy();
	expect(storedFiles(server).spool).toHaveLength(1);

	await server.restart();
	expect(storedFiles(server)).toEqual({ evidence: before, spool: [] });
	expect(server.output()).toMatch(/evidence sweep removed leftovers/);
	const again = await new Client(server.url).signIn('lead@police.example.org');
	expect(await (await again.get(page())).text()).toContain('supervision');
	const rows = await server.inspect((db) => db.query<{ sha256: string; storage_key: string }>('select sha256, storage_key from evidence_revisions'));
	expect(rows).toHaveLength(1);
	const stored = fs.readFileSync(path.join(server.scratch.env.DATA_DIR, 'evidence', rows[0].storage_key));
	expect(crypto.createHash('sha256').update(stored).digest('hex')).toBe(rows[0].sha256);
});
