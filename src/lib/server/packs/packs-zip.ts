// Every pre-read pack of an event as one ZIP, streamed as it is written: each
// organisation's PDF is drawn only when the ZIP reaches it, so one pack at a
// time is in memory however many organisations are invited. The PDFs are
// stored, not deflated again: their streams are compressed already.
import type { Readable } from 'node:stream';
import { lazyZip } from '../evidence/evidence-zip';
import { packFileName, writeEmptyPack, writePack, type PackInput } from './pre-read-pack';

export interface PackEntry {
	organisationName: string;
	partnershipName: string;
	/** Reads what the pack shows when the ZIP reaches it; null when the organisation has sent nothing. */
	input: () => Promise<PackInput | null>;
}

export function packsZip(entries: readonly PackEntry[], mtime: Date): Readable {
	const names = new Set<string>();
	return lazyZip(
		entries.map((entry) => {
			let name = packFileName(entry.organisationName);
			for (let n = 2; names.has(name); n++) name = packFileName(`${entry.organisationName} ${n}`);
			names.add(name);
			return {
				path: name,
				compress: false,
				mtime,
				open: async () => {
					const input = await entry.input();
					return input ? writePack(input) : writeEmptyPack(entry.organisationName, entry.partnershipName);
				}
			};
		})
	);
}
