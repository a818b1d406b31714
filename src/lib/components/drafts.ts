// Unsaved form contents kept in sessionStorage (this tab only, cleared when it
// closes) across a sign-out caused by inactivity. Passwords, hidden fields and
// files are never kept.
const KEY = (path: string) => `portal:drafts:${path}`;

type Draft = { action: string; fields: [string, string][] };

const KEEP = (el: Element): el is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement => {
	if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return Boolean(el.name);
	if (!(el instanceof HTMLInputElement) || !el.name) return false;
	if (['password', 'hidden', 'file', 'submit', 'button'].includes(el.type)) return false;
	return (el.type !== 'radio' && el.type !== 'checkbox') || el.checked;
};

export function saveDrafts(path: string): void {
	const drafts: Draft[] = [...document.querySelectorAll('main form')].map((form) => ({
		action: form.getAttribute('action') ?? '',
		fields: [...(form as HTMLFormElement).elements].filter(KEEP).map((el) => [el.name, el.value])
	}));
	if (drafts.some((d) => d.fields.length)) sessionStorage.setItem(KEY(path), JSON.stringify(drafts));
}

/** Puts saved values back into the matching forms; true if anything was restored. */
export function restoreDrafts(path: string): boolean {
	const raw = sessionStorage.getItem(KEY(path));
	if (!raw) return false;
	sessionStorage.removeItem(KEY(path));
	let restored = false;
	const drafts = JSON.parse(raw) as Draft[];
	const forms = [...document.querySelectorAll('main form')] as HTMLFormElement[];
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
