// The whole way in, with the keyboard only: a business unit invites someone,
// the invitation arrives (read from the outbox, as without SMTP), the person
// accepts it, signs out and signs back in.
import type { Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test } from './fixtures';

/** Tabs until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, accessibleName: RegExp, limit = 60) {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const name = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			if (!el) return '';
			const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
			return `${label ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''}`.trim();
		});
		if (accessibleName.test(name)) return;
	}
	throw new Error(`could not reach ${accessibleName} with Tab`);
}

test('invite, accept, sign out and sign in again, keyboard only', async ({ browser, ids }) => {
	const bu = await (await browser.newContext()).newPage();
	await signIn(bu, ACTORS.nm_bu);
	await bu.goto(`/partnerships/${ids.partnerships.northmere}/users`);
	await tabTo(bu, /^Email address/);
	await bu.keyboard.type('keyboard.person@example.org');
	await tabTo(bu, /^Name \(optional\)/);
	await bu.keyboard.type('Kay Board');
	// Tab reaches the radio group; arrow keys choose within it.
	await tabTo(bu, /^Business unit/);
	for (let i = 0; i < 3; i++) await bu.keyboard.press('ArrowDown');
	await expect(bu.getByLabel('Board member')).toBeChecked();
	await tabTo(bu, /^Send invitation/);
	await bu.keyboard.press('Enter');
	await expect(bu.locator('.govuk-notification-banner')).toContainText('Invitation to keyboard.person@example.org made. No mail server is set up, so its email waits in the mail outbox');
	await expectAccessible(bu);

	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, ACTORS.admin);
	await admin.goto('/admin/outbox');
	const mail = admin.locator('.govuk-summary-card', { hasText: 'keyboard.person@example.org' }).first();
	const link = /\/invitations\/[a-z2-7]{32}/.exec((await mail.locator('pre').textContent()) ?? '')![0];

	const invitee = await (await browser.newContext()).newPage();
	await invitee.goto(link);
	await expect(invitee.locator('h1')).toHaveText('Accept your invitation');
	await expectAccessible(invitee);
	await tabTo(invitee, /^Full name/);
	await invitee.keyboard.press('Control+A');
	await invitee.keyboard.type('Kay Board');
	await tabTo(invitee, /^Create a password/);
	await invitee.keyboard.type('kay has a long passphrase');
	await tabTo(invitee, /^Confirm password/);
	await invitee.keyboard.type('kay has a long passphrase');
	await invitee.keyboard.press('Enter');
	await expect(invitee).toHaveURL(new RegExp(`/partnerships/${ids.partnerships.northmere}\\?welcome$`));
	await expect(invitee.locator('.govuk-notification-banner')).toContainText('Welcome');

	await tabTo(invitee, /^Sign out/);
	await invitee.keyboard.press('Enter');
	await expect(invitee).toHaveURL(/\/sign-in\?signed-out/);
	await expect(invitee.locator('.govuk-notification-banner')).toContainText('You have signed out');

	await tabTo(invitee, /^Email address/);
	await invitee.keyboard.type('keyboard.person@example.org');
	await tabTo(invitee, /^Password/);
	await invitee.keyboard.type('kay has a long passphrase');
	await invitee.keyboard.press('Enter');
	await expect(invitee).toHaveURL(/\/home$/);
	await expect(invitee.locator('h1')).toHaveText('Hello, Kay Board');
	await expect(invitee.getByRole('link', { name: 'Northmere Safeguarding Children Partnership' })).toBeVisible();
});
