// Helpers for the return journeys: find a requirement's section on a standard
// page, wait for its autosave, and move about with the keyboard only.
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, signIn } from './fixtures';

/** The organisation's live return, as its home page links to it. */
export async function liveReturn(page: Page, organisationId: string): Promise<string> {
	const html = await (await page.request.get(`/organisations/${organisationId}`)).text();
	const id = new RegExp(`/organisations/${organisationId}/returns/([0-9a-f-]{36})`).exec(html)?.[1];
	if (!id) throw new Error(`no live return linked from the home page of ${organisationId}`);
	return `/organisations/${organisationId}/returns/${id}`;
}

/** A signed-in page in a browser context of its own (one person, one browser). */
export async function personIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
	const page = await (await browser.newContext(options)).newPage();
	await signIn(page, email);
	return page;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The section of a standard page that answers one requirement (a region named by its heading). */
export function requirement(page: Page, code: string): Locator {
	return page.getByRole('region', { name: new RegExp(`^${escape(code)} `) });
}

/** The codes of the requirements on the standard page that is open, in page order. */
export async function requirementCodes(page: Page): Promise<string[]> {
	return page.locator('section.app-requirement h2 .app-requirement__code').allTextContents();
}

/** Autosave's visible state for one requirement, as a sighted user reads it. */
export function savedState(page: Page, code: string): Locator {
	return requirement(page, code).locator('.app-saved-state');
}

export const SAVED_AT = /^Saved at \d{1,2}:\d{2}(am|pm)$/;

/**
 * Does something that autosaves one requirement's answer, then waits for the
 * save to come back and for the page to say so.
 */
export async function autosaved(page: Page, code: string, action: () => Promise<unknown>): Promise<void> {
	const response = page.waitForResponse((r) => r.request().method() === 'POST' && decodeURIComponent(new URL(r.url()).pathname).endsWith(`/responses/${code}`));
	await action();
	expect((await response).status(), `autosave of ${code}`).toBe(200);
	await expect(savedState(page, code)).toHaveText(SAVED_AT);
}

/**
 * Roughly what a screen reader announces for the focused element: the legend
 * of its fieldset (for a radio or checkbox, e.g. "Grade for 7.1"), then its
 * label, aria-label and text.
 */
export async function focusedName(page: Page): Promise<string> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return '';
		const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
		const grouped = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
		const legend = grouped ? el.closest('fieldset')?.querySelector('legend')?.textContent : null;
		return `${legend ?? ''} ${label ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''}`.replace(/\s+/g, ' ').trim();
	});
}

/** Whether the focused element is a checked radio or checkbox. */
export async function focusedIsChecked(page: Page): Promise<boolean> {
	return page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked === true);
}

/** Tabs (or Shift+Tabs) until the focused element's name matches, as a keyboard user would. */
export async function tabTo(page: Page, accessibleName: RegExp, { limit = 250, backwards = false } = {}): Promise<void> {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
		if (accessibleName.test(await focusedName(page))) return;
	}
	throw new Error(`could not reach ${accessibleName} with ${backwards ? 'Shift+Tab' : 'Tab'} (last focused: ${await focusedName(page)})`);
}

/** A school's signatory (`email`) signs off the return at `returnUrl` as it stands, in a browser of their own. */
export async function signOffIn(browser: Browser, email: string, returnUrl: string, jobTitle: string): Promise<void> {
	const signatory = await personIn(browser, email);
	await signatory.goto(`${returnUrl}/check`);
	await signatory.getByLabel('Your job title (optional)').fill(jobTitle);
	await signatory.getByLabel('I have read this self-assessment and confirm it is an accurate account of our arrangements').check();
	await signatory.getByRole('button', { name: 'Sign off' }).click();
	await expect(signatory.locator('.govuk-notification-banner')).toContainText('You have signed off the self-assessment.');
	await signatory.context().close();
}
