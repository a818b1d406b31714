import { describe, expect, it } from 'vitest';
import { readAuditFilter } from '../../../src/lib/domain/audit-filter';

const read = (query: string) => readAuditFilter(new URLSearchParams(query));

describe('the audit log’s filter', () => {
	it('keeps real dates', () => {
		expect(read('from=2026-02-28&to=2028-02-29')).toMatchObject({ from: '2026-02-28', to: '2028-02-29' });
	});

	it.each([
		['2026-02-30', 'a real date'],
		['2027-02-29', 'a real date'],
		['2026-13-01', 'a real date'],
		['2026-00-10', 'a real date'],
		['2026-1-1', 'a real date'],
		['yesterday', 'a real date'],
		['0000-01-01', 'between 1 January 2000 and 31 December 2100'],
		['1999-12-31', 'between 1 January 2000 and 31 December 2100'],
		['2101-01-01', 'between 1 January 2000 and 31 December 2100'],
		['9999-12-31', 'between 1 January 2000 and 31 December 2100']
	])('does not apply %s, and says why beside the field, keeping what was typed', (date, why) => {
		const filter = read(`from=${date}&to=${date}&actor=lead`);
		expect(filter).toMatchObject({ from: '', to: '', actor: 'lead', typed: { from: date, to: date } });
		expect(filter.errors.from).toContain(`The from date must be ${why}`);
		expect(filter.errors.to).toContain(`The to date must be ${why}`);
	});

	it('does not apply a “to” date before the “from” date', () => {
		expect(read('from=2026-03-02&to=2026-03-01')).toMatchObject({ from: '2026-03-02', to: '', errors: { to: 'The to date must be the same as or after the from date' } });
	});

	it('has nothing to say when the dates are left out', () => {
		expect(read('actor=lead').errors).toEqual({});
	});

	it('reads the person without control characters', () => {
		expect(read('actor=%00lead%00').actor).toBe('lead');
		expect(read('actor=%00').actor).toBe('');
	});
});
