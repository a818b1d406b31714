// How a file download is described over HTTP: the name it is saved under
// (RFC 6266, with the RFC 5987 form for names that are not plain ASCII) and
// which bytes a Range header asks for (RFC 9110). Pure; no I/O.

/** RFC 5987 attr-char: what may stand unencoded in `filename*`. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/** The UTF-8 percent-encoding of `filename*=UTF-8''…`. */
export function encodeRfc5987(value: string): string {
	let out = '';
	for (const char of value) {
		if (ATTR_CHAR.test(char)) out += char;
		else for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/**
 * A plain-ASCII stand-in for browsers that ignore `filename*`: accents are
 * dropped (é → e), anything else outside printable ASCII becomes "_", and so
 * do the quote, backslash and percent sign, which browsers read differently.
 */
export function asciiFallback(name: string): string {
	const ascii = name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\x20-\x7e]|["\\%]/g, '_');
	return ascii.trim() || 'download';
}

/** `attachment` (or `inline`) with the name a download is saved under. */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
	const fallback = asciiFallback(name);
	const header = `${disposition}; filename="${fallback}"`;
	return fallback === name ? header : `${header}; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** What a Range header asks of a file of `size` bytes. */
export type RangeRequest =
	/** No usable Range header: the whole file, 200. `several` when it asked for more than one range. */
	| { kind: 'whole'; several: boolean }
	/** One range, inclusive offsets: 206. */
	| { kind: 'part'; start: number; end: number }
	/** Nothing of the file lies in the range: 416. */
	| { kind: 'unsatisfiable' };

const WHOLE: RangeRequest = { kind: 'whole', several: false };
const SPEC = /^(\d*)-(\d*)$/;

/**
 * Reads `bytes=a-b`, `bytes=a-` and `bytes=-n`. A header in another unit or
 * that does not parse is ignored (the whole file), as RFC 9110 says; several
 * ranges are answered with the whole file rather than a multipart body.
 */
export function parseRange(header: string | null, size: number): RangeRequest {
	if (!header) return WHOLE;
	const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
	if (!match) return WHOLE;
	const specs = match[1].split(',').map((s) => s.trim()).filter(Boolean);
	if (specs.length !== 1) return { kind: 'whole', several: specs.length > 1 };
	const parts = SPEC.exec(specs[0]);
	if (!parts || (parts[1] === '' && parts[2] === '')) return WHOLE;
	const [first, last] = [parts[1], parts[2]];
	if (first === '') {
		const suffix = Number(last);
		if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? Infinity : Number(last);
	if (end < start) return WHOLE;
	if (start >= size) return { kind: 'unsatisfiable' };
	return { kind: 'part', start, end: Math.min(end, size - 1) };
}

/** The Content-Range of a part; without one, the form a 416 answer carries (an asterisk and the size). */
export const contentRange = (size: number, part?: { start: number; end: number }) =>
	part ? `bytes ${part.start}-${part.end}/${size}` : `bytes */${size}`;
