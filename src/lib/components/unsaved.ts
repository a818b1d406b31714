// Which parts of the page hold changes the server does not have yet, so that
// leaving the page can warn first (UnsavedChangesGuard.svelte). Autosaving parts
// (an answer on a standard page) register themselves with `unsavedChanges` and
// can be asked to save at once; any other form posting to the server counts as
// changed from the first thing typed in it until it is sent.

export const LEAVE_WARNING = 'You have changes on this page that have not been saved yet. Leave this page anyway?';
export const SIGN_OUT_WARNING =
	'Some of what you typed has not been saved yet. If you sign out now, it will be deleted from this browser. Sign out anyway?';

type Source = { unsaved: () => boolean; flush: () => Promise<void> };

const sources = new Map<Element, Source>();
const changedForms = new Set<HTMLFormElement>();
let sending: HTMLFormElement | null = null;
let agreed = false;

/** A Svelte action: `use:unsavedChanges={{ unsaved, flush }}` on the element holding an autosaving part. */
export function unsavedChanges(node: HTMLElement, source: Source) {
	sources.set(node, source);
	return {
		update: (next: Source) => void sources.set(node, next),
		destroy: () => void sources.delete(node)
	};
}

/** Anything on the page not saved yet, leaving out what `except` (a form being sent) holds. */
export function hasUnsavedChanges(except: Element | null = null): boolean {
	for (const [node, source] of sources) if (!except?.contains(node) && source.unsaved()) return true;
	for (const form of changedForms) if (form.isConnected && form !== except) return true;
	return false;
}

/** Asks every autosaving part to save what it holds now, and waits for the answers. */
export async function saveAllNow(): Promise<void> {
	await Promise.all([...sources.values()].map((s) => s.flush()));
}

const tracked = (form: HTMLFormElement | null): form is HTMLFormElement =>
	Boolean(form && form.method === 'post' && !form.hasAttribute('data-autosave') && form.closest('main'));

/** An `input` or `change` event anywhere in the document. */
export function noteChange(event: Event): void {
	const form = (event.target as HTMLInputElement | null)?.form ?? null;
	if (tracked(form)) changedForms.add(form);
}

/** A form is being sent: the navigation its answer causes does not warn about what it holds. */
export function noteSending(form: HTMLFormElement): void {
	sending = form;
}

/** The form being sent, if its answer is still awaited. */
export function formBeingSent(): HTMLFormElement | null {
	return sending;
}

/** A form's answer came back without leaving the page (it was refused): its changes are unsaved again. */
export function noteAnswered(): void {
	sending = null;
}

/** Leaving is already agreed (signing out after the warning, or the session running out). */
export function leaveWithoutWarning(): void {
	agreed = true;
}

export function leavingAgreed(): boolean {
	return agreed;
}

/** A new page: nothing on it is changed yet. */
export function notePageChanged(): void {
	changedForms.clear();
	sending = null;
	agreed = false;
}
