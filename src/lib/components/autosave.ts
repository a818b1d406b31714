// Autosave of one answer while JavaScript is on. The page's form still posts
// the whole standard without JavaScript; this keeps its hidden version and
// fingerprint current so that post never conflicts with an autosave.
import type { AnswerField } from '$lib/domain/answers';

export type Values = { grade: string | null; naReason: string; narrative: string };
/** The newer answer a refused save met; `at` is null when nothing was stored. */
export type Theirs = Values & { by: string | null; at: string | null };
export type SavedCheck = { status: string; problems: string[]; prompts: string[]; carriedForward: boolean };

export type SaveResult =
	| { kind: 'saved'; version: number; original: string; savedAt: string; check: SavedCheck }
	| { kind: 'conflict'; theirs: Theirs | null; version: number; original: string; check?: SavedCheck }
	| { kind: 'invalid'; field: AnswerField | null; message: string }
	| { kind: 'error'; message: string };

export async function saveAnswer(url: string, values: Values, version: number, confirm = false): Promise<SaveResult> {
	let res: Response;
	try {
		res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ ...values, grade: values.grade || null, version, confirm })
		});
	} catch {
		return { kind: 'error', message: 'Not saved: check your connection. Your text is still here and kept in this browser.' };
	}
	const body = await res.json().catch(() => ({}));
	if (res.ok) return { kind: 'saved', ...body };
	if (res.status === 409) return { kind: 'conflict', theirs: body.theirs, version: body.version, original: body.original, check: body.check };
	if (res.status === 400 && typeof body.error === 'string') return { kind: 'invalid', field: body.field ?? null, message: body.error };
	if (res.status === 401) return { kind: 'error', message: 'Not saved: you have been signed out. Your text is kept in this browser: sign in again and it will be put back.' };
	if (res.status === 503) return { kind: 'error', message: 'Not saved: the service is unavailable for a moment. Your text is still here and kept in this browser: try again in a few minutes.' };
	return { kind: 'error', message: `Not saved: ${body.error ?? 'something went wrong'}. Your text is still here and kept in this browser.` };
}
