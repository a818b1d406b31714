// What a person typed and the server does not have yet, kept in this browser
// (localStorage, so it survives a crash, a closed tab or a lost connection)
// until it is saved. One store for the whole portal:
// - an answer on a standard page is kept as it is typed, with the version it
//   was based on, and removed once saved (answer-editor.svelte.ts);
// - other forms are kept when an inactivity sign-out is about to happen, and
//   put back after signing in again (TimeoutWarning.svelte).
// Drafts are keyed by user, so another account on this browser never gets them.
// An inactivity sign-out keeps them; signing out deletes them (after a warning).
// Passwords, hidden fields and files are never kept.
const PREFIX = 'portal:draft:';
const keyOf = (userId: string, scope: string) => `${PREFIX}${userId}:${scope}`;

export interface Draft<T> {
	savedAt: string;
	value: T;
}

// After signing out nothing more is written, even by a save still answering.
let forgotten = false;
// The browser is asking whether to leave the page, and its autosaving parts
// are sending what they hold meanwhile. The next page's request may be read
// before such a save is stored, so a save answering now does not drop its
// copy: it marks it with the version it made (settleDraft), and the next page
// uses that copy if what it read is older (openDraft).
let leaving = false;

function storage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null; // storage refused (some privacy settings): the text is still on the page
	}
}

export function keepDraft<T>(userId: string, scope: string, value: T, now = new Date()): void {
	if (forgotten) return;
	write(userId, scope, value, now);
}

function write<T>(userId: string, scope: string, value: T, now: Date): void {
	try {
		storage()?.setItem(keyOf(userId, scope), JSON.stringify({ savedAt: now.toISOString(), value } satisfies Draft<T>));
	} catch {
		// Storage full or refused: the text is still on the page and the page still warns before leaving.
	}
}

export function readDraft<T>(userId: string, scope: string): Draft<T> | null {
	try {
		const raw = storage()?.getItem(keyOf(userId, scope));
		return raw ? (JSON.parse(raw) as Draft<T>) : null;
	} catch {
		return null;
	}
}

/** Removes a draft; with `only`, just when it still holds what `only` accepts (another tab may have written a newer one). */
export function dropDraft<T>(userId: string, scope: string, only?: (value: T) => boolean): void {
	const draft = only ? readDraft<T>(userId, scope) : null;
	if (draft && only && !only(draft.value)) return;
	storage()?.removeItem(keyOf(userId, scope));
}

// What the person does on the page once they chose to stay (or come back to it from the browser's history).
const STAYED = ['keydown', 'pointerdown', 'pageshow'] as const;

/**
 * The page is being left: saves answering from now on keep their copies, marked (see `leaving`),
 * until the person acts on this page again. Only the person's own key or pointer ends it: the
 * page's own code keeping a draft meanwhile (an effect re-running as a save starts) does not.
 */
export function noteLeaving(page: EventTarget | undefined = globalThis.window): void {
	leaving = true;
	if (!page) return;
	const stayed = () => {
		leaving = false;
		for (const type of STAYED) page.removeEventListener(type, stayed, true);
	};
	for (const type of STAYED) page.addEventListener(type, stayed, true);
}

/** A draft some save has already stored, as version `savedVersion`. */
export type Settled<T> = T & { savedVersion?: number };

/**
 * A save of what a draft holds was stored as `version`: the browser's copy goes,
 * unless it holds something else by now (`only` refuses it) or the page is being left.
 */
export function settleDraft<T extends object>(userId: string, scope: string, only: (value: T) => boolean, version: number, more: Partial<T> = {}, now = new Date()): void {
	const draft = readDraft<Settled<T>>(userId, scope);
	if (!draft || !only(draft.value)) return;
	if (leaving && !forgotten) write<Settled<T>>(userId, scope, { ...draft.value, ...more, savedVersion: version }, now);
	else storage()?.removeItem(keyOf(userId, scope));
}

export type Opened<T> = { kind: 'none' } | { kind: 'unsaved'; draft: Draft<T> } | { kind: 'newer'; draft: Draft<T> };

/**
 * What a page opening with `storedVersion` does with the browser's copy: puts back
 * text never saved (`unsaved`, to be saved again), or, for text saved while the last
 * page closed, shows it if the page read an older version (`newer`, nothing to save).
 */
export function openDraft<T extends object>(userId: string, scope: string, storedVersion: number): Opened<T> {
	const draft = readDraft<Settled<T>>(userId, scope);
	if (!draft) return { kind: 'none' };
	const { savedVersion } = draft.value;
	if (savedVersion === undefined) return { kind: 'unsaved', draft };
	storage()?.removeItem(keyOf(userId, scope));
	return savedVersion > storedVersion ? { kind: 'newer', draft } : { kind: 'none' };
}

function keysOf(userId: string): string[] {
	const s = storage();
	if (!s) return [];
	const keys: string[] = [];
	for (let i = 0; i < s.length; i++) {
		const key = s.key(i);
		if (key?.startsWith(keyOf(userId, ''))) keys.push(key);
	}
	return keys;
}

/** How many drafts this person has in this browser, on any page. */
export function draftCount(userId: string): number {
	const s = storage();
	return keysOf(userId).filter((key) => {
		try {
			return (JSON.parse(s?.getItem(key) ?? 'null') as Draft<Settled<object>> | null)?.value?.savedVersion === undefined;
		} catch {
			return true;
		}
	}).length;
}

/** Signing out: every draft of this person goes, and nothing more is kept on this page. */
export function forgetDrafts(userId: string): void {
	for (const key of keysOf(userId)) storage()?.removeItem(key);
	forgotten = true;
}

type FormDraft = { action: string; fields: [string, string][] };

const KEEP = (el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement => {
	if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return Boolean(el.name);
	if (!(el instanceof HTMLInputElement) || !el.name) return false;
	if (['password', 'hidden', 'file', 'submit', 'button'].includes(el.type)) return false;
	return (el.type !== 'radio' && el.type !== 'checkbox') || el.checked;
};

// Forms that keep their own drafts as they are typed (the answers) are left out.
const pageForms = () => [...document.querySelectorAll<HTMLFormElement>('main form:not([data-autosave])')];
const pageScope = (path: string) => `page:${path}`;

/** Keeps the contents of the page's forms, before an inactivity sign-out. */
export function keepPageDrafts(userId: string, path: string): void {
	const drafts: FormDraft[] = pageForms().map((form) => ({
		action: form.getAttribute('action') ?? '',
		fields: [...form.elements].filter(KEEP).map((el) => [el.name, el.value])
	}));
	if (drafts.some((d) => d.fields.length)) keepDraft(userId, pageScope(path), drafts);
}

/** Puts kept values back into the matching forms; true if anything was restored. */
export function restorePageDrafts(userId: string, path: string): boolean {
	const drafts = readDraft<FormDraft[]>(userId, pageScope(path))?.value;
	if (!drafts) return false;
	dropDraft(userId, pageScope(path));
	let restored = false;
	const forms = pageForms();
	for (const draft of drafts) {
		const form = forms.find((f) => (f.getAttribute('action') ?? '') === draft.action);
		if (!form) continue;
		for (const [name, value] of draft.fields) {
			for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`)) {
				if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
					if (el.value === value) el.checked = true;
				} else if (el.value !== value) {
					el.value = value;
					el.dispatchEvent(new Event('input', { bubbles: true }));
				}
				restored = true;
			}
		}
	}
	return restored;
}
