// Evidence as people see it: a document's details, its review flags, the
// library's filters. Pure; the server modules store and stream the files.
import { z } from 'zod';
import { readDateInput } from './cycles';
import { plainText } from './text';
import { addDays } from './calendar';

/** A document is "due for review soon" this many days before its review-by date. */
export const REVIEW_SOON_DAYS = 60;

export type ReviewFlag = 'overdue' | 'due_soon' | null;
export const REVIEW_FLAG_LABELS = { overdue: 'Overdue for review', due_soon: 'Due for review soon' } as const;

/** Whether a document's review-by date has passed, or falls within REVIEW_SOON_DAYS of `today` (YYYY-MM-DD, UK). */
export function reviewFlag(reviewBy: string | null, today: string): ReviewFlag {
	if (!reviewBy) return null;
	if (reviewBy < today) return 'overdue';
	return reviewBy <= addDays(today, REVIEW_SOON_DAYS) ? 'due_soon' : null;
}

/** The first day on which a review-by date counts as due soon: for filtering in SQL. */
export const dueSoonUntil = (today: string) => addDays(today, REVIEW_SOON_DAYS);

const detailFields = z.object({
	title: plainText().trim().min(1, { error: 'Enter a title' }).max(200, { error: 'Keep the title under 200 characters' }),
	description: plainText().trim().max(2000, { error: 'Keep the description under 2,000 characters' }).default('')
});

export interface DocumentDetails {
	title: string;
	description: string;
	documentDate: string | null;
	reviewBy: string | null;
}

export type DetailsForm = { ok: true; data: DocumentDetails } | { ok: false; errors: Record<string, string> };

/** A document's details as posted: title, description, and two optional GOV.UK date inputs. */
export function readDetailsForm(form: FormData): DetailsForm {
	const text = (k: string) => (typeof form.get(k) === 'string' ? String(form.get(k)) : '');
	const parsed = detailFields.safeParse({ title: text('title'), description: text('description') });
	const errors: Record<string, string> = {};
	if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
	const dates: Record<'documentDate' | 'reviewBy', string | null> = { documentDate: null, reviewBy: null };
	const words = { documentDate: 'document date', reviewBy: 'review-by date' } as const;
	for (const key of ['documentDate', 'reviewBy'] as const) {
		const [d, m, y] = [text(`${key}-day`), text(`${key}-month`), text(`${key}-year`)];
		if (!d && !m && !y) continue;
		const date = readDateInput(d, m, y, words[key]);
		if (date.ok) dates[key] = date.date;
		else errors[key] = date.message;
	}
	if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, data: { ...parsed.data, ...dates } };
}

/** A title from a file name: without its extension, for a document uploaded without one. */
export function titleFromFileName(fileName: string): string {
	const bare = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
	return (bare || fileName).slice(0, 200);
}

export const LIBRARY_PAGE_SIZE = 25;

export interface LibraryFilter {
	q: string;
	flag: 'overdue' | 'due_soon' | 'flagged' | '';
	type: string;
	requirement: string;
	page: number;
}

/** The library's filters from its query string; anything unrecognised is ignored, never an error. */
export function readLibraryFilter(params: URLSearchParams): LibraryFilter {
	const flag = params.get('flag') ?? '';
	const page = Number(params.get('page'));
	return {
		q: (params.get('q') ?? '').trim().slice(0, 200),
		flag: flag === 'overdue' || flag === 'due_soon' || flag === 'flagged' ? flag : '',
		type: /^[a-z]+\/[A-Za-z0-9.+-]+$/.test(params.get('type') ?? '') ? String(params.get('type')) : '',
		requirement: /^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/.test(params.get('requirement') ?? '') ? String(params.get('requirement')) : '',
		page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1
	};
}

/** Bytes as people read them: "820 KB", "4.2 MB". */
export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	const mb = bytes / (1024 * 1024);
	if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
	return `${(mb / 1024).toFixed(1)} GB`;
}

export type RetentionForm = { ok: true; months: number | null } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** A partnership's retention period as posted: keep forever, or a whole number of months from 1 to 1,200. */
export function readRetentionForm(form: FormData): RetentionForm {
	const keep = form.get('keep');
	const months = typeof form.get('months') === 'string' ? String(form.get('months')).trim() : '';
	const values = { keep: typeof keep === 'string' ? keep : '', months };
	if (keep === 'forever') return { ok: true, months: null };
	if (keep !== 'months') return { ok: false, errors: { keep: 'Choose how long to keep evidence' }, values };
	if (!months) return { ok: false, errors: { months: 'Enter the number of months' }, values };
	if (!/^\d+$/.test(months)) return { ok: false, errors: { months: 'Enter the number of months as a whole number, like 24' }, values };
	const n = Number(months);
	if (n < 1 || n > 1200) return { ok: false, errors: { months: 'Enter a number of months between 1 and 1,200' }, values };
	return { ok: true, months: n };
}

/** A document's details as its form posts them (three fields per date), for the form and for a conflict. */
export function detailsFormValues(d: DocumentDetails & { version: number }): Record<string, string> {
	const values: Record<string, string> = { title: d.title, description: d.description, version: String(d.version) };
	for (const key of ['documentDate', 'reviewBy'] as const) {
		const [y, m, day] = (d[key] ?? '').split('-');
		values[`${key}-day`] = day ? String(Number(day)) : '';
		values[`${key}-month`] = m ? String(Number(m)) : '';
		values[`${key}-year`] = y ?? '';
	}
	return values;
}
