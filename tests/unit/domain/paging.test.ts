import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, pageOf, pageParam } from '../../../src/lib/domain/paging';

describe('paging long tables', () => {
	const rows = Array.from({ length: PAGE_SIZE * 2 + 7 }, (_, i) => i + 1);

	it('gives a page of PAGE_SIZE rows, the number of pages and where the page starts', () => {
		expect(pageOf(rows, 1)).toMatchObject({ page: 1, pages: 3, first: 1 });
		expect(pageOf(rows, 1).rows).toHaveLength(PAGE_SIZE);
		expect(pageOf(rows, 3)).toEqual({ rows: rows.slice(PAGE_SIZE * 2), page: 3, pages: 3, first: PAGE_SIZE * 2 + 1 });
	});

	it('shows the last page for a page beyond the end, and one empty page for no rows', () => {
		expect(pageOf(rows, 40)).toMatchObject({ page: 3, first: PAGE_SIZE * 2 + 1 });
		expect(pageOf([], 2)).toEqual({ rows: [], page: 1, pages: 1, first: 1 });
	});

	it('reads the page from the query string, page 1 for anything else', () => {
		const read = (s: string) => pageParam(new URLSearchParams(s));
		expect([read(''), read('page=2'), read('page=0'), read('page=x'), read('page=1.5'), read('page=100001')]).toEqual([1, 2, 1, 1, 1, 1]);
	});
});
