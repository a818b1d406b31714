import { describe, expect, it } from 'vitest';
import { detailsFormValues, readDetailsForm, readRetentionForm } from '../../../src/lib/domain/evidence';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.set(k, v);
	return f;
};

describe('readRetentionForm', () => {
	it('reads keep forever, or a whole number of months from 1 to 1,200', () => {
		expect(readRetentionForm(form({ keep: 'forever', months: 'ignored' }))).toEqual({ ok: true, months: null });
		expect(readRetentionForm(form({ keep: 'months', months: ' 72 ' }))).toEqual({ ok: true, months: 72 });
		expect(readRetentionForm(form({ keep: 'months', months: '1200' }))).toEqual({ ok: true, months: 1200 });
	});

	it('says what is wrong beside the field and keeps what was typed', () => {
		expect(readRetentionForm(form({}))).toMatchObject({ ok: false, errors: { keep: 'Choose how long to keep evidence' } });
		expect(readRetentionForm(form({ keep: 'months' }))).toMatchObject({ ok: false, errors: { months: 'Enter the number of months' } });
		for (const months of ['six', '2.5', '-3', '1e3']) {
			expect(readRetentionForm(form({ keep: 'months', months }))).toMatchObject({ ok: false, values: { keep: 'months', months } });
		}
		for (const months of ['0', '1201']) {
			expect(readRetentionForm(form({ keep: 'months', months }))).toMatchObject({ ok: false, errors: { months: 'Enter a number of months between 1 and 1,200' } });
		}
	});
});

describe('detailsFormValues', () => {
	it('gives back what readDetailsForm reads, so the form shows a document as saved', () => {
		const doc = { title: 'Policy', description: 'Ours', documentDate: '2026-03-07', reviewBy: null, version: 4 };
		const values = detailsFormValues(doc);
		expect(values).toMatchObject({ 'documentDate-day': '7', 'documentDate-month': '3', 'documentDate-year': '2026', 'reviewBy-day': '', version: '4' });
		expect(readDetailsForm(form(values))).toEqual({ ok: true, data: { title: 'Policy', description: 'Ours', documentDate: '2026-03-07', reviewBy: null } });
	});
});
