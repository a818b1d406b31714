// Real evidence files made in the tests: PDFs (pdfkit), Word documents (docx),
// OpenDocument texts (yazl), and hostile files (a ZIP bomb dressed as a .docx,
// a ZIP of something else, executables, markup dressed as a PDF, compound files
// that are not Office documents). The upload tests reuse them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import yazl from 'yazl';
import { TMP } from './paths';

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (c: Buffer) => chunks.push(c));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

/** Writes bytes to a fresh file under the test scratch directory, as an upload is spooled; returns its path. */
export function spool(bytes: Uint8Array | string, name = 'upload'): string {
	const dir = path.join(TMP, 'evidence-files');
	mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${randomUUID()}-${name.replace(/[^\w.-]/g, '_')}`);
	writeFileSync(file, bytes);
	return file;
}

export interface PdfOptions {
	/** Encrypts the PDF so it cannot be opened without this password. */
	userPassword?: string;
}

/** A PDF with one page per string, its text in a real text layer. An empty list gives one page with only a drawing. */
export function pdfWith(pages: string[], options: PdfOptions = {}): Promise<Buffer> {
	const doc = new PDFDocument({ autoFirstPage: false, info: { Title: 'Evidence' }, ...options });
	const done = collect(doc);
	if (pages.length === 0) {
		doc.addPage();
		doc.rect(72, 72, 200, 100).fill('#1d70b8');
	}
	for (const text of pages) {
		doc.addPage();
		doc.fontSize(12).text(text, 72, 72, { width: 450 });
	}
	doc.end();
	return done;
}

export function docxWith(paragraphs: string[]): Promise<Buffer> {
	const doc = new Document({
		sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }]
	});
	return Packer.toBuffer(doc);
}

type ZipEntry = [name: string, content: Buffer | string, options?: { compress?: boolean }];

export function zipOf(entries: ZipEntry[]): Promise<Buffer> {
	const zip = new yazl.ZipFile();
	for (const [name, content, options] of entries) zip.addBuffer(Buffer.from(content), name, { compress: options?.compress ?? true });
	zip.end();
	return collect(zip.outputStream);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An OpenDocument text: the first paragraph as a heading (text:h), the rest as text:p; mimetype stored first. */
export function odtWith(paragraphs: string[]): Promise<Buffer> {
	const body = paragraphs
		.map((p, i) => (i === 0 ? `<text:h text:outline-level="1">${escapeXml(p)}</text:h>` : `<text:p>${escapeXml(p)}</text:p>`))
		.join('');
	const content =
		'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
		'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>' +
		`${body}</office:text></office:body></office:document-content>`;
	const manifest =
		'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
		'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
		'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';
	return zipOf([
		['mimetype', 'application/vnd.oasis.opendocument.text', { compress: false }],
		['content.xml', content],
		['META-INF/manifest.xml', manifest]
	]);
}

const CONTENT_TYPES =
	'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
	'<Default Extension="xml" ContentType="application/xml"/></Types>';

/** The parts every Word document has, for hand-made .docx variants. */
const DOCX_PARTS: ZipEntry[] = [
	['[Content_Types].xml', CONTENT_TYPES],
	['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>']
];

/** A macro-enabled Word document (.docm): a Word document with a VBA project inside. */
export function docmBytes(): Promise<Buffer> {
	return zipOf([...DOCX_PARTS, ['word/vbaProject.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3])]]);
}

/** A ZIP of something else (a script and a program), to be named .docx. */
export function fakeDocx(): Promise<Buffer> {
	return zipOf([
		['readme.txt', 'Open install.exe'],
		['install.exe', exeBytes()]
	]);
}

/** A Word document's parts plus one 300 MB entry of zeros that deflates to about 300 KB: a ZIP bomb named .docx. */
export function zipBomb(megabytes = 300): Promise<Buffer> {
	const zip = new yazl.ZipFile();
	for (const [name, content] of DOCX_PARTS) zip.addBuffer(Buffer.from(content), name);
	const chunk = Buffer.alloc(1024 * 1024);
	let left = megabytes;
	const zeros = new Readable({
		read() {
			this.push(left-- > 0 ? chunk : null);
		}
	});
	zip.addReadStream(zeros, 'word/media/image1.png');
	zip.end();
	return collect(zip.outputStream);
}

/** The start of a Windows program: "MZ", a DOS stub and a PE header. */
export function exeBytes(): Buffer {
	const bytes = Buffer.alloc(512);
	bytes.write('MZ', 0, 'latin1');
	bytes.writeUInt32LE(0x80, 0x3c);
	bytes.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
	bytes.write('PE\0\0', 0x80, 'latin1');
	bytes.writeUInt16LE(0x14c, 0x84);
	return bytes;
}

/** The start of a Linux program (ELF, x86-64). */
export function elfBytes(): Buffer {
	const bytes = Buffer.alloc(128);
	Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes);
	bytes.writeUInt16LE(2, 16);
	bytes.writeUInt16LE(0x3e, 18);
	return bytes;
}

export function svgWithScript(): string {
	return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n';
}

/** An HTML page to be named .pdf. */
export function htmlAsPdf(): string {
	return '<!DOCTYPE html>\n<html><head><title>Policy</title></head><body><script>fetch("/api")</script><p>Policy</p></body></html>\n';
}

/**
 * A Compound File Binary container (MS-CFB, 512-byte sectors) whose directory
 * holds empty streams with these names: ['WordDocument'] makes a (hollow) Word
 * 97-2003 file, other names an MSI-like or other compound file.
 */
export function cfbWith(streamNames: string[]): Buffer {
	const entries = ['Root Entry', ...streamNames];
	const dirSectors = Math.ceil(entries.length / 4);
	const sector = 512;
	const file = Buffer.alloc(sector * (2 + dirSectors));
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file);
	file.writeUInt16LE(0x3e, 24);
	file.writeUInt16LE(3, 26);
	file.writeUInt16LE(0xfffe, 28);
	file.writeUInt16LE(9, 30);
	file.writeUInt16LE(6, 32);
	file.writeUInt32LE(1, 44); // one FAT sector
	file.writeUInt32LE(1, 48); // the directory starts in sector 1
	file.writeUInt32LE(4096, 56);
	file.writeUInt32LE(0xfffffffe, 60);
	file.writeUInt32LE(0xfffffffe, 68);
	for (let i = 0; i < 109; i++) file.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
	const fat = sector; // sector 0
	for (let i = 0; i < 128; i++) file.writeUInt32LE(0xffffffff, fat + i * 4);
	file.writeUInt32LE(0xfffffffd, fat);
	for (let d = 0; d < dirSectors; d++) file.writeUInt32LE(d === dirSectors - 1 ? 0xfffffffe : d + 2, fat + (d + 1) * 4);
	entries.forEach((name, i) => {
		const at = sector * 2 + i * 128;
		const encoded = Buffer.from(name, 'utf16le');
		encoded.copy(file, at);
		file.writeUInt16LE(encoded.length + 2, at + 64);
		file[at + 66] = i === 0 ? 5 : 2;
		file.writeUInt32LE(0xffffffff, at + 68);
		file.writeUInt32LE(0xffffffff, at + 72);
		file.writeUInt32LE(i === 0 && entries.length > 1 ? 1 : 0xffffffff, at + 76);
		file.writeUInt32LE(0xfffffffe, at + 116);
	});
	return file;
}

/** Text in Windows-1252, as older Windows programs save it: "é" is one byte, "€" is 0x80. */
export function windows1252(text: string): Buffer {
	const special: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
	return Buffer.from([...text].map((c) => special[c] ?? c.charCodeAt(0)));
}
