// Autosave of one moderation form (a standard's draft, or the review) while
// JavaScript is on. The form still posts to its action without JavaScript;
// with it, what is typed is sent to the same action a moment after typing
// stops, one save at a time, with the version the last save produced. Until
// the server has it, the form's fields are kept in this browser (drafts.ts)
// and put back when the page opens again. A save that meets a newer version
// stops autosave and shows theirs; the person then keeps theirs or saves theirs over.
import { tick } from 'svelte';
import { deserialize } from '$app/forms';
import { dropDraft, keepDraft, openDraft, settleDraft } from '../drafts';

export type AutosaveState = { kind: 'idle' | 'saving' | 'conflict' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };
type Fields = Record<string, string>;
type Kept = { fields: Fields; version: number; savedVersion?: number };

const SAVE_DELAY_MS = 1500;

function fieldsOf(form: HTMLFormElement): Fields {
	const out: Fields = {};
	for (const [k, v] of new FormData(form)) if (typeof v === 'string' && k !== 'version') out[k] = v;
	return out;
}

const same = (a: Fields, b: Fields) => JSON.stringify(a) === JSON.stringify(b);

/** Puts `fields` into the form's inputs, as a person would have left them. */
function fill(form: HTMLFormElement, fields: Fields): void {
	for (const [name, value] of Object.entries(fields)) {
		for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`)) {
			if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.checked = el.value === value;
			else el.value = value;
		}
	}
}

export class FormAutosave<Theirs> {
	state = $state<AutosaveState>({ kind: 'idle' });
	version = $state(0);
	conflict = $state<(Theirs & { version: number }) | null>(null);
	restoredFrom = $state<string | null>(null);
	#form: HTMLFormElement | null = null;
	#stored: Fields = {};
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running: Promise<void> | null = null;
	#again = false;

	constructor(
		private readonly action: string,
		private readonly draft: { userId: string; scope: string },
		version: number,
		/** When the page was answered by a save without JavaScript: that save's time. */
		savedAt: string | null = null
	) {
		this.version = version;
		if (savedAt) this.state = { kind: 'saved', at: savedAt };
	}

	get unsaved(): boolean {
		return this.#timer !== null || this.#running !== null || (this.#form !== null && !same(fieldsOf(this.#form), this.#stored));
	}

	/** Starts watching `form`: text kept in this browser earlier is put back (and saved) if it differs from what is stored. */
	attach(form: HTMLFormElement): void {
		this.#form = form;
		this.#stored = fieldsOf(form);
		const kept = openDraft<Kept>(this.draft.userId, this.draft.scope, this.version);
		if (kept.kind === 'newer') {
			// Saved as the last page closed, after this page was read: the server has it.
			fill(form, kept.draft.value.fields);
			this.#stored = fieldsOf(form);
			this.version = kept.draft.value.savedVersion!;
		} else if (kept.kind === 'unsaved' && !same(kept.draft.value.fields, this.#stored)) {
			fill(form, kept.draft.value.fields);
			this.version = kept.draft.value.version;
			this.restoredFrom = kept.draft.savedAt;
			void this.save();
		}
	}

	/** Something changed: keep it in the browser now, save it once typing stops. */
	changed(at_once = false): void {
		if (!this.#form) return;
		keepDraft<Kept>(this.draft.userId, this.draft.scope, { fields: fieldsOf(this.#form), version: this.version });
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.save();
		}, at_once ? 0 : SAVE_DELAY_MS);
	}

	/** Saves now what would otherwise be saved when typing stops (before leaving the page). */
	flush(): Promise<void> {
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
		return this.save();
	}

	save(overwrite = false): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#send(overwrite).finally(() => (this.#running = null));
		return this.#running;
	}

	async #send(overwrite: boolean) {
		do {
			this.#again = false;
			const form = this.#form;
			if (!form || (this.conflict && !overwrite)) return;
			const fields = fieldsOf(form);
			if (same(fields, this.#stored) && !overwrite) return;
			const body = new FormData(form);
			body.set('version', String(overwrite && this.conflict ? this.conflict.version : this.version));
			this.state = { kind: 'saving' };
			let result;
			try {
				const res = await fetch(this.action, { method: 'POST', body, headers: { 'x-sveltekit-action': 'true', accept: 'application/json' } });
				result = deserialize(await res.text());
			} catch {
				this.state = { kind: 'failed', message: 'Not saved: check your connection. Your text is still here and kept in this browser.' };
				return;
			}
			if (result.type === 'success' && result.data?.saved) {
				const saved = result.data.saved as { version: number; savedAt: string };
				this.version = saved.version;
				this.#stored = fields;
				this.conflict = null;
				this.state = { kind: 'saved', at: saved.savedAt };
				settleDraft<Kept>(this.draft.userId, this.draft.scope, (d) => same(d.fields, fields), saved.version);
			} else if (result.type === 'failure' && result.status === 409 && result.data?.conflict) {
				this.conflict = result.data.conflict as Theirs & { version: number };
				this.state = { kind: 'conflict' };
				return;
			} else if (result.type === 'failure') {
				const errors = (result.data?.errors ?? {}) as Record<string, string>;
				this.state = { kind: 'failed', message: `Not saved: ${Object.values(errors)[0] ?? 'something went wrong'}. Your text is still here.` };
				return;
			} else if (result.type === 'redirect') {
				this.state = { kind: 'failed', message: 'Not saved: you have been signed out. Your text is kept in this browser: sign in again and it will be put back.' };
				return;
			} else {
				this.state = { kind: 'failed', message: 'Not saved: something went wrong. Your text is still here and kept in this browser.' };
				return;
			}
			overwrite = false;
		} while (this.#again);
	}

	/**
	 * "Keep their version": `reload` fetches the page's data again and answers
	 * with the fields as now stored (theirs) and their version; they replace
	 * what is in the form.
	 */
	async keepTheirs(reload: () => Promise<{ fields: Fields; version: number }>): Promise<void> {
		if (!this.conflict) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.version = this.conflict.version;
		this.conflict = null;
		dropDraft<Kept>(this.draft.userId, this.draft.scope);
		const theirs = await reload();
		this.version = theirs.version;
		await tick();
		if (!this.#form) return;
		fill(this.#form, theirs.fields);
		this.#stored = fieldsOf(this.#form);
		this.state = { kind: 'idle' };
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
	}
}
