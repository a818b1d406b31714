// "Download all evidence": one ZIP streamed as it is written. Each file is
// read from storage only when the ZIP reaches it, so memory stays flat and at
// most one stored object is open at a time, however large the pack.
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { Storage } from '../storage/types';
import type { ZipEntry } from './zip-layout';
import { useNativeCrc32 } from './zip-crc';

useNativeCrc32();

/**
 * The ZIP of `entries` (those whose revision has a key in `keys`) and
 * index.csv. A file that cannot be read ends the stream with an error, so the
 * person gets a broken download rather than a ZIP silently missing a file.
 */
export function evidenceZip(storage: Storage, entries: readonly ZipEntry[], keys: ReadonlyMap<string, string>, index: string, mtime: Date): Readable {
	const zip = new yazl.ZipFile();
	const out = new PassThrough();
	let reading: Readable | null = null;
	zip.on('error', (e: Error) => out.destroy(e));
	zip.addBuffer(Buffer.from(index, 'utf8'), 'index.csv', { mtime, compress: true });
	for (const entry of entries) {
		const key = keys.get(entry.file.revisionId);
		if (!key) continue;
		zip.addReadStreamLazy(entry.path, { mtime, compress: entry.deflate, size: entry.file.size }, (cb) => {
			storage.read(key).then(
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
