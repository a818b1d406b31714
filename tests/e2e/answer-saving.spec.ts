// Nothing typed into a standard page is lost: text saves a moment after typing
// stops; leaving with text not saved yet warns; text the server never got is
// kept in the browser and comes back, with a notice, when the page opens again;
// signing out deletes it (after a warning), running out of time does not.
// Each test writes to a requirement of a return no other spec touches
// (Mercia Vale Fire and Rescue Service's), so the order of specs does not matter.
import type { Page, Response } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { liveReturn, personIn, requirement, SAVED_AT, savedState } from './returns';

const FIRE = 'Mercia Vale Fire and Rescue Service';
const FIRE_LEAD = 'lead@mercia-vale-fire-and-rescue-service.example.org';
const LEAVE_WARNING = 'You have changes on this page that have not been saved yet. Leave this page anyway?';
const SIGN_OUT_WARNING = 'Some of what you typed has not been saved yet. If you sign out now, it will be deleted from this browser. Sign out anyway?';
// "from 10:32am" the same day; with the date once it was another day (the session test's clock may cross midnight).
const RESTORED = /^Restored text you had not saved, from (\d{1,2} [A-Z][a-z]+ \d{4}, )?\d{1,2}:\d{2}(am|pm)\.$/;

/** A narrative long enough for the Section 11 template, unique to this run. */
const narrative = (what: string) =>
	`${what} (${Date.now().toString(36)}): fire safety visits to homes with children now include a safeguarding check, recorded and audited each quarter.`;

async function openStandard(page: Page, path: string) {
	await page.goto(path);
	await expect(page.locator('h1')).toHaveText(/^\d+\. /);
}

/** The autosave of one requirement that carries exactly this narrative. */
const autosaveOf = (code: string, text?: string) => (r: Response) =>
	r.request().method() === 'POST' &&
	decodeURIComponent(new URL(r.url()).pathname).endsWith(`/responses/${code}`) &&
	(text === undefined || (r.request().postDataJSON() as { narrative: string }).narrative === text);

/** Types into a requirement's narrative while every save of it fails, and waits for the page to say so. */
async function typeWithSavingBroken(page: Page, code: string, text: string) {
	await page.route(`**/responses/${code}`, (route) => route.abort());
	await requirement(page, code).getByLabel(`Narrative for ${code}`).click();
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText(text);
	await expect(savedState(page, code)).toHaveText(/^Not saved: check your connection/);
}

test('a narrative saves a moment after typing stops, without leaving the field', async ({ browser, ids }) => {
	const page = await personIn(browser, FIRE_LEAD);
	const path = `${await liveReturn(page, ids.organisations[FIRE])}/standards/2`;
	await openStandard(page, path);
	const code = '2.1';
	const field = requirement(page, code).getByLabel(`Narrative for ${code}`);
	const text = narrative('Typed and left in the field');

	await field.click();
	await page.keyboard.press('Control+A');
	const saved = page.waitForResponse(autosaveOf(code, text));
	await page.keyboard.insertText(text.slice(0, -4));
	await page.keyboard.type(text.slice(-4));
	expect((await saved).status()).toBe(200);
	await expect(savedState(page, code)).toHaveText(SAVED_AT);
	await expect(field, 'saved without leaving the field').toBeFocused();

	await page.reload();
	await expect(requirement(page, code).getByLabel(`Narrative for ${code}`)).toHaveValue(text);
	await page.context().close();
});

