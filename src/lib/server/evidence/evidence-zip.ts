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

/**
 * The ZIP of `files`, read lazily from storage, after `buffers` (an index, say).
 * A file that cannot be read ends the stream with an error, so the person gets
 * a broken download rather than a ZIP silently missing a file.
 */
export function storedFilesZip(storage: Storage, files: readonly StoredZipFile[], buffers: readonly { path: string; bytes: Buffer; mtime: Date }[] = []): Readable {
	const zip = new yazl.ZipFile();
	const out = new PassThrough();
	let reading: Readable | null = null;
	zip.on('error', (e: Error) => out.destroy(e));
	for (const b of buffers) zip.addBuffer(b.bytes, b.path, { mtime: b.mtime, compress: true });
	for (const file of files) {
		zip.addReadStreamLazy(file.path, { mtime: file.mtime, compress: file.compress, size: file.size }, (cb) => {
			storage.read(file.key).then(
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
	// Finished, or the client went away: let go of the stored file being read.
	out.on('close', () => {
		(zip.outputStream as Readable).unpipe(out);
		reading?.destroy();
	});
	return out;
}

/** The ZIP of `entries` (those whose revision has a key in `keys`) and index.csv. */
export function evidenceZip(storage: Storage, entries: readonly ZipEntry[], keys: ReadonlyMap<string, string>, index: string, mtime: Date): Readable {
	const files = entries.flatMap((entry) => {
		const key = keys.get(entry.file.revisionId);
		return key ? [{ path: entry.path, key, size: entry.file.size, compress: entry.deflate, mtime }] : [];
	});
	return storedFilesZip(storage, files, [{ path: 'index.csv', bytes: Buffer.from(index, 'utf8'), mtime }]);
}
