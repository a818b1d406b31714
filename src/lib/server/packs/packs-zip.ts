// Every pre-read pack of an event as one ZIP, streamed as it is written: each
// organisation's PDF is drawn only when the ZIP reaches it, so one pack at a
// time is in memory however many organisations are invited.
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import { useNativeCrc32 } from '../evidence/zip-crc';
import { packFileName, writeEmptyPack, writePack, type PackInput } from './pre-read-pack';

useNativeCrc32();

export interface PackEntry {
	organisationName: string;
	partnershipName: string;
	/** Reads what the pack shows when the ZIP reaches it; null when the organisation has sent nothing. */
	input: () => Promise<PackInput | null>;
}

export function packsZip(entries: readonly PackEntry[], mtime: Date): Readable {
	const zip = new yazl.ZipFile();
	const out = new PassThrough();
	let drawing: Readable | null = null;
	zip.on('error', (e: Error) => out.destroy(e));
	const names = new Set<string>();
	for (const entry of entries) {
		let name = packFileName(entry.organisationName);
		for (let n = 2; names.has(name); n++) name = packFileName(`${entry.organisationName} ${n}`);
		names.add(name);
		zip.addReadStreamLazy(name, { mtime, compress: false }, (cb) => {
			entry.input().then(
				(input) => {
					drawing = input ? writePack(input) : writeEmptyPack(entry.organisationName, entry.partnershipName);
					cb(null, drawing);
				},
				(e: unknown) => cb(e, new PassThrough())
			);
		});
	}
	zip.end();
	zip.outputStream.pipe(out);
	out.on('close', () => {
		(zip.outputStream as Readable).unpipe(out);
		drawing?.destroy();
	});
	return out;
}
