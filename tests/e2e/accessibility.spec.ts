// Every page in the authorisation matrix, opened as someone allowed to see it,
// checked with axe against WCAG 2.2 A and AA, and for a clean console once its
// scripts have run (no errors, no CSP violations). A new page gets its matrix
// row, and with it these checks.
import type { Browser, Page } from '@playwright/test';
import { ACTORS, ROUTE_CASES, expected, type Actor, type SignedInActor } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

// Pages only: not the health check or file downloads.
const pages = ROUTE_CASES.filter((c) => c.method === 'GET' && c.route !== '/healthz' && !c.route.endsWith('/download')).flatMap((c) => {
	const actor: Actor | undefined =
		expected(c, 'anonymous') === 200
			? 'anonymous'
			: (Object.keys(ACTORS) as SignedInActor[]).find((a) => expected(c, a) === 200);
	return actor ? [{ c, actor }] : [];
});

const sessions = new Map<Actor, { page: Page; problems: string[] }>();
async function pageAs(browser: Browser, actor: Actor): Promise<{ page: Page; problems: string[] }> {
	if (!sessions.has(actor)) {
		const page = await (await browser.newContext()).newPage();
		const problems = await watchConsole(page);
		if (actor !== 'anonymous') await signIn(page, ACTORS[actor]);
		sessions.set(actor, { page, problems });
	}
	return sessions.get(actor)!;
}

test.afterAll(async () => {
	for (const { page } of sessions.values()) await page.context().close();
	sessions.clear();
});

for (const { c, actor } of pages) {
	test(`${c.route}${c.note ? ` (${c.note})` : ''} as ${actor}`, async ({ browser, ids }) => {
		const { page, problems } = await pageAs(browser, actor);
		problems.length = 0;
		const response = await page.goto(c.path(ids));
		expect(response?.status()).toBe(200);
		await expect(page.locator('main#main-content')).toHaveCount(1);
		await expect(page.locator('h1')).toHaveCount(1);
		await page.locator('html.app-js').waitFor({ state: 'attached' });
		await expectAccessible(page);
		expect(problems, `console on ${c.path(ids)}`).toEqual([]);
	});
}

test('error pages are accessible too', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_board);
	expect((await page.goto('/no-such-page'))?.status()).toBe(404);
	await expectAccessible(page);
	expect((await page.goto(`/partnerships/${ids.partnerships.northmere}/users`))?.status()).toBe(403);
	await expect(page.locator('h1')).toHaveText('You do not have permission to do this');
	await expectAccessible(page);
});

test('a form with errors shows the GOV.UK error summary, focused, linking to each field', async ({ page }) => {
	await page.goto('/sign-in');
	await page.getByRole('button', { name: 'Sign in' }).press('Enter');
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Enter an email address' })).toHaveAttribute('href', '#email');
	await expect(page.locator('#email-error')).toContainText('Error: Enter an email address');
	await expect(page.locator('#email')).toHaveAttribute('aria-describedby', 'email-error');
	await expectAccessible(page);
});

// The sweep above opens the moderation pages as the business unit, who reads
// them. These are the same pages as the people who write in them, and what the
// organisation is shown: each state's forms and banners get axe too.
test('moderation pages as the chair and the moderator, and as the organisations moderated', async ({ browser, ids }) => {
	const nm = `/partnerships/${ids.partnerships.northmere}`;
	const visit = async (actor: SignedInActor | string, path: string, follow?: string) => {
		const email = actor in ACTORS ? ACTORS[actor as SignedInActor] : actor;
		const page = await (await browser.newContext()).newPage();
		const problems = await watchConsole(page);
		await signIn(page, email);
		expect((await page.goto(path))?.status(), path).toBe(200);
		if (follow) {
			await page.getByRole('link', { name: new RegExp(follow) }).first().click();
			await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
		}
		await page.locator('html.app-js').waitFor({ state: 'attached' });
		await expect(page.locator('h1')).toHaveCount(1);
		await expectAccessible(page);
		expect(problems, `console on ${page.url()}`).toEqual([]);
		await page.context().close();
	};
	// The workspace as a moderator (only what is assigned, no assignment form).
	await visit('nm_moderator', `${nm}/cycles/${ids.pastS11Northmere}/moderation`);
	// Every form open: a submission nobody has moderated yet, as the chair.
	await visit('nm_chair', `${nm}/submissions/${ids.unassignedSubmission}/moderation`);
	// Complete, with the agreed grades the chair may still change.
	await visit('nm_chair', `${nm}/submissions/${ids.police.submissionId}/moderation`);
	// The organisation: its moderated grades, and this year's changes asked of the ambulance trust.
	await visit('police_lead', `/organisations/${ids.organisations['Mercia Vale Police']}/submissions/${ids.police.submissionId}`);
	const ambulance = ids.organisations['Mercia Vale Ambulance Service NHS Trust'];
	await visit('lead@mercia-vale-ambulance-service-nhs-trust.example.org', `/organisations/${ambulance}`);
	await visit('lead@mercia-vale-ambulance-service-nhs-trust.example.org', `/organisations/${ambulance}`, 'asks for changes to your');
});