test('leaving a page with text not saved yet warns first: reload, a typed address, a link and Back', async ({ browser, ids }) => {
	const page = await personIn(browser, FIRE_LEAD);
	const base = await liveReturn(page, ids.organisations[FIRE]);
	// Arrive as people do, through the task list, so Back stays inside the portal.
	await page.goto(base);
	await page.getByRole('link', { name: /^2\. / }).click();
	await expect(page.locator('h1')).toHaveText(/^2\. /);
	const code = '2.2';
	const text = narrative('Not saved yet');
	await typeWithSavingBroken(page, code, text);

	const dialogs: { type: string; message: string }[] = [];
	let answer: 'dismiss' | 'accept' = 'dismiss';
	page.on('dialog', async (dialog) => {
		dialogs.push({ type: dialog.type(), message: dialog.message() });
		await (answer === 'accept' ? dialog.accept() : dialog.dismiss());
	});
	const field = requirement(page, code).getByLabel(`Narrative for ${code}`);

	// Reloading, or typing another address: the browser's own question; staying keeps the text.
	await page.evaluate(() => location.reload());
	await expect.poll(() => dialogs.map((d) => d.type)).toEqual(['beforeunload']);
	await expect(field).toHaveValue(text);
	await page.evaluate(() => location.assign('/home'));
	await expect.poll(() => dialogs.map((d) => d.type)).toEqual(['beforeunload', 'beforeunload']);
	await expect(field).toHaveValue(text);

	// A link inside the portal, and Back: the portal asks, in words.
	await page.getByRole('link', { name: 'All standards' }).click();
	await expect.poll(() => dialogs.length).toBe(3);
	expect(dialogs[2]).toEqual({ type: 'confirm', message: LEAVE_WARNING });
	await expect(page.locator('h1')).toHaveText(/^2\. /);
	await page.goBack();
	await expect.poll(() => dialogs.length).toBe(4);
	expect(dialogs[3]).toEqual({ type: 'confirm', message: LEAVE_WARNING });
	await expect(page.locator('h1')).toHaveText(/^2\. /);
	await expect(field).toHaveValue(text);

	// Agreeing to leave leaves.
	answer = 'accept';
	await page.getByRole('link', { name: 'All standards' }).click();
	await page.waitForURL((url) => url.pathname === base);
	await page.context().close();
});

test('text the server never got comes back when the page is opened again after the tab was closed, and is saved', async ({ browser, ids }) => {
	const page = await personIn(browser, FIRE_LEAD);
	const path = `${await liveReturn(page, ids.organisations[FIRE])}/standards/3`;
	await openStandard(page, path);
	const code = '3.1';
	const text = narrative('Typed while the connection was down');
	await typeWithSavingBroken(page, code, text);
	await page.close();

	const again = await page.context().newPage();
	const saved = again.waitForResponse(autosaveOf(code, text));
	await openStandard(again, path);
	await expect(requirement(again, code).getByLabel(`Narrative for ${code}`)).toHaveValue(text);
	await expect(requirement(again, code).getByText(RESTORED)).toBeVisible();
	await expect(again.getByRole('region', { name: 'Important' })).toContainText('Text you typed earlier and had not saved has been put back');
	expect((await saved).status()).toBe(200);
	await expect(savedState(again, code)).toHaveText(SAVED_AT);

	// Saved: it stays after a reload, with nothing more to put back.
	await again.reload();
	await expect(requirement(again, code).getByLabel(`Narrative for ${code}`)).toHaveValue(text);
	await expect(requirement(again, code).getByText(RESTORED)).toHaveCount(0);
	await again.context().close();
});

test('signing out warns about text not saved yet and deletes it from the browser', async ({ browser, ids }) => {
	const page = await personIn(browser, FIRE_LEAD);
	const path = `${await liveReturn(page, ids.organisations[FIRE])}/standards/3`;
	await openStandard(page, path);
	const code = '3.2';
	const stored = await requirement(page, code).getByLabel(`Narrative for ${code}`).inputValue();
	await typeWithSavingBroken(page, code, narrative('Typed, then signed out'));

	const messages: string[] = [];
	page.on('dialog', async (dialog) => {
		messages.push(dialog.message());
		await (messages.length === 1 ? dialog.dismiss() : dialog.accept());
	});
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect.poll(() => messages).toEqual([SIGN_OUT_WARNING]);
	await expect(page.locator('h1')).toHaveText(/^3\. /);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.waitForURL(/\/sign-in\?signed-out$/);
	expect(messages).toEqual([SIGN_OUT_WARNING, SIGN_OUT_WARNING]);

	await page.unrouteAll();
	await signIn(page, FIRE_LEAD);
	await openStandard(page, path);
	await expect(requirement(page, code).getByLabel(`Narrative for ${code}`)).toHaveValue(stored);
	await expect(requirement(page, code).getByText(RESTORED)).toHaveCount(0);
	await page.context().close();
});

