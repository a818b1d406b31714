import { beforeEach, describe, expect, it, vi } from 'vitest';

/** localStorage as a browser keeps it, for Node. */
class MemoryStorage implements Storage {
	#items = new Map<string, string>();
	get length() {
		return this.#items.size;
	}
	clear() {
		this.#items.clear();
	}
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	key(index: number) {
		return [...this.#items.keys()][index] ?? null;
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	setItem(key: string, value: string) {
		this.#items.set(key, String(value));
	}
}

// A fresh module each time: signing out stops it keeping anything more.
const load = () => import('../../../src/lib/components/drafts');

beforeEach(() => {
	vi.resetModules();
	vi.stubGlobal('localStorage', new MemoryStorage());
});

describe('drafts kept in the browser', () => {
	it('keep what was typed, with when, for one person', async () => {
		const drafts = await load();
		drafts.keepDraft('ann', 'answer:r1:7.2', { narrative: 'typed' }, new Date('2026-12-01T10:32:00Z'));
		expect(drafts.readDraft('ann', 'answer:r1:7.2')).toEqual({ savedAt: '2026-12-01T10:32:00.000Z', value: { narrative: 'typed' } });
		expect(drafts.readDraft('bob', 'answer:r1:7.2'), 'another account on this browser never gets it').toBeNull();
	});

	it('are removed once saved, unless another tab has since kept newer text', async () => {
		const drafts = await load();
		drafts.keepDraft('ann', 'a', { narrative: 'newer, from another tab' });
		drafts.dropDraft<{ narrative: string }>('ann', 'a', (d) => d.narrative === 'what this tab saved');
		expect(drafts.readDraft('ann', 'a')?.value).toEqual({ narrative: 'newer, from another tab' });
		drafts.dropDraft<{ narrative: string }>('ann', 'a', (d) => d.narrative === 'newer, from another tab');
		expect(drafts.readDraft('ann', 'a')).toBeNull();
	});

	it('all go when the person signs out, and nothing more is kept on that page; other people’s stay', async () => {
		const drafts = await load();
		drafts.keepDraft('ann', 'a', 1);
		drafts.keepDraft('ann', 'b', 2);
		drafts.keepDraft('bob', 'a', 3);
		localStorage.setItem('something-else', 'x');
		expect(drafts.draftCount('ann')).toBe(2);
		drafts.forgetDrafts('ann');
		expect(drafts.draftCount('ann')).toBe(0);
		drafts.keepDraft('ann', 'c', 4);
		expect(drafts.draftCount('ann')).toBe(0);
		expect(drafts.readDraft('bob', 'a')?.value).toBe(3);
		expect(localStorage.getItem('something-else')).toBe('x');
	});

	it('do no harm where the browser refuses storage or it is full', async () => {
		const drafts = await load();
		const full = new MemoryStorage();
		full.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		vi.stubGlobal('localStorage', full);
		expect(() => drafts.keepDraft('ann', 'a', 'text')).not.toThrow();
		expect(drafts.readDraft('ann', 'a')).toBeNull();
		vi.stubGlobal('localStorage', { getItem: () => '{not json' } as unknown as Storage);
		expect(drafts.readDraft('ann', 'a')).toBeNull();
	});
});

describe('a save answering while the page is being left', () => {
	type Kept = { fields: Record<string, string>; version: number };
	const holds = (text: string) => (d: Kept) => d.fields.rationale === text;

	it('drops the copy once saved while the person is on the page', async () => {
		const drafts = await load();
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'typed' }, version: 4 });
		drafts.settleDraft<Kept>('ann', 'moderation:s1:3', holds('typed'), 5);
		expect(drafts.openDraft('ann', 'moderation:s1:3', 4)).toEqual({ kind: 'none' });
	});

	it('keeps it marked saved, so a next page that read the older version shows it without saving again', async () => {
		const drafts = await load();
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'typed' }, version: 4 });
		drafts.noteLeaving();
		drafts.settleDraft<Kept>('ann', 'moderation:s1:3', holds('typed'), 5);
		expect(drafts.draftCount('ann'), 'nothing unsaved is left to warn about at sign-out').toBe(0);
		const opened = drafts.openDraft<Kept>('ann', 'moderation:s1:3', 4);
		expect(opened.kind).toBe('newer');
		expect(opened.kind === 'newer' && opened.draft.value).toMatchObject({ fields: { rationale: 'typed' }, savedVersion: 5 });
		expect(drafts.readDraft('ann', 'moderation:s1:3'), 'used once').toBeNull();
	});

	it('is dropped by a next page that read the saved version or a later one', async () => {
		const drafts = await load();
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'typed' }, version: 4 });
		drafts.noteLeaving();
		drafts.settleDraft<Kept>('ann', 'moderation:s1:3', holds('typed'), 5);
		expect(drafts.openDraft('ann', 'moderation:s1:3', 5)).toEqual({ kind: 'none' });
		expect(drafts.readDraft('ann', 'moderation:s1:3')).toBeNull();
	});

	it('stops marking once the person types again (they stayed on the page)', async () => {
		const drafts = await load();
		const page = new EventTarget();
		drafts.noteLeaving(page);
		page.dispatchEvent(new Event('keydown'));
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'more' }, version: 4 });
		drafts.settleDraft<Kept>('ann', 'moderation:s1:3', holds('more'), 5);
		expect(drafts.readDraft('ann', 'moderation:s1:3')).toBeNull();
	});

	it('keeps marking when the page itself keeps the draft again while it is being left', async () => {
		const drafts = await load();
		const page = new EventTarget();
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'typed' }, version: 4 });
		drafts.noteLeaving(page);
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'typed' }, version: 4 }); // an effect re-running as the save starts
		drafts.settleDraft<Kept>('ann', 'moderation:s1:3', holds('typed'), 5);
		expect(drafts.openDraft<Kept>('ann', 'moderation:s1:3', 4).kind, 'the next page, read before the save was stored, still shows it').toBe('newer');
	});

	it('still puts back text that was never saved', async () => {
		const drafts = await load();
		drafts.keepDraft<Kept>('ann', 'moderation:s1:3', { fields: { rationale: 'typed' }, version: 4 });
		expect(drafts.openDraft<Kept>('ann', 'moderation:s1:3', 4)).toMatchObject({ kind: 'unsaved', draft: { value: { fields: { rationale: 'typed' } } } });
	});
});
