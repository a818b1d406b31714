// Spooling an upload to disk: the limit is enforced while streaming, and
// nothing is left behind when an upload is too large or breaks off.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spool, spoolDir, sweepSpool, TooLarge } from '../../../src/lib/server/storage/spool';

let dataDir: string;
let dir: string;
beforeEach(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-spool-'));
	dir = spoolDir(dataDir);
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const left = () => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

/** `total` bytes in chunks of `size`. */
function* chunks(total: number, size = 1000) {
	for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), 0x61);
}

describe('spool', () => {
	it('writes the file under DATA_DIR/spool, creating it, with its size and SHA-256', async () => {
		const content = randomBytes(300_000);
		const spooled = await spool(Readable.from([content.subarray(0, 100_000), content.subarray(100_000)]), dir, 1_000_000);
		expect(path.dirname(spooled.path)).toBe(path.join(dataDir, 'spool'));
		expect(spooled.path.endsWith('.part')).toBe(true);
		expect(spooled.size).toBe(300_000);
		expect(spooled.sha256).toBe(createHash('sha256').update(content).digest('hex'));
		expect(fs.readFileSync(spooled.path).equals(content)).toBe(true);
	});

	it('accepts a file of exactly the limit', async () => {
		const spooled = await spool(Readable.from(chunks(10_000)), dir, 10_000);
		expect(spooled.size).toBe(10_000);
		expect(left()).toEqual([path.basename(spooled.path)]);
	});

	it('refuses one byte over the limit with TooLarge and leaves no file', async () => {
		const refused = spool(Readable.from(chunks(10_001)), dir, 10_000);
		await expect(refused).rejects.toBeInstanceOf(TooLarge);
		await expect(refused).rejects.toMatchObject({ limit: 10_000 });
		expect(left()).toEqual([]);
	});

	it('stops reading a source that is far too large', async () => {
		let read = 0;
		const endless = new Readable({
			read() {
				read += 64 * 1024;
				this.push(Buffer.alloc(64 * 1024));
			}
		});
		await expect(spool(endless, dir, 1024 * 1024)).rejects.toBeInstanceOf(TooLarge);
		expect(endless.destroyed).toBe(true);
		expect(read).toBeLessThan(8 * 1024 * 1024);
		expect(left()).toEqual([]);
	});

	it('rethrows the error of a source that breaks off halfway and leaves no file', async () => {
		async function* disconnects() {
			yield* chunks(50_000);
			throw new Error('client disconnected');
		}
		await expect(spool(disconnects(), dir, 1_000_000)).rejects.toThrow('client disconnected');
		expect(left()).toEqual([]);
	});
});

describe('sweepSpool', () => {
	it('removes the part files a crash left and counts them, keeping anything else', async () => {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'a.part'), 'half an upload');
		fs.writeFileSync(path.join(dir, 'b.part'), '');
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
		expect(await sweepSpool(dir)).toBe(2);
		expect(left()).toEqual(['notes.txt']);
		expect(await sweepSpool(dir)).toBe(0);
	});

	it('is content with a spool directory that does not exist yet', async () => {
		expect(await sweepSpool(dir)).toBe(0);
	});
});
