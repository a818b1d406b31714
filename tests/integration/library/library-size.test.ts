// The library with 5,000 documents, on both databases: every page, search and
// filter answers with the right documents and counts (no timing here: see
// bench/region.ts for how fast, and README for the query plans).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds } from '../../helpers/demo-ids';
import { seedManyDocuments } from '../../helpers/library';
import { listLibrary } from '../../../src/lib/server/evidence';
import { readLibraryFilter, LIBRARY_PAGE_SIZE } from '../../../src/lib/domain/evidence';

let db: Awaited<ReturnType<typeof createTestDb>>;
let organisationId: string;
const TODAY = '2026-06-01';
const read = (query: string) => listLibrary(db, organisationId, readLibraryFilter(new URLSearchParams(query)), TODAY);

beforeAll(async () => {
	db = await createTestDb('demo');
	organisationId = (await readDemoIds(db)).organisations['Mercia Vale Police'];
	await seedManyDocuments(db, organisationId, 5000);
}, 120_000);
afterAll(() => db.drop());

describe('a library of 5,000 documents', () => {
	it('reads its first, a middle and its last page, newest first', async () => {
		const first = await read('');
		expect(first.total).toBe(5000);
		expect(first.documents.map((d) => d.title).slice(0, 2)).toEqual(['Document 5000', 'Document 4999']);
		const middle = await read('page=100');
		expect(middle.documents[0].title).toBe(`Document ${5000 - 99 * LIBRARY_PAGE_SIZE}`);
		const last = await read(`page=${5000 / LIBRARY_PAGE_SIZE}`);
		expect(last.documents.at(-1)!.title).toBe('Document 1');
		expect((await read(`page=${5000 / LIBRARY_PAGE_SIZE + 1}`)).documents).toEqual([]);
	});

	it('searches and filters across all of them', async () => {
		expect((await read('q=document 4999')).total).toBe(1);
		expect((await read('q=DOCUMENT 12')).total).toBe(111);
		expect((await read('flag=overdue')).total).toBe(500);
		expect((await read('flag=flagged')).total).toBe(200);
		expect((await read('type=text%2Fplain')).total).toBe(1666);
		expect((await read('')).types).toEqual([
			{ mediaType: 'application/pdf', count: 3334 },
			{ mediaType: 'text/plain', count: 1666 }
		]);
	});
});
