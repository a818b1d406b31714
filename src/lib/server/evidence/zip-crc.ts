// yazl computes each entry's CRC-32 with its dependency buffer-crc32, a
// byte-at-a-time JavaScript loop (about 300 MB/s here): most of the time a
// 1 GB "Download all evidence" took. Node's zlib.crc32 (native, about 2.7 GB/s)
// gives the same checksum. yazl calls `crc32.unsigned(chunk, previous)` on the
// module it required, at call time, so replacing that one function on yazl's
// own copy of the module makes every ZIP use zlib. The replacement is checked
// against the original first and is not installed if they ever disagree; a
// test checks every entry's CRC in the ZIPs the portal serves.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Unsigned = (input: Buffer | string, previous?: number | Buffer) => number;
type Crc32Module = { unsigned: Unsigned };

const SAMPLES = [Buffer.alloc(0), Buffer.from('index.csv'), Buffer.from([0, 255, 1, 254, 127, 128])];

/** Makes yazl use zlib.crc32; false (and nothing changed) when this Node or yazl does not allow it. */
export function useNativeCrc32(): boolean {
	if (typeof zlib.crc32 !== 'function') return false;
	const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
	const crc = fromYazl('buffer-crc32') as Crc32Module;
	const original = crc.unsigned;
	if ((original as { native?: boolean }).native) return true;
	const native = Object.assign(
		((input, previous) =>
			Buffer.isBuffer(input) && (previous === undefined || typeof previous === 'number') ? zlib.crc32(input, previous ?? 0) : original(input, previous)) as Unsigned,
		{ native: true }
	);
	for (const sample of SAMPLES) {
		if (native(sample) !== original(sample) || native(sample, 0x1234abcd) !== original(sample, 0x1234abcd)) return false;
	}
	crc.unsigned = native;
	return true;
}
