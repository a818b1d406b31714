// On a slow connection a page arrives well before its scripts, and people start
// typing. When the scripts arrive, Svelte takes the page over and sets every
// field it renders from data back to that data: whatever was typed into such a
// field (a date, a filter, a ticked box) would vanish. The root layout notes
// what was changed before that happens and puts it back once the page is live.

type Typed = { el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement; value: string; checked: boolean };

const UNKEPT = new Set(['file', 'hidden', 'submit', 'button', 'reset', 'image']);

function changed(el: Element): Typed | null {
	if (el instanceof HTMLInputElement) {
		if (UNKEPT.has(el.type)) return null;
		const box = el.type === 'checkbox' || el.type === 'radio';
		const differs = box ? el.checked !== el.defaultChecked : el.value !== el.defaultValue;
		return differs ? { el, value: el.value, checked: el.checked } : null;
	}
	if (el instanceof HTMLTextAreaElement) return el.value !== el.defaultValue ? { el, value: el.value, checked: false } : null;
	if (el instanceof HTMLSelectElement) {
		const differs = [...el.options].some((o) => o.selected !== o.defaultSelected);
		return differs ? { el, value: el.value, checked: false } : null;
	}
	return null;
}

/** The fields changed in the page as the server sent it: call before the page's components take it over. */
export function noteTypedEarly(root: ParentNode): Typed[] {
	return [...root.querySelectorAll('input, textarea, select')].flatMap((el) => changed(el) ?? []);
}

/** Puts back what was typed early where taking the page over reset it, telling the page's code as typing would. */
export function restoreTypedEarly(typed: Typed[]): void {
	for (const { el, value, checked } of typed) {
		if (!el.isConnected) continue;
		const box = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');
		if (box ? el.checked === checked : el.value === value) continue;
		if (box) (el as HTMLInputElement).checked = checked;
		else el.value = value;
		el.dispatchEvent(new Event(box || el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
	}
}
