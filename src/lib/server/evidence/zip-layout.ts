// What "Download all evidence" puts in the ZIP: a folder per standard, each
// requirement's cited revisions named after the requirement and the document
// (`1 Leadership/1.2 Safeguarding policy.pdf`), and index.csv saying what was
// cited where. Pure: evidence-zip.ts streams the files.
import type { EvidenceFile, Snapshot } from '../../domain/snapshot';
import { cleanFileName, downloadName } from './file-names';
import { kindOfMediaType } from './file-types';
import { neutraliseFormula } from '../../domain/exports';

export interface ZipEntry {
	path: string;
	file: EvidenceFile;
	standard: string;
	requirement: string;
	/** Deflate it: false for types that are compressed already (PDF, OOXML, OpenDocument, images). */
	deflate: boolean;
}

/** Types that are plain enough for deflate to shrink: text and the legacy Office formats. */
export const DEFLATE = new Set(['text/plain', 'text/csv', 'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint']);

const FOLDER_MAX = 80;
const FILE_MAX = 120;
// What Windows refuses in a name, beyond what cleanFileName already takes out.
const WINDOWS_UNSAFE = /[<>:"|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
// A title may hold a slash ("Policy 2024/25"): it is part of the name, not a folder.
const noSeparators = (name: string) => name.replace(/[/\\]/g, '-');

function cap(name: string, max: number): string {
	const chars = [...name];
	if (chars.length <= max) return name;
	const dot = name.lastIndexOf('.');
	const extension = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
	return [...name.slice(0, name.length - extension.length)].slice(0, max - extension.length).join('').trimEnd() + extension;
}

/** One path segment that unzips the same on Windows, macOS and Linux. */
export function safeSegment(name: string, max: number): string {
	let safe = cap(cleanFileName(noSeparators(name)).replace(WINDOWS_UNSAFE, '_'), max).replace(/[. ]+$/, '');
	if (RESERVED.test(safe)) safe = `_${safe}`;
	return safe || '_';
}

/** `name`, or `name (2)`, `name (3)`… before its extension, whichever `taken` (lower case) lacks. */
export function unique(name: string, taken: Set<string>): string {
	const dot = name.lastIndexOf('.');
	const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	let candidate = name;
	for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
	taken.add(candidate.toLowerCase());
	return candidate;
}

function fileName(requirementCode: string, file: EvidenceFile): string {
	const kind = kindOfMediaType(file.mediaType);
	const name = noSeparators(`${requirementCode} ${file.name}`);
	return safeSegment(kind ? downloadName(name, kind) : name, FILE_MAX);
}

/** Every cited revision once per requirement that cites it, in the template's order. */
export function zipLayout(snapshot: Pick<Snapshot, 'standards' | 'evidence'>): ZipEntry[] {
	const entries: ZipEntry[] = [];
	const folders = new Set<string>();
	const place = (folderName: string, requirements: { code: string }[], standard: string) => {
		const cited = requirements.filter((r) => snapshot.evidence[r.code]?.length);
		if (!cited.length) return;
		const folder = unique(safeSegment(folderName, FOLDER_MAX), folders);
		const names = new Set<string>(['index.csv']);
		for (const r of cited) {
			const seen = new Set<string>();
			for (const file of snapshot.evidence[r.code]) {
				if (seen.has(file.revisionId)) continue;
				seen.add(file.revisionId);
				const path = `${folder}/${unique(fileName(r.code, file), names)}`;
				entries.push({ path, file, standard, requirement: r.code, deflate: DEFLATE.has(file.mediaType) });
			}
		}
	};
	for (const s of snapshot.standards) place(`${s.code} ${s.title}`, s.requirements, s.code);
	// Evidence for a requirement the snapshot's standards do not list (never expected) is still included.
	const listed = new Set(snapshot.standards.flatMap((s) => s.requirements.map((r) => r.code)));
	const others = Object.keys(snapshot.evidence).filter((code) => !listed.has(code)).map((code) => ({ code }));
	place('Other evidence', others, '');
	return entries;
}

export const NOT_INCLUDED = "Not included: deleted under the partnership's retention period";

const INDEX_COLUMNS = ['Standard', 'Requirement', 'Document title', 'File name', 'Revision', 'Size (bytes)', 'Type', 'SHA-256', 'Path in the ZIP'];

/** A CSV cell, quoted when it must be, and never read as a formula by a spreadsheet. */
function cell(value: string | number): string {
	const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** index.csv: one row per entry; `missing` holds the revisions whose files were purged (left out of the ZIP). */
export function zipIndex(entries: readonly ZipEntry[], missing: ReadonlySet<string>): string {
	const rows = entries.map((e) => {
		const kind = kindOfMediaType(e.file.mediaType);
		return [e.standard, e.requirement, e.file.name, e.file.fileName, e.file.revision, e.file.size, kind?.label ?? e.file.mediaType, e.file.sha256,
			missing.has(e.file.revisionId) ? NOT_INCLUDED : e.path];
	});
	// The byte order mark makes Excel read the file as UTF-8.
	return `\uFEFF${[INDEX_COLUMNS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
