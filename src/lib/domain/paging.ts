// Long tables a page at a time: the heatmap and the moderation workspace of a
// region's cycle hold ~2,000 rows, megabytes of HTML at once.

export const PAGE_SIZE = 100;

/** The `page` query parameter: a whole number from 1, anything else is page 1. */
export function pageParam(params: URLSearchParams): number {
	const page = Number(params.get('page'));
	return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** One page of the rows: at most `size`, the page number kept within what there is. */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): { rows: T[]; page: number; pages: number; first: number } {
	const pages = Math.max(1, Math.ceil(rows.length / size));
	const at = Math.min(page, pages);
	return { rows: rows.slice((at - 1) * size, at * size), page: at, pages, first: (at - 1) * size + 1 };
}
