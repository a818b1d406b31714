// An .xlsx file is a zip archive, and a few hundred kilobytes of zip can unpack
// to gigabytes. Uploads are measured here, inflating in small steps and keeping
// nothing, before a library that holds whole parts in memory is given them.
import { Unzip, UnzipInflate } from 'fflate';

const STEP_BYTES = 16 * 1024;

export type UnpackedSize = 'within' | 'too_large' | 'unreadable';

/** Whether a zip archive's contents, as they actually inflate (not as its headers claim), fit in `limit` bytes. */
export function measureUnpacked(bytes: Uint8Array, limit: number): UnpackedSize {
	let total = 0;
	let outcome: UnpackedSize = 'within';
	const unzip = new Unzip((file) => {
		file.ondata = (err, chunk) => {
			if (outcome !== 'within') return;
			if (err) outcome = 'unreadable';
			else if ((total += chunk.length) > limit) outcome = 'too_large';
			if (outcome !== 'within') file.terminate();
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	try {
		// Each step of compressed input inflates to at most about a thousand times its size.
		for (let at = 0; at < bytes.length && outcome === 'within'; at += STEP_BYTES) {
			unzip.push(bytes.subarray(at, at + STEP_BYTES), at + STEP_BYTES >= bytes.length);
		}
	} catch {
		return 'unreadable';
	}
	return outcome;
}
