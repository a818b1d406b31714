// One file posted to a form action by XMLHttpRequest (fetch cannot report
// upload progress), answered with SvelteKit's action result.
import { deserialize } from '$app/forms';

/** Once a file is kept, the person has confirmed for the session: no section of the page asks again. */
export const session = $state({ confirmed: false });

export interface UploadProgress {
	name: string;
	loaded: number;
	total: number;
	state: 'waiting' | 'sending' | 'done' | 'failed';
	message: string;
}

export type UploadResult = { ok: true; message: string; data: Record<string, unknown> } | { ok: false; message: string };

const NOT_SENT = 'The file could not be uploaded – check your connection and try again';

export function uploadFile(action: string, file: File, fields: Record<string, string>, onprogress: (loaded: number) => void): Promise<UploadResult> {
	const body = new FormData();
	// Fields first: the server reads them before the file arrives.
	for (const [k, v] of Object.entries(fields)) if (v) body.append(k, v);
	body.append('files', file, file.name);
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', action);
		xhr.setRequestHeader('accept', 'application/json');
		xhr.setRequestHeader('x-sveltekit-action', 'true');
		xhr.upload.onprogress = (e) => onprogress(e.loaded);
		xhr.onerror = () => resolve({ ok: false, message: NOT_SENT });
		xhr.onload = () => {
			try {
				const result = deserialize(xhr.responseText);
				const data = ('data' in result ? result.data : undefined) as Record<string, unknown> | undefined;
				if (result.type === 'success') resolve({ ok: true, message: String(data?.message ?? ''), data: data ?? {} });
				else if (result.type === 'failure') {
					const errors = data?.errors as Record<string, string> | undefined;
					resolve({ ok: false, message: errors?.files ?? errors?.noChildData ?? errors?._form ?? NOT_SENT });
				} else if (result.type === 'redirect') window.location.assign(result.location);
				else resolve({ ok: false, message: NOT_SENT });
			} catch {
				resolve({ ok: false, message: xhr.status === 413 ? 'The selected file is too large' : NOT_SENT });
			}
		};
		xhr.send(body);
	});
}
