// Every page in the authorisation matrix, opened as someone allowed to see it,
// checked with axe against WCAG 2.2 A and AA, and for a clean console once its
// scripts have run (no errors, no CSP violations). A new page gets its matrix
// row, and with it these checks.
import type { Browser, Page } from '@playwright/test';
import { ACTORS, ROUTE_CASES, expected, type Actor, type SignedInActor } from '../helpers/route-matrix';
import type { DemoIds } from '../helpers/demo-ids';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

// Pages only: not the health check or file downloads.
const pages = ROUTE_CASES.filter((c) => c.method === 'GET' && c.route !== '/healthz' && !c.route.endsWith('/download') && !c.file && !/\.(ics|pdf|zip)$/.test(c.route)).flatMap((c) => {
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
const AMBULANCE_LEAD = 'lead@mercia-vale-ambulance-service-nhs-trust.example.org';
const moderationPages: { what: string; email: string; path: (ids: DemoIds) => string; follow?: RegExp }[] = [
	{ what: 'the workspace as a moderator (only what is assigned, no assignment form)', email: ACTORS.nm_moderator, path: (ids) => `/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/moderation` },
	{ what: 'a submission nobody has moderated yet, every form open, as the chair', email: ACTORS.nm_chair, path: (ids) => `/partnerships/${ids.partnerships.northmere}/submissions/${ids.unassignedSubmission}/moderation` },
	{ what: 'a complete moderation, with the agreed grades the chair may change', email: ACTORS.nm_chair, path: (ids) => `/partnerships/${ids.partnerships.northmere}/submissions/${ids.police.submissionId}/moderation` },
	{ what: 'the moderated grades, as the organisation', email: ACTORS.police_lead, path: (ids) => `/organisations/${ids.organisations['Mercia Vale Police']}/submissions/${ids.police.submissionId}` },
	{ what: 'changes requested, on the organisation’s page', email: AMBULANCE_LEAD, path: (ids) => `/organisations/${ids.organisations['Mercia Vale Ambulance Service NHS Trust']}` },
	{ what: 'changes requested, on the submission’s page', email: AMBULANCE_LEAD, path: (ids) => `/organisations/${ids.organisations['Mercia Vale Ambulance Service NHS Trust']}`, follow: /asks for changes to your/ }
];
// Challenge events as the chair who writes in them (the panel form open), and the slot on the organisation's home page.
const eventBase = (ids: DemoIds) => `/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}`;
moderationPages.push(
	{ what: 'a held challenge event as the chair', email: ACTORS.nm_chair, path: eventBase },
	{ what: 'a session’s record as the chair, every form open', email: ACTORS.nm_chair, path: (ids) => `${eventBase(ids)}/slots/${ids.events.heldPoliceSlot}` },
	{ what: 'a challenge event slot on the organisation’s home page', email: ACTORS.nhs_lead, path: () => '/home' }
);
for (const m of moderationPages) {
	test(`moderation: ${m.what}`, async ({ browser, ids }) => {
		const page = await (await browser.newContext()).newPage();
		const problems = await watchConsole(page);
		await signIn(page, m.email);
		expect((await page.goto(m.path(ids)))?.status()).toBe(200);
		if (m.follow) {
			await page.getByRole('link', { name: m.follow }).first().click();
			await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
		}
		await page.locator('html.app-js').waitFor({ state: 'attached' });
		await expect(page.locator('h1')).toHaveCount(1);
		await expectAccessible(page);
		expect(problems, `console on ${page.url()}`).toEqual([]);
		await page.context().close();
	});
}
