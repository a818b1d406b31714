// A logo the business unit uploads for its letters: a PNG or JPEG by its
// content (not its name), at most 1 MB, that the PDF renderer can read.
import { fileTypeFromBuffer } from 'file-type';
import PDFDocument from 'pdfkit';
import { imageInfo } from '../../domain/image-size';
import { fontPaths } from '../pdf/fonts';
import type { Logo } from './content';

export const LOGO_MAX_BYTES = 1024 * 1024;

export type LogoCheck = { ok: true; logo: Logo & { fileName: string } } | { ok: false; message: string };

export async function checkLogo(file: FormDataEntryValue | null): Promise<LogoCheck> {
	if (!file || typeof file === 'string' || file.size === 0) return { ok: false, message: 'Choose a PNG or JPEG file of the logo' };
	if (file.size > LOGO_MAX_BYTES) return { ok: false, message: 'The logo must be 1 MB or smaller' };
	const bytes = Buffer.from(await file.arrayBuffer());
	const type = await fileTypeFromBuffer(bytes);
	if (type?.mime !== 'image/png' && type?.mime !== 'image/jpeg') return { ok: false, message: 'The logo must be a PNG or JPEG image' };
	if (!imageInfo(bytes) || !readable(bytes)) return { ok: false, message: 'The logo could not be read as an image. Save it again as a PNG or JPEG and upload that' };
	return { ok: true, logo: { bytes, mediaType: type.mime, fileName: file.name.slice(0, 200) || 'logo' } };
}

/** Whether pdfkit can place the image: some valid PNGs (16-bit, some colour types) it cannot. */
function readable(bytes: Buffer): boolean {
	try {
		// openImage is pdfkit's own; its type definitions leave it out.
		const doc = new PDFDocument({ autoFirstPage: false, font: fontPaths().regular }) as unknown as { openImage(src: Buffer): unknown };
		doc.openImage(bytes);
		return true;
	} catch {
		return false;
	}
}
