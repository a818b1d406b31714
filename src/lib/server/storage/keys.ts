// What every backend accepts as a key and a range. Keys are the server's own
// (storageKey in types.ts: organisation id and SHA-256; letterKey: "letters/",
// partnership id and SHA-256), never a path or a name from outside, so anything
// else is refused before it reaches a disk or a bucket.
import type { ByteRange } from './types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY = new RegExp(`^${UUID}/[0-9a-f]{64}$`);
const LETTER_KEY = new RegExp(`^letters/${UUID}/[0-9a-f]{64}$`);

/** An issued feedback letter's file (PDF or Word): kept for good, never swept. */
export const isLetterKey = (key: string) => LETTER_KEY.test(key);
export const isStorageKey = (key: string) => KEY.test(key) || isLetterKey(key);

export function checkKey(key: string): string {
	if (!isStorageKey(key)) throw new Error(`Not an evidence storage key: ${JSON.stringify(key.slice(0, 100))}`);
	return key;
}

export function checkRange(range: ByteRange): ByteRange {
	const { start, end } = range;
	if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
		throw new RangeError(`Not a byte range: ${start}-${end}`);
	}
	return range;
}
