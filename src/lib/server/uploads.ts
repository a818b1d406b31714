// A form with an uploaded file, read so that every problem is a message beside
// the file field, never a bare error page. body-limit.ts caps every request
// but a streamed evidence upload at UPLOAD_MAX_MB (and a megabyte); a body over
// it makes request.formData() fail with a 413, which is answered here like a
// file over the page's own, smaller limit.

export type UploadForm = { ok: true; form: FormData } | { ok: false; reason: 'too_large' | 'unreadable' };

const tooLarge = (e: unknown, depth = 0): boolean =>
	typeof e === 'object' && e !== null && depth < 5 && (('status' in e && e.status === 413) || tooLarge((e as { cause?: unknown }).cause, depth + 1));

export async function readUploadForm(request: Request): Promise<UploadForm> {
	try {
		return { ok: true, form: await request.formData() };
	} catch (e) {
		return { ok: false, reason: tooLarge(e) ? 'too_large' : 'unreadable' };
	}
}

export type UploadedFile = { ok: true; name: string; bytes: Uint8Array } | { ok: false; status: 400 | 413; message: string };

/** GOV.UK's file upload messages for the page's limit: the whole MB, as "2MB". */
export const fileTooLarge = (maxBytes: number) => `The selected file must be smaller than ${Math.round(maxBytes / (1024 * 1024))}MB`;
export const FILE_NOT_UPLOADED = 'The selected file could not be uploaded – try again';

/** The file posted as `field`, or GOV.UK's message for what is wrong with it. */
export async function uploadedFile(upload: UploadForm, field: string, limits: { maxBytes: number; select: string }): Promise<UploadedFile> {
	if (!upload.ok) return upload.reason === 'too_large' ? { ok: false, status: 413, message: fileTooLarge(limits.maxBytes) } : { ok: false, status: 400, message: FILE_NOT_UPLOADED };
	const file = upload.form.get(field);
	// A browser sends an empty part with no name when no file was chosen.
	if (!(file instanceof File) || (file.size === 0 && !file.name)) return { ok: false, status: 400, message: limits.select };
	if (file.size === 0) return { ok: false, status: 400, message: 'The selected file is empty' };
	if (file.size > limits.maxBytes) return { ok: false, status: 413, message: fileTooLarge(limits.maxBytes) };
	return { ok: true, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
