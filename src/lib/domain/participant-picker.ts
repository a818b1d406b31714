// Choosing a cycle's participants from a long list: a filter by name and
// "Select all" that work without JavaScript (posted with the rest of the form,
// which comes back with every choice kept) and, with it, in the page.
import { uuid, withoutControlCharacters } from './text';

export const PICKER_FILTER = 'participantFilter';
export type PickerIntent = 'filter' | 'select_all';

/** Names compared as a person types them: any case, straight or curly apostrophes. */
const fold = (s: string) => s.toLowerCase().replace(/[‘’`]/g, "'").replace(/\s+/g, ' ').trim();

export function matchesFilter(name: string, filter: string): boolean {
	const f = fold(filter);
	return !f || fold(name).includes(f);
}

/** What the picker posted: the organisations ticked, the filter, and which of its buttons was pressed, if one was. */
export function readPicker(form: FormData, field = 'organisationIds'): { chosen: string[]; filter: string; intent: PickerIntent | null } {
	const intent = form.get('intent');
	return {
		chosen: [...new Set(form.getAll(field).map(String).filter((v) => uuid.safeParse(v).success))],
		filter: withoutControlCharacters(String(form.get(PICKER_FILTER) ?? '')).slice(0, 100),
		intent: intent === 'filter' || intent === 'select_all' ? intent : null
	};
}

/** The choice after a button of the picker: "Select all" adds every organisation the filter shows. */
export function applyPicker(options: readonly { id: string; name: string }[], picked: ReturnType<typeof readPicker>): string[] {
	if (picked.intent !== 'select_all') return picked.chosen;
	const shown = options.filter((o) => matchesFilter(o.name, picked.filter)).map((o) => o.id);
	return [...new Set([...picked.chosen, ...shown])];
}
