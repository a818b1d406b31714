// One contract, both backends: what the evidence module relies on from storage
// holds for the local directory and for a real S3-compatible server (s3rver).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localRoot, openStorage, spool, spoolDir, StorageNotFound, storageKey, type Storage } from '../../../src/lib/server/storage';
import { localStorage } from '../../../src/lib/server/storage/local';
import { s3Storage } from '../../../src/lib/server/storage/s3';
import { startS3, type TestS3 } from '../../helpers/s3';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-storage-'));
const spoolTo = spoolDir(dataDir);
let s3: TestS3;

beforeAll(async () => {
	s3 = await startS3();
});
afterAll(async () => {
	await s3?.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
});

async function text(stream: Readable) {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

async function sha256Of(stream: Readable) {
	const hash = createHash('sha256');
	for await (const chunk of stream) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

async function keys(storage: Storage) {
	const found: string[] = [];
	for await (const object of storage.list()) found.push(object.key);
	return found.sort();
}

const spoolFiles = () => (fs.existsSync(spoolTo) ? fs.readdirSync(spoolTo) : []);

/** Spools `content` and commits it for `organisation`, as an upload does. */
async function put(storage: Storage, organisation: string, content: string | Buffer) {
	const spooled = await spool(Readable.from([Buffer.from(content)]), spoolTo, 100 * 1024 * 1024);
	const key = storageKey(organisation, spooled.sha256);
	await storage.commit(spooled.path, key);
	return { key, spooled };
}

const backends: [string, () => Storage][] = [
	['local directory', () => localStorage(localRoot(dataDir))],
	['S3-compatible bucket', () => s3Storage(s3.settings)]
];

describe.each(backends)('evidence storage in a %s', (_name, open) => {
	let storage: Storage;
	const organisation = randomUUID();
	beforeAll(() => {
		storage = open();
	});

	it('commits a spooled file under its key and reads it back whole, leaving no spool file', async () => {
		const { key, spooled } = await put(storage, organisation, 'Safeguarding policy, approved March');
		expect(fs.existsSync(spooled.path)).toBe(false);
		expect(await storage.exists(key)).toBe(true);
		expect(await text(await storage.read(key))).toBe('Safeguarding policy, approved March');
		expect(spoolFiles()).toEqual([]);
	});

	it('stores identical content once: the second commit drops its spool file', async () => {
		const other = randomUUID();
		const first = await put(storage, other, 'The same policy, uploaded twice');
		const second = await put(storage, other, 'The same policy, uploaded twice');
		expect(second.key).toBe(first.key);
		expect(fs.existsSync(second.spooled.path)).toBe(false);
		expect((await keys(storage)).filter((k) => k.startsWith(`${other}/`))).toEqual([first.key]);
		expect(await text(await storage.read(first.key))).toBe('The same policy, uploaded twice');
		expect(spoolFiles()).toEqual([]);
	});

	it('reads an inclusive byte range, as an HTTP Range header asks', async () => {
		const { key } = await put(storage, organisation, '0123456789abcdef');
		expect(await text(await storage.read(key, { start: 3, end: 7 }))).toBe('34567');
		expect(await text(await storage.read(key, { start: 15, end: 15 }))).toBe('f');
	});

	it('lists every stored object and deletes one, deleting a missing one too', async () => {
		const other = randomUUID();
		const a = await put(storage, other, 'first document');
		const b = await put(storage, other, 'second document');
		expect((await keys(storage)).filter((k) => k.startsWith(`${other}/`))).toEqual([a.key, b.key].sort());
		const listed = [];
		for await (const object of storage.list()) if (object.key === a.key) listed.push(object);
		expect(listed[0].modifiedAt).toBeInstanceOf(Date);
		await storage.delete(a.key);
		expect(await storage.exists(a.key)).toBe(false);
		expect((await keys(storage)).filter((k) => k.startsWith(`${other}/`))).toEqual([b.key]);
		await expect(storage.delete(a.key)).resolves.toBeUndefined();
	});

	it('answers StorageNotFound for an object that is not there', async () => {
		const missing = storageKey(organisation, 'a'.repeat(64));
		expect(await storage.exists(missing)).toBe(false);
		await expect(storage.read(missing)).rejects.toBeInstanceOf(StorageNotFound);
	});

	it('refuses keys that are not an organisation id and a SHA-256', async () => {
		for (const key of ['../../etc/passwd', `${organisation}/../x`, `${organisation}/${'A'.repeat(64)}`, 'policy.pdf', `${organisation}/${'a'.repeat(64)}/x`]) {
			await expect(storage.exists(key)).rejects.toThrow(/Not an evidence storage key/);
			await expect(storage.read(key)).rejects.toThrow(/Not an evidence storage key/);
			await expect(storage.delete(key)).rejects.toThrow(/Not an evidence storage key/);
		}
		const spooled = await spool(Readable.from([Buffer.from('x')]), spoolTo, 10);
		await expect(storage.commit(spooled.path, '../outside')).rejects.toThrow(/Not an evidence storage key/);
		expect(spoolFiles()).toEqual([]);
	});

	it('round-trips a 50 MB file with the same SHA-256', async () => {
		const block = randomBytes(1024 * 1024);
		const source = Readable.from(
			(function* () {
				for (let i = 0; i < 50; i++) yield Buffer.concat([block, Buffer.from([i])]);
			})()
		);
		const spooled = await spool(source, spoolTo, 60 * 1024 * 1024);
		expect(spooled.size).toBe(50 * (1024 * 1024 + 1));
		const key = storageKey(organisation, spooled.sha256);
		await storage.commit(spooled.path, key);
		expect(await sha256Of(await storage.read(key))).toBe(spooled.sha256);
		expect(spoolFiles()).toEqual([]);
	});
});

describe('openStorage', () => {
	const settings = { DATA_DIR: dataDir, S3_REGION: 'eu-west-2', S3_FORCE_PATH_STYLE: true } as const;

	it('keeps evidence under DATA_DIR/evidence by default', async () => {
		const storage = openStorage({ ...settings, STORAGE: 'local' });
		expect(storage.kind).toBe('local');
		const { key } = await put(storage, randomUUID(), 'kept locally');
		expect(fs.existsSync(path.join(dataDir, 'evidence', ...key.split('/')))).toBe(true);
	});

	it('uses the bucket with STORAGE=s3', async () => {
		const { bucket, endpoint, accessKeyId, secretAccessKey } = s3.settings;
		const storage = openStorage({ ...settings, STORAGE: 's3', S3_BUCKET: bucket, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey });
		expect(storage.kind).toBe('s3');
		const { key } = await put(storage, randomUUID(), 'kept in the bucket');
		expect(await text(await s3Storage(s3.settings).read(key))).toBe('kept in the bucket');
	});
});
