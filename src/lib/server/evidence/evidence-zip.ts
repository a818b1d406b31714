// "Download all evidence" (and all of a cycle's issued letters): one ZIP
// streamed as it is written. Each file is read from storage only when the ZIP
// reaches it, so memory stays flat and at most one stored object is open at a
// time, however large the pack.
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { Storage } from '../storage/types';
import type { ZipEntry } from './zip-layout';
import { useNativeCrc32 } from './zip-crc';

useNativeCrc32();

/** A stored object placed in a ZIP. */
export interface StoredZipFile {
	path: string;
	key: string;
	size: number;
	compress: boolean;
	mtime: Date;
}

/** An entry whose bytes are opened only when the ZIP reaches it. */
export interface LazyZipEntry {
	path: string;
	size?: number;
	compress: boolean;
	mtime: Date;
	open: () => Promise<Readable>;
}

/**
 * The ZIP of `entries`, each opened only when the ZIP reaches it (so one is
 * open at a time), after `buffers` (an index, say). An entry that cannot be
 * opened ends the stream with an error, so the person gets a broken download
 * rather than a ZIP silently missing a file.
 */
export function lazyZip(entries: readonly LazyZipEntry[], buffers: readonly { path: string; bytes: Buffer; mtime: Date }[] = []): Readable {
	const zip = new yazl.ZipFile();
	const out = new PassThrough();
	let reading: Readable | null = null;
	zip.on('error', (e: Error) => out.destroy(e));
	for (const b of buffers) zip.addBuffer(b.bytes, b.path, { mtime: b.mtime, compress: true });
	for (const entry of entries) {
		zip.addReadStreamLazy(entry.path, { mtime: entry.mtime, compress: entry.compress, size: entry.size }, (cb) => {
			entry.open().then(
				(stream) => {
					reading = stream;
					cb(null, stream);
				},
				(e: unknown) => cb(e, new PassThrough())
			);
		});
	}
	zip.end();
	zip.outputStream.pipe(out);
	// Finished, or the client went away: let go of the entry being read.
	out.on('close', () => {
		(zip.outputStream as Readable).unpipe(out);
		reading?.destroy();
	});
	return out;
}

/** The ZIP of `files`, read lazily from storage, after `buffers`. */
export function storedFilesZip(storage: Storage, files: readonly StoredZipFile[], buffers: readonly { path: string; bytes: Buffer; mtime: Date }[] = []): Readable {
	return lazyZip(files.map((f) => ({ path: f.path, size: f.size, compress: f.compress, mtime: f.mtime, open: () => storage.read(f.key) })), buffers);
}

/** The ZIP of `entries` (those whose revision has a key in `keys`) and index.csv. */
export function evidenceZip(storage: Storage, entries: readonly ZipEntry[], keys: ReadonlyMap<string, string>, index: string, mtime: Date): Readable {
	const files = entries.flatMap((entry) => {
		const key = keys.get(entry.file.revisionId);
		return key ? [{ path: entry.path, key, size: entry.file.size, compress: entry.deflate, mtime }] : [];
	});
	return storedFilesZip(storage, files, [{ path: 'index.csv', bytes: Buffer.from(index, 'utf8'), mtime }]);
}
