// On a slow connection the page arrives long before its scripts, and people
// type straight away. When the scripts arrive they must take over the page as
// it is then, never redraw a field with what the server first sent.
// Nothing here is sent: the shared demo data stays as other specs expect it.
import type { Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, signIn, test } from './fixtures';

/** Opens `path` with its scripts held back until `release` is called. */
async function openWithScriptsHeld(page: Page, path: string): Promise<() => Promise<void>> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	// Only the scripts: held styles would hold the page itself back.
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	return async () => {
		release();
		await page.locator('html.app-js').waitFor({ state: 'attached' });
		await page.unrouteAll({ behavior: 'wait' });
	};
}

test('what is typed and ticked before the scripts arrive stays when they do', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_bu);
	const scriptsArrive = await openWithScriptsHeld(page, `/partnerships/${ids.partnerships.northmere}/cycles/new?template=${ids.templates.s11}`);
	await page.getByLabel('Title').fill('Typed on a slow connection');
	const deadline = page.getByRole('group', { name: /^Deadline/ });
	await deadline.getByLabel('Day').fill('14');
	await deadline.getByLabel('Month').fill('3');
	await deadline.getByLabel('Year').fill('2031');
	const list = page.getByRole('group', { name: 'Organisations taking part' });
	const police = list.getByLabel(/^Mercia Vale Police/);
	const oakfield = list.getByLabel(/^Oakfield Primary School/);
	await police.uncheck();
	await oakfield.check();
	const firstStandard = page.getByRole('group', { name: /standards/i }).getByRole('checkbox').first();
	const standardWas = await firstStandard.isChecked();
	await firstStandard.setChecked(!standardWas);

	await scriptsArrive();
	await expect(page.getByLabel('Title')).toHaveValue('Typed on a slow connection');
	await expect(deadline.getByLabel('Day')).toHaveValue('14');
	await expect(deadline.getByLabel('Month')).toHaveValue('3');
	await expect(deadline.getByLabel('Year')).toHaveValue('2031');
	await expect(police).not.toBeChecked();
	await expect(oakfield).toBeChecked();
	await expect(firstStandard).toBeChecked({ checked: !standardWas });
	await expect(list.getByText(/\d+ chosen/)).toBeVisible();
});

test('an action’s due date typed before the scripts arrive stays when they do', async ({ page, ids }) => {
	await signIn(page, ACTORS.police_contributor);
	const base = `/organisations/${ids.organisations['Mercia Vale Police']}/returns/${ids.police.returnId}`;
	const scriptsArrive = await openWithScriptsHeld(page, `${base}/actions/new?requirement=7.6`);
	await page.getByLabel('What will you do?').fill('Refresh the information-sharing training for front-desk staff.');
	const due = page.getByRole('group', { name: /^When is it due/ });
	await due.getByLabel('Day').fill('30');
	await due.getByLabel('Month').fill('9');
	await due.getByLabel('Year').fill('2027');

	await scriptsArrive();
	await expect(page.getByLabel('What will you do?')).toHaveValue('Refresh the information-sharing training for front-desk staff.');
	await expect(due.getByLabel('Day')).toHaveValue('30');
	await expect(due.getByLabel('Month')).toHaveValue('9');
	await expect(due.getByLabel('Year')).toHaveValue('2027');
});

test('audit log filters typed before the scripts arrive stay when they do', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_bu);
	const scriptsArrive = await openWithScriptsHeld(page, `/partnerships/${ids.partnerships.northmere}/audit-log`);
	await page.getByLabel('What', { exact: true }).fill('cycle.close');
	await scriptsArrive();
	await expect(page.getByLabel('What', { exact: true })).toHaveValue('cycle.close');
});
