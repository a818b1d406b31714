import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { useNativeCrc32 } from '../../../../src/lib/server/evidence/zip-crc';

const yazlCrc = () => createRequire(createRequire(import.meta.url).resolve('yazl'))('buffer-crc32') as { unsigned: ((b: Buffer, p?: number) => number) & { native?: boolean } };

/** Every entry of the ZIP with the CRC-32 its headers record. */
function crcs(zip: Buffer): Promise<Map<string, number>> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
			if (err) return reject(err);
			const out = new Map<string, number>();
			file.on('entry', (entry: yauzl.Entry) => {
				out.set(entry.fileName, entry.crc32);
				file.readEntry();
			});
			file.on('end', () => resolve(out));
			file.readEntry();
		});
	});
}

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
	const zip = new yazl.ZipFile();
	for (const [name, data] of Object.entries(files)) {
		// Streamed in small chunks, as stored files are: the CRC is carried from one chunk to the next.
		const chunks = Array.from({ length: Math.ceil(data.length / 1000) }, (_, i) => data.subarray(i * 1000, (i + 1) * 1000));
		zip.addReadStreamLazy(name, { compress: false, size: data.length }, (cb) => cb(null, Readable.from(chunks)));
	}
	zip.addBuffer(Buffer.from('code,file\n'), 'index.csv');
	zip.end();
	const out: Buffer[] = [];
	for await (const chunk of zip.outputStream.pipe(new PassThrough())) out.push(chunk as Buffer);
	return Buffer.concat(out);
}

describe('CRC-32 of evidence ZIPs', () => {
	it('makes yazl use zlib.crc32', () => {
		expect(useNativeCrc32()).toBe(true);
		expect(yazlCrc().unsigned.native).toBe(true);
		// Calling it again changes nothing.
		expect(useNativeCrc32()).toBe(true);
	});

	it('records the same checksums as the original, chunk after chunk', async () => {
		useNativeCrc32();
		const files = { 'a.pdf': randomBytes(123_457), 'b.docx': randomBytes(1), 'empty.txt': Buffer.alloc(0) };
		const recorded = await crcs(await zipOf(files));
		for (const [name, data] of Object.entries(files)) expect(recorded.get(name), name).toBe(zlib.crc32(data));
		expect(recorded.get('index.csv')).toBe(zlib.crc32('code,file\n'));
	});
});
