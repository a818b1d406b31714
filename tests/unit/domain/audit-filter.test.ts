import { describe, expect, it } from 'vitest';
import { readAuditFilter } from '../../../src/lib/domain/audit-filter';

const read = (query: string) => readAuditFilter(new URLSearchParams(query));

describe('the audit log’s filter', () => {
	it('keeps real dates', () => {
		expect(read('from=2026-02-28&to=2028-02-29')).toMatchObject({ from: '2026-02-28', to: '2028-02-29' });
	});

	it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '0000-01-01', '1999-12-31', '2101-01-01', '9999-12-31', '2026-1-1', 'yesterday'])(
		'ignores %s',
		(date) => {
			expect(read(`from=${date}&to=${date}`)).toMatchObject({ from: '', to: '' });
		}
	);

	it('reads the person without control characters', () => {
		expect(read('actor=%00lead%00').actor).toBe('lead');
		expect(read('actor=%00').actor).toBe('');
	});
});
