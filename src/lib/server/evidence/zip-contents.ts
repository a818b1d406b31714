// Office (OOXML) and OpenDocument files are ZIP archives: what one is comes from
// the parts listed in its central directory, read without extracting anything to
// disk. A ZIP that is anything else, a macro-enabled document, or an archive that
// would expand to far more than its size (a ZIP bomb) is refused.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { EvidenceExtension } from './file-types';
import { HAS_MACROS, NOT_ACCEPTED } from './file-messages';

export const ZIP_LIMITS = {
	entries: 10_000,
	totalUncompressed: 1024 ** 3,
	/** An entry is suspect above this ratio of uncompressed to compressed size... */
	ratio: 200,
	/** ...when it would also expand beyond this many bytes. */
	ratioFloor: 10 * 1000 * 1000
};

export type ZipVerdict = { ok: true; extension: EvidenceExtension } | { ok: false; message: string };

const refused = (message = NOT_ACCEPTED): ZipVerdict => ({ ok: false, message });

const OOXML_MAIN_PARTS: [string, EvidenceExtension][] = [
	['word/document.xml', 'docx'],
	['xl/workbook.xml', 'xlsx'],
	['ppt/presentation.xml', 'pptx']
];

const ODF_TYPES: Record<string, EvidenceExtension> = {
	'application/vnd.oasis.opendocument.text': 'odt',
	'application/vnd.oasis.opendocument.spreadsheet': 'ods',
	'application/vnd.oasis.opendocument.presentation': 'odp'
};

export function openZip(path: string): Promise<ZipFile> {
	return new Promise((resolve, reject) =>
		yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => (err ? reject(err) : resolve(zip)))
	);
}

/** Every entry of the central directory, stopping early (with null) when the archive looks like a bomb. */
export function listEntries(zip: ZipFile): Promise<Entry[] | null> {
	if (zip.entryCount > ZIP_LIMITS.entries) return Promise.resolve(null);
	return new Promise((resolve, reject) => {
		const entries: Entry[] = [];
		let total = 0;
		zip.on('entry', (entry: Entry) => {
			total += entry.uncompressedSize;
			const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
			if (total > ZIP_LIMITS.totalUncompressed || (entry.uncompressedSize > ZIP_LIMITS.ratioFloor && ratio > ZIP_LIMITS.ratio)) {
				zip.removeAllListeners('entry');
				resolve(null);
				return;
			}
			entries.push(entry);
			zip.readEntry();
		});
		zip.once('end', () => resolve(entries));
		zip.once('error', reject);
		zip.readEntry();
	});
}

/** The text of one (small) entry, reading at most `limit` bytes; null when it is longer. */
export function readEntryText(zip: ZipFile, entry: Entry, limit: number): Promise<string | null> {
	if (entry.uncompressedSize > limit) return Promise.resolve(null);
	return new Promise((resolve, reject) => {
		zip.openReadStream(entry, (err, stream) => {
			if (err) return reject(err);
			const chunks: Buffer[] = [];
			let length = 0;
			stream.on('data', (chunk: Buffer) => {
				length += chunk.length;
				if (length > limit) {
					stream.destroy();
					resolve(null);
				} else chunks.push(chunk);
			});
			stream.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			stream.once('error', reject);
		});
	});
}

async function classify(zip: ZipFile): Promise<ZipVerdict> {
	const entries = await listEntries(zip);
	if (!entries) return refused();
	const names = new Map(entries.map((e) => [e.fileName.toLowerCase(), e]));
	if (names.has('[content_types].xml')) {
		if ([...names.keys()].some((n) => n.endsWith('vbaproject.bin'))) return refused(HAS_MACROS);
		const main = OOXML_MAIN_PARTS.find(([part]) => names.has(part));
		return main ? { ok: true, extension: main[1] } : refused();
	}
	const mimetype = names.get('mimetype');
	if (!mimetype) return refused();
	const declared = (await readEntryText(zip, mimetype, 200))?.trim() ?? '';
	const extension = ODF_TYPES[declared];
	if (!extension || !names.has('content.xml')) return refused();
	// OpenDocument macros live under Basic/ (StarBasic) or Scripts/.
	if ([...names.keys()].some((n) => n.startsWith('basic/') || n.startsWith('scripts/'))) return refused(HAS_MACROS);
	return { ok: true, extension };
}

/** What an Office or OpenDocument file is, from its parts; refused when it is any other ZIP. */
export async function zipDocumentKind(path: string): Promise<ZipVerdict> {
	let zip: ZipFile;
	try {
		zip = await openZip(path);
	} catch {
		return refused();
	}
	try {
		return await classify(zip);
	} catch {
		return refused();
	} finally {
		zip.close();
	}
}
