// One answer on a standard page while JavaScript is on: what the fields hold,
// what the server holds, and saving between the two.
// - Text saves a moment after typing stops and when the field is left; a grade
//   or the review tick at once.
// - One save at a time: a change made while a save is in flight is sent after it,
//   with the version that save produced, so a person never conflicts with themselves.
// - Until the server has it, the text is kept in this browser (drafts.ts) with
//   the version it was based on, and put back when the page opens again: saving
//   it then meets any newer answer as a conflict, so nothing is overwritten unseen.
// - A conflict stops autosave for the answer until the person keeps theirs or saves their own.
import { keepDraft, openDraft, settleDraft } from './drafts';
import { saveAnswer, type SavedCheck, type Theirs } from './autosave';
import type { AnswerField } from '$lib/domain/answers';

/** An answer as its fields hold it ('' for no grade). */
export type Fields = { grade: string; naReason: string; narrative: string };
export type Conflict = { theirs: Theirs; version: number; original: string };
export type SaveState = { kind: 'idle' | 'saving' | 'conflict' | 'kept' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };
/** `savedVersion` and `savedOriginal` once a save answered while the page was being left (drafts.ts). */
type AnswerDraft = { values: Fields; version: number; savedVersion?: number; savedOriginal?: string };
type Options = { confirm?: boolean; mine?: boolean };

const SAVE_DELAY_MS = 1500;
const same = (a: Fields, b: Fields) => a.grade === b.grade && a.naReason === b.naReason && a.narrative === b.narrative;
const NOTHING: Theirs = { grade: null, naReason: '', narrative: '', by: null, at: null };

export interface EditorStart<C> {
	/** What the fields show first: what is stored, or what a refused post sent. */
	shown: Fields;
	stored: Fields;
	/** The version `shown` is based on, and the fingerprint of `stored`. */
	version: number;
	original: string;
	check: C;
	conflict: Conflict | null;
	/** The page is showing a refused post. */
	refused: boolean;
}

export class AnswerEditor<C extends SavedCheck> {
	grade = $state('');
	naReason = $state('');
	narrative = $state('');
	check: C;
	conflict = $state<Conflict | null>(null);
	saveState = $state<SaveState>({ kind: 'idle' });
	fieldError = $state<{ field: AnswerField | null; message: string } | null>(null);
	/** When the text put back from this browser was typed, if it was. */
	restoredFrom = $state<string | null>(null);
	#stored: Fields = $state({ grade: '', naReason: '', narrative: '' });
	#version = $state(0);
	#original = $state('');
	#failed = $state(false);
	#url: string;
	#draft: { userId: string; scope: string } | null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running: Promise<void> | null = null;
	#queued: Options | null = null;
	#theirCheck: SavedCheck | null = null;
	/** What this tab last kept in the browser for the answer. */
	#kept: Fields | null = null;

	/** `draft` names where unsaved text is kept; null when the person may only read. */
	constructor(url: string, draft: { userId: string; scope: string } | null, start: EditorStart<C>) {
		this.#url = url;
		this.#draft = draft;
		this.#set(start.shown);
		this.#stored = start.stored;
		this.#version = start.version;
		this.#original = start.original;
		this.check = $state(start.check);
		this.conflict = start.conflict;
		this.#failed = start.refused;
	}

