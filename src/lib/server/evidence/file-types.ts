// What kinds of evidence file the portal accepts, decided from the content:
// magic bytes (file-type), the parts inside an Office or OpenDocument ZIP, the
// streams inside a legacy Office file, or text that is really text. The name a
// person gave is only a hint between plain text and CSV.
import { open, stat } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { legacyOfficeKind } from './cfb';
import { EMPTY_FILE, NOT_ACCEPTED } from './file-messages';
import { readsAsText } from './text-file';
import { zipDocumentKind } from './zip-contents';

export interface EvidenceKind {
	/** The type stored and sent back on download, e.g. application/pdf. */
	mediaType: string;
	/** How the type is named to people, e.g. "PDF", "Word document". */
	label: string;
	/** The usual extension, without the dot. */
	extension: string;
	/** Whether the personal-data check can read text from it. */
	text: boolean;
	/** Whether a browser may show it inline (images and PDFs), under the download sandbox. */
	inline: boolean;
}

export type Identified = { ok: true; kind: EvidenceKind } | { ok: false; message: string };

export { ACCEPTED_TYPES, EMPTY_FILE, HAS_MACROS, NOT_ACCEPTED, PASSWORD_PROTECTED } from './file-messages';

const OOXML = 'application/vnd.openxmlformats-officedocument';
const ODF = 'application/vnd.oasis.opendocument';

function kind(extension: string, mediaType: string, label: string, text = false, inline = false): EvidenceKind {
	return { mediaType, label, extension, text, inline };
}

/** Every kind the portal accepts, by its usual extension. */
export const EVIDENCE_KINDS = {
	pdf: kind('pdf', 'application/pdf', 'PDF', true, true),
	docx: kind('docx', `${OOXML}.wordprocessingml.document`, 'Word document', true),
	xlsx: kind('xlsx', `${OOXML}.spreadsheetml.sheet`, 'Excel spreadsheet'),
	pptx: kind('pptx', `${OOXML}.presentationml.presentation`, 'PowerPoint presentation'),
	doc: kind('doc', 'application/msword', 'Word 97-2003 document'),
	xls: kind('xls', 'application/vnd.ms-excel', 'Excel 97-2003 spreadsheet'),
	ppt: kind('ppt', 'application/vnd.ms-powerpoint', 'PowerPoint 97-2003 presentation'),
	odt: kind('odt', `${ODF}.text`, 'OpenDocument text', true),
	ods: kind('ods', `${ODF}.spreadsheet`, 'OpenDocument spreadsheet'),
	odp: kind('odp', `${ODF}.presentation`, 'OpenDocument presentation'),
	png: kind('png', 'image/png', 'PNG image', false, true),
	jpg: kind('jpg', 'image/jpeg', 'JPEG image', false, true),
	gif: kind('gif', 'image/gif', 'GIF image', false, true),
	webp: kind('webp', 'image/webp', 'WebP image', false, true),
	txt: kind('txt', 'text/plain', 'Text file', true),
	csv: kind('csv', 'text/csv', 'CSV file', true)
} as const satisfies Record<string, EvidenceKind>;

export type EvidenceExtension = keyof typeof EVIDENCE_KINDS;

/** The kind stored with a document, found again from its media type. */
export function kindOfMediaType(mediaType: string): EvidenceKind | undefined {
	return Object.values(EVIDENCE_KINDS).find((k) => k.mediaType === mediaType);
}

// What file-type reports for the kinds accepted by magic bytes alone.
const BY_MAGIC: Record<string, EvidenceKind> = {
	pdf: EVIDENCE_KINDS.pdf,
	png: EVIDENCE_KINDS.png,
	apng: EVIDENCE_KINDS.png,
	jpg: EVIDENCE_KINDS.jpg,
	gif: EVIDENCE_KINDS.gif,
	webp: EVIDENCE_KINDS.webp
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const refused = (message = NOT_ACCEPTED): Identified => ({ ok: false, message });
const accepted = (k: EvidenceKind): Identified => ({ ok: true, kind: k });

async function firstBytes(path: string, count: number): Promise<Uint8Array> {
	const handle = await open(path, 'r');
	try {
		const { buffer, bytesRead } = await handle.read(new Uint8Array(count), 0, count, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * What the spooled file at `path` really is, from its content. `name` is the
 * name the person gave: it only tells a CSV file from other text.
 */
export async function identifyFile(path: string, name: string): Promise<Identified> {
	if ((await stat(path)).size === 0) return refused(EMPTY_FILE);
	const head = await firstBytes(path, 8);
	// Containers are opened by the portal itself, never by guessing from their first entry.
	if (startsWith(head, ZIP)) {
		const zip = await zipDocumentKind(path);
		return zip.ok ? accepted(EVIDENCE_KINDS[zip.extension]) : refused(zip.message);
	}
	if (startsWith(head, CFB)) {
		const legacy = await legacyOfficeKind(path);
		return legacy.ok ? accepted(EVIDENCE_KINDS[legacy.extension]) : refused(legacy.message);
	}
	// A file-type parser that trips over a crafted file must not turn a refusal into a server error.
	const detected = await fileTypeFromFile(path).catch(() => ({ ext: 'unknown' }));
	if (detected) {
		const byMagic = BY_MAGIC[detected.ext];
		return byMagic ? accepted(byMagic) : refused();
	}
	if (!(await readsAsText(path)).ok) return refused();
	return accepted(/\.csv$/i.test(name.trim()) ? EVIDENCE_KINDS.csv : EVIDENCE_KINDS.txt);
}