test('text not saved when the session runs out comes back after signing in again', async ({ browser, ids }) => {
	const page = await (await browser.newContext()).newPage();
	await page.clock.install();
	await signIn(page, FIRE_LEAD);
	const path = `${await liveReturn(page, ids.organisations[FIRE])}/standards/3`;
	await openStandard(page, path);
	const code = '3.3';
	const text = narrative('Typed before the session ran out');
	await page.route(`**/responses/${code}`, (route) => route.abort());
	await requirement(page, code).getByLabel(`Narrative for ${code}`).click();
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText(text);

	const signedOut = page.waitForRequest((r) => r.url().includes('/sign-in?expired'));
	await page.clock.fastForward(61 * 60_000);
	await signedOut;
	// The session is still alive on the server (real time), so sign-in sends the person straight back.
	await page.waitForURL((url) => url.pathname === path);
	await expect(requirement(page, code).getByLabel(`Narrative for ${code}`)).toHaveValue(text);
	await expect(requirement(page, code).getByText(RESTORED)).toBeVisible();
	await page.context().close();
});

test('other forms warn too before what was typed in them is lost, until it is saved', async ({ browser, ids }) => {
	const page = await personIn(browser, FIRE_LEAD);
	await page.goto(`${await liveReturn(page, ids.organisations[FIRE])}/standards/5`);
	await page.getByRole('link', { name: 'Add an action for 5.1' }).click();
	await expect(page.locator('h1')).toHaveText('Add an action');
	const messages: string[] = [];
	page.on('dialog', async (dialog) => {
		messages.push(dialog.message());
		await dialog.dismiss();
	});

	await page.getByLabel('Progress notes (optional)').fill('Typed, not sent yet.');
	await page.getByRole('link', { name: 'Back', exact: true }).click();
	await expect.poll(() => messages).toEqual([LEAVE_WARNING]);
	await expect(page.locator('h1')).toHaveText('Add an action');

	// Sent but refused (it needs a description): still not saved, so leaving still asks.
	await page.getByRole('button', { name: 'Add action' }).click();
	await expect(page.locator('.govuk-error-summary')).toBeVisible();
	await page.getByRole('link', { name: 'Back', exact: true }).click();
	await expect.poll(() => messages).toEqual([LEAVE_WARNING, LEAVE_WARNING]);

	// Sent and saved: the page moves on without a question.
	await page.getByLabel('What will you do?').fill('Add a safeguarding check to every home fire safety visit.');
	await page.getByRole('button', { name: 'Add action' }).click();
	await page.waitForURL(/\/standards\/5\?action=added/);
	expect(messages).toHaveLength(2);
	await page.context().close();
});

test('text saved as the page closes is shown when it opens again, even when the new page was read before that save was stored', async ({ browser, ids }) => {
	const page = await personIn(browser, FIRE_LEAD);
	const path = `${await liveReturn(page, ids.organisations[FIRE])}/standards/6`;
	await openStandard(page, path);
	const code = '6.1';
	const text = narrative('Typed, then reloaded at once');
	page.on('dialog', (d) => void d.accept());

	// Held here, the worst order on a busy server: the reload's page is read first, then the
	// save sent as the page closed is stored and answers the old page.
	let pageRead!: () => void;
	const read = new Promise<void>((r) => (pageRead = r));
	let saveAnswered!: () => void;
	const answered = new Promise<void>((r) => (saveAnswered = r));
	await page.route(`**/responses/${code}`, async (route) => {
		await read;
		await route.continue();
	});
	await page.route((u) => u.pathname === path, async (route) => {
		if (!route.request().isNavigationRequest()) return route.continue();
		const stale = await route.fetch();
		pageRead();
		await answered;
		await route.fulfill({ response: stale });
	});
	page.on('requestfinished', (r) => {
		if (r.method() === 'POST') setTimeout(saveAnswered, 200); // its answer handled by the old page
	});
	await requirement(page, code).getByLabel(`Narrative for ${code}`).fill(text);
	await page.reload();
	await expect(requirement(page, code).getByLabel(`Narrative for ${code}`)).toHaveValue(text);

	await page.unrouteAll();
	await page.reload();
	await expect(requirement(page, code).getByLabel(`Narrative for ${code}`), 'and the server has it').toHaveValue(text);
	await page.context().close();
});
