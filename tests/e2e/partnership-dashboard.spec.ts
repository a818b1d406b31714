// The board member reaches the partnership dashboard from the overview: every
// Northmere cycle in one table, newest first, each linking to its own dashboard
// with the same return rate; a chart of the Section 11 audit's return rate over
// the years; the challenge log in counts; and the page passes axe. Nothing here
// changes the demo's data.
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test } from './fixtures';

test('the board member reads the partnership dashboard from the overview, and each cycle’s return rate is its dashboard’s', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_board);
	await page.goto(`/partnerships/${ids.partnerships.northmere}`);
	// The link comes before the list of cycle dashboards.
	const link = page.getByRole('link', { name: 'Partnership dashboard' });
	const list = page.getByRole('heading', { name: 'Cycle dashboards', level: 2 });
	await expect(list).toBeVisible();
	expect(await link.evaluate((a, heading) => !!(a.compareDocumentPosition(heading!) & Node.DOCUMENT_POSITION_FOLLOWING), await list.elementHandle())).toBe(true);
	await link.click();
	await expect(page).toHaveURL(new RegExp(`/partnerships/${ids.partnerships.northmere}/dashboard$`));
	await expect(page.locator('h1')).toHaveText('Dashboard');

	const table = page.getByRole('table', { name: /Every audit cycle of the partnership/ });
	const rows = table.locator('tbody tr');
	const rowOf = (cycleId: string) => rows.filter({ has: page.locator(`a[href$="/cycles/${cycleId}/dashboard"]`) });
	const titleOf = async (cycleId: string) => (await rowOf(cycleId).locator('th a').textContent())!.replace(/: dashboard$/, '').trim();
	expect(await rows.count()).toBeGreaterThanOrEqual(3);
	// This year's schools audit and both Section 11 cycles are there, each with a return rate as the reports write it.
	for (const id of [ids.cycles.s175Northmere, ids.cycles.s11Northmere, ids.pastS11Northmere]) {
		const row = rowOf(id);
		await expect(row).toHaveCount(1);
		await expect(row.locator('td').nth(2)).toHaveText(/^\d+% \(\d+ of \d+\)$/);
	}
	// Newest first: this year's Section 11 cycle comes before last year's.
	const order = await rows.locator('th a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
	expect(order.findIndex((h) => h!.includes(ids.cycles.s11Northmere))).toBeLessThan(order.findIndex((h) => h!.includes(ids.pastS11Northmere)));

	// The Section 11 audit's chart has a bar for each of its cycles (the demo has two; other specs may start more), oldest first.
	const chart = page.getByRole('img', { name: /Return rate of each .*Section 11.* cycle/i });
	await expect(chart).toBeVisible();
	expect(await chart.locator('rect.app-chart__bar').count()).toBeGreaterThanOrEqual(2);
	const labels = await chart.locator('text.app-chart__label').allTextContents();
	expect(labels[0]).toBe(await titleOf(ids.pastS11Northmere));
	await expect(page.getByRole('heading', { name: 'Challenge log', level: 2 })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Challenges by status' })).toBeVisible();
	// Nothing on it leads to a submission, which the board may not read.
	await expect(page.locator('main a[href*="/submissions/"]')).toHaveCount(0);
	await expectAccessible(page);

	// The schools audit's return rate is the one its own dashboard gives.
	const schools = rowOf(ids.cycles.s175Northmere);
	const rate = await schools.locator('td').nth(2).innerText();
	await schools.locator('th a').click();
	await expect(page.locator('#return-rate ~ p.govuk-body-l')).toHaveText(`${rate} returned against a required 100%`);
});
