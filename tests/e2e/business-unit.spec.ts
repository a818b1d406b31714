// A business unit's pages in the browser, with JavaScript: choosing a cycle's
// participants from a long list, and the steps that ask to be confirmed.
// Nothing here is saved: every form is left unsent or refused, so the shared
// demo data stays as the other specs expect it.
import { ACTORS } from '../helpers/route-matrix';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, signIn, test } from './fixtures';

test.beforeEach(async ({ page }) => {
	await signIn(page, ACTORS.nm_bu);
});

/** Opens a page and waits until its scripts run, so nothing typed is redrawn by them. */
async function open(page: Page, path: string) {
	await page.goto(path);
	await page.locator('html.app-js').waitFor({ state: 'attached' });
}

test('the participant list filters by name as it is typed, and "Select all" ticks what it shows', async ({ page, ids }) => {
	await open(page, `/partnerships/${ids.partnerships.northmere}/cycles/new?template=${ids.templates.s11}`);
	const list = page.getByRole('group', { name: 'Organisations taking part' });
	const police = list.getByLabel(/^Mercia Vale Police/);
	const oakfield = list.getByLabel(/^Oakfield Primary School/);
	await expect(police).toBeChecked();
	await expect(oakfield).not.toBeChecked();
	await page.getByLabel('Title').fill('Typed before filtering');

	await list.getByLabel('Filter by name').fill('primary');
	await expect(police).toBeHidden();
	await expect(oakfield).toBeVisible();
	const shown = await list.locator('.govuk-checkboxes__input:visible').count();
	expect(shown).toBeGreaterThan(5);
	await expect(list.getByText(new RegExp(`^${shown} of \\d+ shown`))).toBeVisible();
	await expectAccessible(page);

	await list.getByRole('button', { name: `Select all ${shown} shown` }).click();
	await expect(list.locator('.govuk-checkboxes__input:visible:not(:checked)')).toHaveCount(0);
	await list.getByLabel('Filter by name').fill('');
	await expect(police).toBeChecked();
	await expect(list.getByLabel(/^Northmere Academy/)).not.toBeChecked();
	await expect(page.getByLabel('Title')).toHaveValue('Typed before filtering');
	expect(new URL(page.url()).search).toBe(`?template=${ids.templates.s11}`);
});

test('a deadline already past is not saved until it is confirmed, and what was typed stays', async ({ page, ids }) => {
	await open(page, `/partnerships/${ids.partnerships.northmere}/cycles/new?template=${ids.templates.s11}`);
	await page.getByLabel('Title').fill('A cycle with a past deadline');
	for (const [legend, month] of [['Opens on', '1'], ['Deadline', '2']]) {
		const date = page.getByRole('group', { name: legend });
		await date.getByLabel('Day').fill('1');
		await date.getByLabel('Month').fill(month);
		await date.getByLabel('Year').fill('2020');
	}
	await page.getByRole('button', { name: 'Start cycle' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: /This deadline has already passed/ })).toHaveAttribute('href', '#pastDeadline');
	await expect(page.getByLabel('Yes, I want a deadline that has already passed')).not.toBeChecked();
	await expect(page.getByLabel('Title')).toHaveValue('A cycle with a past deadline');
	await expectAccessible(page);
});

test('ending a membership asks for the box to be ticked first', async ({ page, ids }) => {
	await open(page, `/partnerships/${ids.partnerships.northmere}/organisations/${ids.organisations['Northmere Families Together']}`);
	await page.getByRole('button', { name: 'End membership' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Tick the box to confirm you want to end Northmere Families Together’s membership' })).toHaveAttribute('href', '#confirm');
	await expect(page.getByRole('heading', { level: 1 })).not.toContainText('Former member');
	await expectAccessible(page);
});
