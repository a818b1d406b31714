// Uploading evidence at the HTTP level, as a browser without JavaScript posts
// it: a real PDF is kept, checked and cited; the confirmation is asked once a
// session; and every hostile upload gets a clear 4xx, never a 5xx, and leaves no
// file or row behind.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from '../../helpers/http';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { fieldError, storedFiles, uploadEvidence } from '../../helpers/evidence-uploads';
import { exeBytes, fakeDocx, htmlAsPdf, pdfWith, svgWithScript, zipBomb } from '../../helpers/evidence-files';

const ids = inject('demoIds');
const police = () => ids.organisations['Mercia Vale Police'];
const requirementPage = (code = '1.1') => `/organisations/${police()}/returns/${ids.police.returnId}/evidence/${code}`;
const MB = 1024 * 1024;

let server: TestServer;
let lead: Client;

beforeAll(async () => {
	server = await startTestServer({ env: { UPLOAD_MAX_MB: '1', EVIDENCE_QUOTA_MB: '3' } });
	lead = await new Client(server.url).signIn('lead@police.example.org');
}, 120_000);
afterAll(() => server.stop());

const upload = (files: Parameters<typeof uploadEvidence>[2], fields?: Record<string, string>, client = lead, code = '1.1') =>
	uploadEvidence(client, requirementPage(code), files, fields, 'upload');

describe('an agency uploading its policy for a requirement', () => {
	it('asks first that the documents do not identify children, and keeps nothing until it is ticked', async () => {
		const fresh = await new Client(server.url).signIn('contributor@police.example.org');
		const before = storedFiles(server);
		const res = await upload([{ name: 'policy.pdf', body: await pdfWith(['Our safeguarding policy']) }], {}, fresh);
		expect(res.status).toBe(400);
		expect(fieldError(await res.text(), 'noChildData')).toBe('Confirm that the documents do not identify children, or have been redacted');
		expect(storedFiles(server)).toEqual(before);
	});

	it('keeps a real PDF, cites it for the requirement and asks for the tick only once a session', async () => {
		const pdf = await pdfWith(['Safeguarding policy 2026', 'Approved by the board in March']);
		const first = await upload([{ name: 'Safeguarding policy 2026.pdf', body: pdf, type: 'text/html' }]);
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toContain('?done=uploaded-1');
		const page = await (await lead.get(requirementPage())).text();
		expect(page).toContain('Safeguarding policy 2026');
		expect(page).toContain('PDF');
		// Same session: no tick asked, none needed.
		expect(page).not.toContain('name="noChildData"');
		const second = await upload([{ name: 'training.pdf', body: await pdfWith(['Training records']) }], {});
		expect(second.status).toBe(303);
		expect(storedFiles(server).spool).toEqual([]);
	});

	it('flags an NHS number on page 3 of a PDF to its uploader, without refusing it', async () => {
		const pdf = await pdfWith(['Case review summary', 'Learning points', 'Child seen at clinic, NHS number 943 476 5919']);
		expect((await upload([{ name: 'case review.pdf', body: pdf }], {}, lead, '1.2')).status).toBe(303);
		const page = await (await lead.get(requirementPage('1.2'))).text();
		expect(page).toContain('May identify children');
	});

	it('cites a file already in the library instead of storing it twice', async () => {
		const pdf = await pdfWith(['Information sharing agreement']);
		const before = storedFiles(server).evidence.length;
		expect((await upload([{ name: 'isa.pdf', body: pdf }], {}, lead, '1.3')).status).toBe(303);
		expect((await upload([{ name: 'isa copy.pdf', body: pdf }], {}, lead, '1.4')).status).toBe(303);
		expect(storedFiles(server).evidence.length).toBe(before + 1);
		const page = await (await lead.get(requirementPage('1.4'))).text();
		expect(page).toContain('isa</a>');
	});
});

