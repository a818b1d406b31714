import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The audit log's filter, read from the query string; anything malformed is ignored, not an error. */
export function readAuditFilter(params: URLSearchParams) {
	const text = (name: string) => (params.get(name) ?? '').trim().slice(0, 100);
	const date = (name: string) => (isoDate.safeParse(params.get(name)).success ? params.get(name)! : '');
	const page = Number.parseInt(params.get('page') ?? '1', 10);
	return {
		actor: text('actor'),
		action: text('action').replace(/[^a-z_.]/g, ''),
		from: date('from'),
		to: date('to'),
		page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1
	};
}

export type AuditFilterValues = ReturnType<typeof readAuditFilter>;
