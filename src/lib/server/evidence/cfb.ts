// Legacy Office files (.doc, .xls, .ppt) are Compound File Binary containers,
// as are MSI installers and password-protected Office files. Which one a file is
// comes from the names of the streams in its directory, found by following the
// container's own allocation table (MS-CFB), not by searching its bytes.
import { open, type FileHandle } from 'node:fs/promises';
import type { EvidenceExtension } from './file-types';
import { NOT_ACCEPTED, PASSWORD_PROTECTED } from './file-messages';

export type CfbVerdict = { ok: true; extension: EvidenceExtension } | { ok: false; message: string };

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;
const HEADER_DIFAT = 109;
/** A directory longer than this is not an Office document's. */
const MAX_DIRECTORY_SECTORS = 4096;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
	const buffer = Buffer.alloc(length);
	const { bytesRead } = await handle.read(buffer, 0, length, position);
	if (bytesRead < length) throw new Error('truncated compound file');
	return buffer;
}

/** The names of the entries in a compound file's directory; throws when the container is broken. */
export async function cfbEntryNames(path: string): Promise<string[]> {
	const handle = await open(path, 'r');
	try {
		const header = await readAt(handle, 0, 512);
		const shift = header.readUInt16LE(30);
		if (shift !== 9 && shift !== 12) throw new Error('bad sector size');
		const size = 1 << shift;
		const sector = (id: number) => readAt(handle, (id + 1) * size, size);
		const fatSectorCount = header.readUInt32LE(44);
		const maxSectors = Math.ceil((await handle.stat()).size / size);
		if (fatSectorCount > maxSectors) throw new Error('bad FAT size');

		// The FAT's own sectors: the first 109 in the header, the rest in a chain of DIFAT sectors.
		const fatIds: number[] = [];
		for (let i = 0; i < HEADER_DIFAT && fatIds.length < fatSectorCount; i++) fatIds.push(header.readUInt32LE(76 + i * 4));
		let difat = header.readUInt32LE(68);
		for (let hops = 0; fatIds.length < fatSectorCount && difat <= MAX_SECTOR; hops++) {
			if (hops > maxSectors) throw new Error('DIFAT loop');
			const block = await sector(difat);
			for (let i = 0; i < size / 4 - 1 && fatIds.length < fatSectorCount; i++) fatIds.push(block.readUInt32LE(i * 4));
			difat = block.readUInt32LE(size - 4);
		}
		const fat = Buffer.concat(await Promise.all(fatIds.map(sector)));
		const next = (id: number) => (id * 4 + 4 <= fat.length ? fat.readUInt32LE(id * 4) : END_OF_CHAIN);

		const names: string[] = [];
		let id = header.readUInt32LE(48);
		for (let hops = 0; id <= MAX_SECTOR; hops++) {
			if (hops > MAX_DIRECTORY_SECTORS) throw new Error('directory too long');
			const block = await sector(id);
			for (let offset = 0; offset + 128 <= size; offset += 128) {
				const nameLength = block.readUInt16LE(offset + 64);
				const type = block[offset + 66];
				if (type === 0 || nameLength < 2 || nameLength > 64) continue;
				names.push(block.toString('utf16le', offset, offset + nameLength - 2));
			}
			id = next(id);
		}
		return names;
	} finally {
		await handle.close();
	}
}

/** A Word, Excel or PowerPoint 97-2003 file, from its main stream; any other compound file is refused. */
export async function legacyOfficeKind(path: string): Promise<CfbVerdict> {
	let names: Set<string>;
	try {
		names = new Set(await cfbEntryNames(path));
	} catch {
		return { ok: false, message: NOT_ACCEPTED };
	}
	if (names.has('WordDocument')) return { ok: true, extension: 'doc' };
	if (names.has('Workbook') || names.has('Book')) return { ok: true, extension: 'xls' };
	if (names.has('PowerPoint Document')) return { ok: true, extension: 'ppt' };
	// A password-protected .docx, .xlsx or .pptx is an encrypted package inside a compound file.
	if (names.has('EncryptedPackage')) return { ok: false, message: PASSWORD_PROTECTED };
	return { ok: false, message: NOT_ACCEPTED };
}
