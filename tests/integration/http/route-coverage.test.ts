// A route or form action added under src/routes without a row in the
// authorisation matrix fails here, so nothing ships unchecked.
import { describe, expect, it } from 'vitest';
import { ROUTE_CASES } from '../../helpers/route-matrix';

const pages = Object.keys(import.meta.glob('/src/routes/**/+page.svelte'));
const actionModules = import.meta.glob<Record<string, unknown> | undefined>('/src/routes/**/+page.server.ts', {
	eager: true,
	import: 'actions'
});
const endpoints = import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts', { eager: true });

const routeId = (file: string) => file.replace(/^\/src\/routes/, '').replace(/\/\+(page\.svelte|page\.server\.ts|server\.ts)$/, '') || '/';
const has = (route: string, method: string, action?: string) =>
	ROUTE_CASES.some((c) => c.route === route && c.method === method && (action === undefined ? !c.action : c.action === action));

describe('the authorisation matrix covers every route', () => {
	it.each(pages.map(routeId))('page %s has a GET row', (route) => {
		expect(has(route, 'GET')).toBe(true);
	});

	const actions = Object.entries(actionModules).flatMap(([file, acts]) => Object.keys(acts ?? {}).map((name) => [routeId(file), name] as const));
	it.each(actions)('%s has a row for action %s', (route, name) => {
		expect(has(route, 'POST', name)).toBe(true);
	});

	const methods = Object.entries(endpoints).flatMap(([file, mod]) =>
		Object.keys(mod).filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k)).map((m) => [routeId(file), m] as const)
	);
	it.each(methods)('endpoint %s has a row for %s', (route, method) => {
		expect(has(route, method)).toBe(true);
	});

	it('has no rows for routes that no longer exist', () => {
		const known = new Set([...pages, ...Object.keys(actionModules), ...Object.keys(endpoints)].map(routeId));
		expect(ROUTE_CASES.map((c) => c.route).filter((r) => !known.has(r))).toEqual([]);
	});
});