describe('hostile uploads', () => {
	async function refused(files: Parameters<typeof uploadEvidence>[2], status: number, message: RegExp) {
		const before = storedFiles(server);
		const res = await upload(files);
		const html = await res.text();
		expect(res.status, html.slice(0, 300)).toBe(status);
		expect(fieldError(html, 'files')).toMatch(message);
		expect(storedFiles(server)).toEqual(before);
	}
	const NOT_ACCEPTED = /must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV file/;

	it('refuses an HTML page named .pdf, an SVG with script, an executable and an empty file', async () => {
		await refused([{ name: 'policy.pdf', body: htmlAsPdf(), type: 'application/pdf' }], 415, NOT_ACCEPTED);
		await refused([{ name: 'chart.png', body: svgWithScript(), type: 'image/png' }], 415, NOT_ACCEPTED);
		await refused([{ name: 'report.pdf.exe', body: exeBytes() }], 415, NOT_ACCEPTED);
		await refused([{ name: 'empty.pdf', body: new Uint8Array(0) }], 400, /The selected file is empty/);
	});

	it('refuses a ZIP of something else named .docx, and a ZIP bomb named .docx', async () => {
		await refused([{ name: 'minutes.docx', body: await fakeDocx() }], 415, NOT_ACCEPTED);
		const bomb = await zipBomb(300);
		expect(bomb.length).toBeLessThan(MB);
		await refused([{ name: 'annual report.docx', body: bomb }], 415, /./);
	});

	it('stops a file one byte over the limit with the limit in the message', async () => {
		await refused([{ name: 'big.txt', body: new Uint8Array(MB + 1).fill(0x61) }], 413, /The selected file must be smaller than 1MB/);
	});

	it('stops an upload over the organisation’s quota, keeping the files that fitted', async () => {
		const quota = await new Client(server.url).signIn('lead@nhs.example.org');
		const nhs = ids.organisations['Mercia Vale Community Health NHS Trust'];
		const path = `/organisations/${nhs}/evidence/upload`;
		const part = (n: number) => ({ name: `part ${n}.txt`, body: new Uint8Array(MB - 1).fill(0x61 + n) });
		const res = await uploadEvidence(quota, path, [part(1), part(2), part(3), part(4)]);
		expect(res.status).toBe(400);
		expect(fieldError(await res.text(), 'files')).toMatch(/part 4\.txt: Your organisation’s evidence library is full/);
	});

	it('keeps clean names: path traversal, bidi overrides, 1,000 characters, non-Latin', async () => {
		const names = ['../../etc/passwd.txt', 'invoice\u202Etxt.exe', `${'a'.repeat(1000)}.txt`, 'سياسة الحماية.txt', '保护政策.txt', 'Polisi diogelu’r plentyn.txt'];
		const res = await upload(names.map((name, i) => ({ name, body: `Document ${i}\n` })));
		expect(res.status, fieldError(await res.text(), 'files')).toBe(303);
		const page = await (await lead.get(`/organisations/${police()}/returns/${ids.police.returnId}/evidence/1.1`)).text();
		expect(page).toContain('passwd.txt');
		expect(page).not.toContain('etc/passwd');
		expect(page).not.toContain('\u202E');
		expect(page).toContain('سياسة الحماية.txt');
		expect(page).toContain('保护政策.txt');
		expect(page).toContain('Polisi diogelu’r plentyn.txt');
		for (const f of storedFiles(server).evidence) expect(f).toMatch(/^[0-9a-f-]{36}\/[0-9a-f]{64}$/);
	});

	it('answers a name with control characters, which the multipart parser cannot read, with what to do', async () => {
		await refused([{ name: 'minutes\u0007\u001b.txt', body: 'Minutes' }], 400, /A file name could not be read: rename the file/);
	});

	it('keeps nothing of a truncated body or a client that goes away halfway', async () => {
		const before = storedFiles(server);
		const boundary = '----portaltest';
		const head = `--${boundary}\r\nContent-Disposition: form-data; name="noChildData"\r\n\r\nyes\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="half.txt"\r\nContent-Type: text/plain\r\n\r\n`;
		const cookie = [...lead.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		const send = (finish: (req: http.ClientRequest) => void) =>
			new Promise<number | null>((resolve) => {
				const req = http.request(`${server.url}${requirementPage()}?/upload`, {
					method: 'POST',
					headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, origin: server.url, accept: 'text/html', 'x-forwarded-for': lead.address }
				});
				req.on('response', (res) => {
					res.resume();
					resolve(res.statusCode ?? null);
				});
				req.on('error', () => resolve(null));
				req.write(head);
				req.write('a'.repeat(200_000));
				finish(req);
			});
		// The multipart body ends before its closing boundary.
		expect(await send((req) => req.end())).toBe(400);
		// The connection is cut halfway through the file.
		await send((req) => setTimeout(() => req.destroy(), 200));
		await new Promise((r) => setTimeout(r, 500));
		expect(storedFiles(server)).toEqual(before);
		expect((await lead.get('/healthz')).status).toBe(200);
	});

	it('stores the same file uploaded twice at once once, and answers both cleanly', async () => {
		const pdf = await pdfWith(['Escalation procedure']);
		const [a, b] = await Promise.all([upload([{ name: 'escalation.pdf', body: pdf }], {}, lead, '2.1'), upload([{ name: 'escalation.pdf', body: pdf }], {}, lead, '2.1')]);
		expect([a.status, b.status]).toEqual([303, 303]);
		expect(storedFiles(server).spool).toEqual([]);
	});
});
