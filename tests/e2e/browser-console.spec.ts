// The browser console stays clean: no errors, no uncaught exceptions and no
// Content-Security-Policy violations on a full page load or after SvelteKit's
// client-side navigation. The route announcer (#svelte-announcer) carries an
// inline style attribute that the CSP must allow, or it shows on screen.
import { ACTORS } from '../helpers/route-matrix';
import { expect, signIn, test, watchConsole } from './fixtures';

test('a full page load and a client-side navigation log no errors or CSP violations, and the announcer stays hidden', async ({ page }) => {
	const problems = await watchConsole(page);
	await page.goto('/');
	await expect(page.locator('h1')).toHaveText('Safeguarding self-assessment');
	await signIn(page, ACTORS.eb_chair);

	// A mark on the window survives only if the next page is rendered in place, not loaded.
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	await page.getByRole('link', { name: /Eastbrook/ }).first().click();
	await expect(page.locator('h1')).toContainText('Eastbrook');
	await page.getByRole('link', { name: 'Audit cycles' }).click();
	await expect(page.locator('h1')).toHaveText('Audit cycles');
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), 'the links were followed in place').toBe(true);

	// The announcer has read out the new page's title, and takes no room on screen.
	const announcer = page.locator('#svelte-announcer');
	await expect(announcer).toContainText('Audit cycles');
	const box = await announcer.boundingBox();
	expect(box && box.width <= 1 && box.height <= 1, `announcer is ${JSON.stringify(box)}`).toBe(true);
	await expect(announcer).toHaveCSS('position', 'absolute');
	expect(problems).toEqual([]);
});
