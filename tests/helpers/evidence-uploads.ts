// Uploading evidence as a browser does, and looking at what the server kept:
// rows in the database and files under DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from './http';
import type { TestServer } from './test-server';

export interface UploadFile {
	name: string;
	body: BlobPart | Buffer;
	type?: string;
}

/** Posts files (and fields first, as the form's order has them) as multipart to a form action. */
export function uploadEvidence(client: Client, path: string, files: UploadFile[], fields: Record<string, string> = { noChildData: 'yes' }, action?: string) {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	for (const f of files) form.append('files', new File([Buffer.isBuffer(f.body) ? new Uint8Array(f.body) : f.body], f.name, { type: f.type ?? 'application/octet-stream' }));
	return client.postMultipart(path, form, { action });
}

/** Every file under a directory, relative to it. */
export function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
		.filter((e) => e.isFile())
		.map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
		.sort();
}

/** The stored evidence objects and leftover spool files of a test server. */
export function storedFiles(server: TestServer): { evidence: string[]; spool: string[] } {
	const dir = server.scratch.env.DATA_DIR;
	return { evidence: filesUnder(path.join(dir, 'evidence')), spool: filesUnder(path.join(dir, 'spool')) };
}

/** The message beside a field, as the page shows it. */
export function fieldError(html: string, id: string): string | undefined {
	const m = new RegExp(`<p id="${id}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(html);
	return m?.[1].replace(/<[^>]+>/g, '').replace('Error:', '').trim();
}
