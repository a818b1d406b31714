/** A list page's link to page `n`, keeping its filters. */
export const pageHrefIn = (url: URL) => (n: number) => {
	const params = new URLSearchParams(url.searchParams);
	params.set('page', String(n));
	return `${url.pathname}?${params}`;
};
