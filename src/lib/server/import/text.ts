import iconv from 'iconv-lite';

/**
 * Text from an uploaded file: UTF-8 (with or without BOM) when valid, else
 * Windows-1252, as Excel writes. Node's own TextDecoder treats windows-1252 as
 * Latin-1 (dashes and curly quotes become control characters), hence iconv-lite.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		return { text, encoding: 'utf-8' };
	} catch {
		return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
	}
}
