// The chair and the board read the dashboard of this year's schools audit: its
// return rate is the cycle's own count (read first from the cycle page, so other
// specs' submissions cannot break it), every requirement's answers add up to
// the schools that returned, the charts say in words what they show, and the
// page passes axe. Nothing here changes the demo's data.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test } from './fixtures';

const count = async (page: Page, label: RegExp) => Number((await page.getByRole('link', { name: label }).first().innerText()).match(/\((\d+)\)/)![1]);
const percent = (n: number, d: number) => (n === d ? 100 : n === 0 ? 0 : Math.min(99, Math.max(1, Math.round((100 * n) / d))));

async function expectNumbers(page: Page, returned: number, expected: number) {
	const rate = `${percent(returned, expected)}% (${returned} of ${expected})`;
	await expect(page.locator('h1')).toHaveText('Dashboard');
	await expect(page.locator('#return-rate ~ p.govuk-body-l')).toHaveText(`${rate} returned against a required 100%`);
	// The chart names its figures in words, and its table repeats them.
	const chart = page.getByRole('img', { name: /Return rate by sector/ });
	await expect(chart).toBeVisible();
	await expect(chart.locator('text', { hasText: rate }).first()).toBeAttached();
	await page.getByText('Return rate by sector: the figures as a table').click();
	await expect(page.getByRole('row', { name: new RegExp(`All organisations ${rate.replace(/[()]/g, '\\$&')}`) })).toBeVisible();
	await expect(page.getByRole('img', { name: /Return rate of schools by phase/ })).toBeVisible();
	// Each requirement's answers, N/A included, account for every school that returned.
	const firstItem = page.locator('#items ~ .app-table-scroll tbody tr').first();
	const cells = await firstItem.locator('td').allInnerTexts();
	const shares = cells.filter((c) => / of /.test(c)).map((c) => c.match(/\((\d+) of (\d+)\)/)!.slice(1).map(Number));
	const notApplicable = Number(cells[shares.length]);
	expect(shares.reduce((sum, [n]) => sum + n, 0)).toBe(shares[0][1]);
	expect(shares[0][1] + notApplicable).toBe(returned);
	await expectAccessible(page);
}

test('the chair reads the schools audit’s dashboard from the cycle page, and its numbers are the cycle’s', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_chair);
	await page.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}`);
	const expected = await count(page, /^All \(/);
	const returned = (await count(page, /^Submitted \(/)) + (await count(page, /^Submitted late \(/));
	expect(returned).toBeGreaterThan(0);
	await page.getByRole('link', { name: /Dashboard of this cycle/ }).click();
	await expectNumbers(page, returned, expected);

	// Risks, good practice, action plans, the challenge log and last year's audit, each in words and numbers.
	await expect(page.getByRole('table', { name: /^Good practice: requirements answered yes/ })).toBeVisible();
	const plans = page.locator('#action-plans ~ dl.govuk-summary-list').first();
	const actions = async (label: string) => Number((await plans.getByRole('definition').nth(['Open (not yet due)', 'Overdue', 'Done', 'All actions'].indexOf(label)).innerText()).match(/^\d+/)![0]);
	expect((await actions('Open (not yet due)')) + (await actions('Overdue')) + (await actions('Done'))).toBe(await actions('All actions'));
	await expect(page.locator('#year-on-year ~ p').first()).toContainText(/Compared with Schools safeguarding audit \d{4}/);
	await expect(page.getByRole('table', { name: 'Share answering yes, then and now' })).toBeVisible();
	await expect(page.locator('#challenge-log')).toBeVisible();

	// By phase: only primary schools' answers.
	await page.getByLabel('Show the results of').selectOption({ label: 'Schools: Primary' });
	await page.getByRole('button', { name: 'Show results' }).click();
	await expect(page).toHaveURL(/phase=primary/);
	await expect(page.getByText(/^Schools: Primary: \d+ organisations? returned\.$/)).toBeVisible();
	await expectAccessible(page);
});

test('the board member, who cannot open the cycle page, reaches the same dashboard from the overview', async ({ browser, page, ids }) => {
	const chair = await (await browser.newContext()).newPage();
	await signIn(chair, ACTORS.nm_chair);
	await chair.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}`);
	const expected = await count(chair, /^All \(/);
	const returned = (await count(chair, /^Submitted \(/)) + (await count(chair, /^Submitted late \(/));
	await chair.context().close();

	await signIn(page, ACTORS.nm_board);
	await page.goto(`/partnerships/${ids.partnerships.northmere}`);
	await page.locator(`a[href$="/cycles/${ids.cycles.s175Northmere}/dashboard"]`).click();
	await expect(page.getByRole('link', { name: 'Overview' }).first()).toBeVisible();
	await expectNumbers(page, returned, expected);
	// Nothing on it leads to a submission, which the board may not read.
	await expect(page.locator('main a[href*="/submissions/"]')).toHaveCount(0);

	// The board paper, in both formats, from the dashboard.
	for (const [name, type] of [['PDF compliance summary', '%PDF'], ['Word compliance summary', 'PK']] as const) {
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
		expect(download.suggestedFilename()).toMatch(/compliance summary\.(pdf|docx)$/);
		const file = await download.path();
		expect(readFileSync(file).subarray(0, type.length).toString('latin1')).toBe(type);
	}

	// And the heatmap, which the cycle page links to for others, without links to submissions.
	await page.getByRole('link', { name: 'Heatmap of grades by organisation and standard' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(/heatmap/i);
	await expect(page.locator('main a[href*="/submissions/"]')).toHaveCount(0);
});