	get values(): Fields {
		return { grade: this.grade, naReason: this.naReason, narrative: this.narrative };
	}
	/** The fields hold something the server does not have. */
	get dirty(): boolean {
		return !same(this.values, this.#stored);
	}
	/** Something is not saved yet, or is being saved: leaving the page should warn. */
	get unsaved(): boolean {
		return this.dirty || this.#running !== null || this.#timer !== null;
	}
	/** The last save was refused or failed (or the page shows a refused post), and nothing saved since. */
	get failed(): boolean {
		return this.#failed;
	}
	/** What the fields hold was refused or met a conflict: the page must not call it complete. */
	get notSaved(): boolean {
		return this.dirty && (this.#failed || this.conflict !== null);
	}
	/** What the whole-standard post sends: after a conflict, saving it replaces theirs knowingly. */
	get postedVersion(): number {
		return this.conflict ? this.conflict.version : this.#version;
	}
	get postedOriginal(): string {
		return this.conflict ? this.conflict.original : this.#original;
	}

	#set(values: Fields) {
		this.grade = values.grade;
		this.naReason = values.naReason;
		this.narrative = values.narrative;
	}

	/** Puts back text kept in this browser that the server does not have, and saves it; true if it did. */
	restore(): boolean {
		if (!this.#draft) return false;
		const opened = openDraft<AnswerDraft>(this.#draft.userId, this.#draft.scope, this.#version);
		if (opened.kind === 'newer') {
			// Saved as the last page closed, after this page was read: the server has it.
			const v = opened.draft.value;
			this.#set(v.values);
			this.#stored = v.values;
			this.#version = v.savedVersion!;
			if (v.savedOriginal) this.#original = v.savedOriginal;
			return false;
		}
		if (opened.kind !== 'unsaved') return false;
		const kept = opened.draft;
		if (same(kept.value.values, this.values)) return false;
		this.#set(kept.value.values);
		this.#version = kept.value.version;
		this.restoredFrom = kept.savedAt;
		void this.save();
		return true;
	}

	/**
	 * Keeps the browser's copy in step: there while the fields hold unsaved text, gone once
	 * they hold what is stored (unless another tab has kept different text there since).
	 */
	syncDraft(): void {
		if (!this.#draft) return;
		const { userId, scope } = this.#draft;
		const values = this.values;
		if (!same(values, this.#stored)) {
			keepDraft<AnswerDraft>(userId, scope, { values, version: this.#version });
			this.#kept = values;
			return;
		}
		const kept = this.#kept;
		settleDraft<AnswerDraft>(userId, scope, (d) => same(d.values, values) || (kept !== null && same(d.values, kept)), this.#version, { savedOriginal: this.#original });
		this.#kept = null;
	}

	/** Typing: save once it stops for a moment. */
	typed(): void {
		this.#stopTimer();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.save();
		}, SAVE_DELAY_MS);
	}

	save(options: Options = {}): Promise<void> {
		this.#stopTimer();
		if (!this.#draft) return Promise.resolve();
		if (this.#running) {
			this.#queued = { confirm: this.#queued?.confirm || options.confirm, mine: this.#queued?.mine || options.mine };
			return this.#running;
		}
		this.#running = this.#run(options).finally(() => (this.#running = null));
		return this.#running;
	}

	async #run(first: Options) {
		let next: Options | null = first;
		while (next) {
			await this.#send(next);
			next = this.#queued;
			this.#queued = null;
		}
	}

	async #send({ confirm = false, mine = false }: Options) {
		if (this.conflict && !mine) return; // waits for the person to choose
		const values = this.values;
		if (same(values, this.#stored) && !confirm && !mine) return;
		const version = mine && this.conflict ? this.conflict.version : this.#version;
		this.saveState = { kind: 'saving' };
		const result = await saveAnswer(this.#url, { ...values, grade: values.grade || null }, version, confirm);
		if (result.kind === 'saved') {
			this.#stored = values;
			this.#version = result.version;
			this.#original = result.original;
			this.check = { ...this.check, ...result.check };
			this.conflict = null;
			this.fieldError = null;
			this.#failed = false;
			this.saveState = { kind: 'saved', at: result.savedAt };
		} else if (result.kind === 'conflict') {
			this.conflict = { theirs: result.theirs ?? NOTHING, version: result.version, original: result.original };
			this.#theirCheck = result.check ?? null;
			this.#queued = null;
			this.saveState = { kind: 'conflict' };
		} else {
			this.#failed = true;
			if (result.kind === 'invalid') this.fieldError = { field: result.field, message: result.message };
			this.saveState = { kind: 'failed', message: result.kind === 'invalid' ? `Not saved: ${result.message}. Your text is still here.` : result.message };
		}
	}

	/** "Keep their version": the fields take the newer answer, which is already stored. */
	keepTheirs(): void {
		const c = this.conflict;
		if (!c) return;
		this.#set({ grade: c.theirs.grade ?? '', naReason: c.theirs.naReason, narrative: c.theirs.narrative });
		this.#stored = this.values;
		this.#version = c.version;
		this.#original = c.original;
		if (this.#theirCheck) this.check = { ...this.check, ...this.#theirCheck };
		this.conflict = null;
		this.fieldError = null;
		this.#failed = false;
		this.saveState = { kind: 'kept' };
	}

	/** "Save my version": replaces theirs with what the fields hold. */
	saveMine(): Promise<void> {
		return this.save({ mine: true });
	}

	#stopTimer() {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	destroy(): void {
		this.#stopTimer();
	}
}
