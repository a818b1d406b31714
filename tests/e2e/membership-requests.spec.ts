// A partnership asking to add an organisation another partnership already
// works with: the asking business unit sees it waiting, the organisation's side
// is told on its pages and answers on a page that says what agreeing means.
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test } from './fixtures';

test('the school’s lead is told of the demo request on the school’s page and their own home page', async ({ page, ids }) => {
	await signIn(page, ACTORS.school_lead);
	await page.goto(`/organisations/${ids.organisations['Oakfield Primary School']}`);
	const banner = page.getByRole('region', { name: 'Important' });
	await expect(banner).toContainText('Eastbrook Safeguarding Children Partnership asks to add Oakfield Primary School as a member');
	await expect(banner.getByRole('link', { name: /^Agree or decline/ })).toHaveAttribute('href', /membership-requests/);
	await expectAccessible(page);

	// Their home page says so too, and the link leads to the answer.
	await page.goto('/home');
	await expectAccessible(page);
	await page.getByRole('region', { name: 'Important' }).getByRole('link', { name: 'Agree or decline Eastbrook Safeguarding Children Partnership’s request to add Oakfield Primary School' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eastbrook Safeguarding Children Partnership asks to add Oakfield Primary School as a member');
});

test('a business unit asks, and the school’s other partnership declines for a school without a lead', async ({ browser, ids }) => {
	const eastbrook = await (await browser.newContext()).newPage();
	await signIn(eastbrook, ACTORS.eb_bu);
	await eastbrook.goto(`/partnerships/${ids.partnerships.eastbrook}/organisations/new`);
	await eastbrook.getByLabel('Name').first().fill('St Chad’s CofE Primary School');
	await eastbrook.getByLabel('School or college (Section 175/157)').check();
	await eastbrook.getByLabel('Sector').selectOption('education');
	await eastbrook.getByLabel('URN (schools)').fill('990107');
	await eastbrook.getByLabel('URN (schools)').press('Enter');
	await expect(eastbrook.getByRole('alert')).toContainText('it has been asked to agree to join');
	await expect(eastbrook.getByRole('heading', { name: 'Waiting for organisations to agree' })).toBeVisible();
	await expect(eastbrook.getByRole('button', { name: 'Withdraw the request to St Chad’s CofE Primary School' })).toBeVisible();
	await expectAccessible(eastbrook);

	const northmere = await (await browser.newContext()).newPage();
	await signIn(northmere, ACTORS.nm_bu);
	await northmere.goto(`/partnerships/${ids.partnerships.northmere}/organisations/${ids.organisations['St Chad’s CofE Primary School']}`);
	await expect(northmere.getByRole('region', { name: 'Important' })).toContainText('It has no lead to answer, so you can.');
	await expectAccessible(northmere);
	await northmere.getByRole('link', { name: /^Agree or decline/ }).click();
	await expect(northmere.getByRole('heading', { level: 1 })).toHaveText('Eastbrook Safeguarding Children Partnership asks to add St Chad’s CofE Primary School as a member');
	await expectAccessible(northmere);
	await northmere.getByRole('button', { name: 'Decline' }).focus();
	await northmere.keyboard.press('Enter');
	await expect(northmere.getByRole('alert')).toContainText('You declined the other partnership’s request.');

	await eastbrook.reload();
	await expect(eastbrook.getByRole('button', { name: 'Withdraw the request to St Chad’s CofE Primary School' })).toHaveCount(0);
	await expect(eastbrook.getByRole('button', { name: 'Withdraw the request to Oakfield Primary School' })).toBeVisible();
});
