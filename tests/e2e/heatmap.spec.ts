// The heatmap of last year's Section 11 audit in Northmere, read only: the
// chair filters it by sector, sorts it by the gap on a standard and opens a
// submission from a cell; the board member reads the same grid with no links.
// The police force's moderation is complete in the seed, its standards 3 and 5
// agreed one grade below its self grade; no spec changes that moderation.
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

const POLICE = 'Mercia Vale Police';

test('the chair filters and sorts the heatmap, and opens a submission from a cell', async ({ page, ids }) => {
	const problems = await watchConsole(page);
	await signIn(page, ACTORS.nm_chair);
	await page.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}`);
	await page.getByRole('link', { name: 'Heatmap of grades by organisation and standard' }).click();
	await expect(page.locator('h1')).toHaveText('Organisation and standard heatmap');
	const table = page.getByRole('table', { name: /Self and partnership grades by organisation and standard/ });
	await expect(table.getByRole('columnheader', { name: /^3 / })).toBeVisible();
	const police = table.getByRole('row', { name: new RegExp(POLICE) });
	// The standard columns follow Organisation and Sector: standard 3 is the fifth cell.
	const policeStandard3 = police.locator('td').nth(3);
	await expect(policeStandard3).toContainText(/^Self: .+ \/ Agreed: .+/);
	await expect(policeStandard3).toContainText('Lower than self');
	await expect(table.getByText('Not returned').first()).toBeVisible();
	await expectAccessible(page);

	// Filter by sector, without losing the order asked for.
	await page.getByLabel('Sector').selectOption('police');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/sector=police/);
	const rows = table.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText(POLICE);

	// Sort by the gap on standard 5, across every sector: the widest gap comes first.
	await page.getByRole('link', { name: 'Clear filters and order' }).click();
	await expect(rows).not.toHaveCount(1);
	await table.getByRole('link', { name: /^5 .*sort by the gap/ }).click();
	await expect(page).toHaveURL(/sort=gap&standard=5/);
	await expect(table.getByRole('columnheader', { name: /^5 / })).toHaveAttribute('aria-sort', 'ascending');
	await expect(rows.first().locator('td').nth(5)).toContainText('Lower than self');
	await expectAccessible(page);

	await police.getByRole('link', { name: new RegExp(`\\(${POLICE}, standard 3\\)`) }).click();
	await expect(page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
	await expect(page.locator('main')).toContainText(POLICE);
	expect(problems).toEqual([]);
});

test('the board member reads the heatmap with no links to submissions they may not open', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_board);
	await page.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/heatmap?sector=police`);
	const table = page.getByRole('table', { name: /Self and partnership grades/ });
	const police = table.getByRole('row', { name: new RegExp(POLICE) });
	await expect(police.locator('td').nth(3)).toContainText('Lower than self');
	await expect(table.locator('tbody a')).toHaveCount(0);
	await expectAccessible(page);
});
