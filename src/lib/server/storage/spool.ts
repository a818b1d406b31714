// An upload's bytes go first to a temporary ".part" file on local disk, hashed
// as they stream, so they can be checked (type, size, virus scan) before they
// are committed to storage under their SHA-256. Memory stays flat whatever the
// size: the source is read only as fast as the disk takes it.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

export interface Spooled {
	path: string;
	size: number;
	/** Lower-case hex. */
	sha256: string;
}

/** The file is larger than the limit; nothing of it is left on disk. */
export class TooLarge extends Error {
	override name = 'TooLarge';
	constructor(readonly limit: number) {
		super(`The file is larger than ${limit} bytes`);
	}
}

const PART = '.part';

/** Where uploads are spooled: beside local storage, on the same filesystem, so a commit is a rename. */
export const spoolDir = (dataDir: string) => path.join(dataDir, 'spool');

/**
 * Writes `source` to a new file in `dir`, hashing it on the way, and fsyncs it.
 * More than `maxBytes` stops reading and throws TooLarge; a source that fails
 * (a client that disconnected, a truncated body) rethrows its error. Either way
 * the part file is removed. Chunks are gathered into writes of about 1 MB, and
 * the next chunk is read only once the previous write is done, so memory stays
 * flat and the source is read only as fast as the disk takes it.
 */
export async function spool(source: Readable | AsyncIterable<Uint8Array>, dir: string, maxBytes: number): Promise<Spooled> {
	await fs.promises.mkdir(dir, { recursive: true });
	const file = path.join(dir, `${randomUUID()}${PART}`);
	const hash = createHash('sha256');
	const out = await fs.promises.open(file, 'wx');
	let size = 0;
	try {
		let pending: Uint8Array[] = [];
		let pendingBytes = 0;
		for await (const chunk of source as AsyncIterable<Uint8Array>) {
			size += chunk.length;
			if (size > maxBytes) throw new TooLarge(maxBytes);
			hash.update(chunk);
			pending.push(chunk);
			pendingBytes += chunk.length;
			if (pendingBytes >= WRITE_CHUNK) {
				await out.writev(pending);
				pending = [];
				pendingBytes = 0;
			}
		}
		if (pending.length) await out.writev(pending);
		await out.sync();
		await out.close();
	} catch (error) {
		await out.close().catch(() => undefined);
		if (source instanceof Readable) source.destroy();
		await fs.promises.rm(file, { force: true });
		throw error;
	}
	return { path: file, size, sha256: hash.digest('hex') };
}

const WRITE_CHUNK = 1024 * 1024;

/** Removes the part files a crash or a kill left behind; run at start, before the server takes requests. */
export async function sweepSpool(dir: string): Promise<number> {
	let names: string[];
	try {
		names = await fs.promises.readdir(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
		throw error;
	}
	const parts = names.filter((n) => n.endsWith(PART));
	await Promise.all(parts.map((n) => fs.promises.rm(path.join(dir, n), { force: true })));
	return parts.length;
}
