// The GOV.UK timeout warning: two minutes before the idle session ends a modal
// offers to stay signed in; if time runs out, what was typed comes back after
// signing in again.
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test } from './fixtures';

test('warns before the session ends, and staying signed in keeps what was typed', async ({ page }) => {
	await page.clock.install();
	await signIn(page, ACTORS.police_lead);
	await page.goto('/account');
	await page.getByLabel('Full name').fill('Karen Walsh (typed, not saved)');
	await page.clock.fastForward('57:30');
	await expect(page.getByRole('dialog')).toBeHidden();
	await page.clock.fastForward('01:00');
	const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
	await expect(dialog).toBeVisible();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByLabel('Full name')).toHaveValue('Karen Walsh (typed, not saved)');
});

test('when time runs out, the text comes back after signing in again', async ({ page }) => {
	await page.clock.install();
	await signIn(page, ACTORS.police_contributor);
	await page.goto('/account');
	await page.getByLabel('Full name').fill('Ben Carter (draft)');
	await page.clock.fastForward(61 * 60_000);
	// The session is still alive on the server (real time), so sign-in sends the person straight back.
	await expect(page).toHaveURL(/\/account$/);
	await expect(page.getByText('We have put back what you typed before you were signed out')).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue('Ben Carter (draft)');
});
