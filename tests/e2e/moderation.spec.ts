// A school's return through the whole cycle, end to end. In this year's
// Northmere schools audit (Castle Hill Primary School and Kingsway High School
// have submitted; no other spec moderates it or plans events on it) the chair
// assigns Castle Hill to the moderator, who grades it with autosave and asks
// for a change; the school amends its return, has it signed again and
// resubmits; the moderator sees what changed, finishes and accepts; the chair
// completes moderation and the school reads its grades. The chair then plans a
// challenge event, invites the school from the suggestions, reads its pre-read
// pack, records its session (an agreed grade, a challenge raised); the school
// sees its slot and answers the challenge, the chair accepts the answer, and
// issues the school's feedback letter, which its lead downloads.
// Then two people on one standard (last year's council children's services,
// assigned to the demo moderator), and a standard saved without JavaScript.
import type { Browser, Locator, Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { execFileSync } from 'node:child_process';
import { expect, expectAccessible, fillDate, inDays, test } from './fixtures';
import { liveReturn, personIn, signOffIn } from './returns';
import { REVIEW_CRITERIA } from '../../src/lib/domain/moderation';

/** A promise and the function that fulfils it. */
function signal() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

const SCHOOL = 'Castle Hill Primary School';
const OTHER_SCHOOL = 'Kingsway High School';
const castleHill = (local: string) => `${local}@castle-hill-primary-school.example.org`;
const MODERATOR_NAME = 'Tom Okafor';
const SAVED_AT = /Saved at \d{1,2}:\d{2}(am|pm)/;
const CHANGE_REQUEST = 'Say how the DSL’s termly report to governors is followed up, and add the last one.';
const AMENDED = 'The DSL now reports to the full governing body each term; the minutes record what was followed up.';
const RESTORED = 'Typed just before a reload, before autosave had a chance.';
const EVENT = `Schools challenge panel (${Date.now().toString(36)})`;
const CHALLENGE = 'Send the first term’s sampling of the DSL’s actions by governors, with what it found.';
const KEPT = 'Typed just before the tab was closed: kept in the browser.';

/** What the steps share: filled in as the school's moderation goes along. */
const seen = { workspace: '', moderationOf: new Map<string, string>(), challenge: '' };

/** A standard's section of the moderation page. */
const standard = (page: Page, code: string): Locator => page.locator(`section#standard-${code}`);
const statusOf = (section: Locator) => section.getByRole('status');

/** Does something that autosaves one moderation form, and waits for the page to say it is saved. */
async function autosaved(page: Page, section: Locator, action: () => Promise<unknown>, what = 'saveStandard') {
	const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === `?/${what}`);
	await action();
	expect((await response).status(), `autosave (${what})`).toBe(200);
	await expect(statusOf(section)).toHaveText(SAVED_AT);
}

/** Grades a standard and gives its rationale, each saved by autosave. */
async function grade(page: Page, code: string, gradeLabel: string, rationale: string) {
	const section = standard(page, code);
	const radio = section.getByRole('group', { name: 'Moderated grade' }).getByLabel(gradeLabel, { exact: true });
	if (!(await radio.isChecked())) await autosaved(page, section, () => radio.check());
	const field = section.getByLabel('Rationale for the moderated grade');
	if ((await field.inputValue()) !== rationale) await autosaved(page, section, () => field.fill(rationale));
}

/** The rows of the workspace's table, by organisation name. */
const workspaceNames = (page: Page) => page.getByRole('region', { name: 'Submissions to moderate' }).locator('tbody tr a[href$="/moderation"]');

test.describe.serial('a school’s return through the whole cycle', () => {
	test('the chair filters and sorts the workspace, and assigns a submission to the moderator', async ({ browser, ids }) => {
		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}`);
		await chair.getByRole('link', { name: 'Moderation of this cycle’s submissions' }).click();
		await expect(chair.locator('h1')).toHaveText('Moderation');
		seen.workspace = new URL(chair.url()).pathname;
		await expect(workspaceNames(chair).filter({ hasText: SCHOOL })).toHaveCount(1);
		await expect(workspaceNames(chair).filter({ hasText: OTHER_SCHOOL })).toHaveCount(1);
		for (const name of [SCHOOL, OTHER_SCHOOL]) seen.moderationOf.set(name, (await workspaceNames(chair).filter({ hasText: name }).getAttribute('href'))!);
		await expectAccessible(chair);

		// Filter by status: nothing in this cycle is accepted yet, everything is to moderate.
		await chair.getByLabel('Status').selectOption('Accepted');
		await chair.getByRole('button', { name: 'Apply filters' }).click();
		await expect(chair).toHaveURL(/state=accepted/);
		await expect(chair.getByText('No submissions match.')).toBeVisible();
		await chair.getByLabel('Status').selectOption('To moderate');
		await chair.getByRole('button', { name: 'Apply filters' }).click();
		await expect(chair).toHaveURL(/state=awaiting/);
		await expect(workspaceNames(chair).filter({ hasText: SCHOOL })).toHaveCount(1);

		// Sort by standard A's self grade, then the other way: the filter stays.
		const header = chair.getByRole('columnheader', { name: 'A (self grade for standard A)' });
		await header.getByRole('link').click();
		await expect(header).toHaveAttribute('aria-sort', 'ascending');
		await expect(chair).toHaveURL(/state=awaiting/);
		const ascending = await workspaceNames(chair).allTextContents();
		await header.getByRole('link').click();
		await expect(header).toHaveAttribute('aria-sort', 'descending');
		const descending = await workspaceNames(chair).allTextContents();
		expect(ascending.length).toBeGreaterThan(1);
		expect(descending).not.toEqual(ascending);
		await expectAccessible(chair);

		// Assign Castle Hill to the moderator, from the bulk form.
		await chair.getByLabel(`Choose ${SCHOOL}`).check();
		await chair.locator('#moderatorId').selectOption({ label: MODERATOR_NAME });
		await chair.getByRole('button', { name: 'Assign', exact: true }).click();
		await expect(chair.getByText('Submissions assigned.')).toBeVisible();
		await expect(header).toHaveAttribute('aria-sort', 'descending');
		const row = chair.locator('tbody tr', { has: chair.getByRole('link', { name: SCHOOL }) });
		await expect(row).toContainText(MODERATOR_NAME);
		await expect(chair.locator('tbody tr', { has: chair.getByRole('link', { name: OTHER_SCHOOL }) })).toContainText('Not assigned');
		await expectAccessible(chair);
		await chair.context().close();
	});

	test('the moderator sees only the submission assigned to them, and grades it with autosave', async ({ browser }) => {
		let moderator = await personIn(browser, ACTORS.nm_moderator);
		await moderator.goto(seen.workspace);
		await expect(moderator.getByText('The 1 submission assigned to you.')).toBeVisible();
		await expect(workspaceNames(moderator)).toHaveText([SCHOOL]);
		await expectAccessible(moderator);
		expect((await moderator.goto(seen.moderationOf.get(OTHER_SCHOOL)!))?.status()).toBe(404);
		await expectAccessible(moderator);

		await moderator.goto(seen.workspace);
		await workspaceNames(moderator).filter({ hasText: SCHOOL }).click();
		await expect(moderator.locator('h1')).toHaveText(`Moderate ${SCHOOL}`);
		await expectAccessible(moderator);

		await grade(moderator, 'A', 'Partly', 'The policy is sound but nothing shows governors following up the DSL’s reports.');
		await grade(moderator, 'B', 'Yes', 'Training records and the single central record support the grade.');
		await moderator.reload();
		await expect(standard(moderator, 'A').getByRole('group', { name: 'Moderated grade' }).getByLabel('Partly', { exact: true })).toBeChecked();
		await expect(standard(moderator, 'B').getByLabel('Rationale for the moderated grade')).toHaveValue('Training records and the single central record support the grade.');

		// Typed, then the page reloaded before autosave: leaving saves it first (the browser asks), so it is still there.
		// Worst case, held here: the new page is read before that save is stored, and the save answers the old page.
		moderator.on('dialog', (d) => void d.accept());
		const pageRead = signal();
		const saveAnswered = signal();
		const pageUrl = moderator.url();
		await moderator.route((u) => u.search === '?/saveStandard', async (route) => {
			await pageRead.promise;
			await route.continue();
		});
		await moderator.route((u) => u.href === pageUrl, async (route) => {
			if (!route.request().isNavigationRequest()) return route.continue();
			const stale = await route.fetch();
			pageRead.resolve();
			await saveAnswered.promise;
			await route.fulfill({ response: stale });
		});
		moderator.on('requestfinished', (r) => {
			if (r.method() === 'POST') setTimeout(() => saveAnswered.resolve(), 200); // its answer handled by the old page
		});
		await standard(moderator, 'C').getByLabel('Rationale for the moderated grade').fill(RESTORED);
		await moderator.reload();
		await expect(standard(moderator, 'C').getByLabel('Rationale for the moderated grade')).toHaveValue(RESTORED);
		await moderator.unrouteAll();
		await moderator.reload();
		await expect(standard(moderator, 'C').getByLabel('Rationale for the moderated grade'), 'and the server has it').toHaveValue(RESTORED);

		// Typed, then the tab closed before autosave: the browser's copy is put back when the page opens again, and saved.
		const url = moderator.url();
		await standard(moderator, 'D').getByLabel('Rationale for the moderated grade').fill(KEPT);
		await moderator.close();
		moderator = await moderator.context().newPage();
		await moderator.goto(url);
		await expect(standard(moderator, 'D').getByLabel('Rationale for the moderated grade')).toHaveValue(KEPT);
		await expect(statusOf(standard(moderator, 'D'))).toHaveText(SAVED_AT);
		await moderator.reload();
		await expect(standard(moderator, 'D').getByLabel('Rationale for the moderated grade')).toHaveValue(KEPT);

		// What the school should change, then the request.
		const a = standard(moderator, 'A');
		await autosaved(moderator, a, () => a.getByLabel('What the organisation should change (if you request changes)').fill(CHANGE_REQUEST));
		await moderator.getByRole('button', { name: 'Request changes' }).click();
		await expect(moderator.getByText('Changes requested: the organisation has been told.')).toBeVisible();
		await moderator.reload();
		await expect(moderator.locator('.govuk-summary-list__row', { hasText: 'Status' })).toContainText('Changes requested');
		await expectAccessible(moderator);
		await moderator.context().close();
	});

	test('the school is told what to change, amends its return, has it signed again and resubmits', async ({ browser, ids }) => {
		test.setTimeout(120_000);
		const school = ids.organisations[SCHOOL];
		const lead = await personIn(browser, castleHill('lead'));
		await lead.goto(`/organisations/${school}`);
		const banner = lead.getByRole('region', { name: 'Changes requested' });
		await expect(banner).toBeVisible();
		await expectAccessible(lead);
		await banner.getByRole('link', { name: /asks for changes to your Schools safeguarding audit \d{4} return/ }).click();
		const message = lead.getByRole('region', { name: 'Changes requested' });
		await expect(message).toContainText('Standard A:');
		await expect(message).toContainText(CHANGE_REQUEST);
		// Never the draft moderation: no grades, no rationale.
		await expect(lead.getByText('The policy is sound but nothing shows governors')).toHaveCount(0);
		await expectAccessible(lead);

		const returnUrl = await liveReturn(lead, school);
		await lead.goto(`${returnUrl}/standards/A`);
		const narrative = lead.getByRole('region', { name: /^A\.1 / }).getByLabel('Narrative for A.1');
		const saved = lead.waitForResponse((r) => r.request().method() === 'POST' && decodeURIComponent(r.url()).endsWith('/responses/A.1'));
		await narrative.fill(`${await narrative.inputValue()} ${AMENDED}`);
		await narrative.blur();
		expect((await saved).status()).toBe(200);

		for (const [local, title] of [['head', 'Headteacher'], ['governor', 'Safeguarding governor']]) await signOffIn(browser, castleHill(local), returnUrl, title);
		await lead.goto(`${returnUrl}/check`);
		await lead.getByRole('button', { name: 'Submit self-assessment' }).click();
		await lead.waitForURL(/\/submissions\/[0-9a-f-]{36}\?submitted=/);
		await expect(lead.locator('h1')).toHaveText(/^Schools safeguarding audit \d{4}: version 2$/);
		await lead.context().close();
	});

	test('the moderator sees what changed, finishes the moderation and accepts it', async ({ browser }) => {
		test.setTimeout(180_000);
		const moderator = await personIn(browser, ACTORS.nm_moderator);
		await moderator.goto(seen.workspace);
		const row = moderator.locator('tbody tr', { has: moderator.getByRole('link', { name: SCHOOL }) });
		await expect(row).toContainText('version 2');
		await expect(row).toContainText('Resubmitted');
		await row.getByRole('link', { name: SCHOOL }).click();
		await expect(moderator.locator('h1')).toHaveText(`Moderate ${SCHOOL}`);
		await expect(moderator.locator('.govuk-summary-list__row', { hasText: 'Submission' })).toContainText('Version 2');
		await expect(standard(moderator, 'A').locator('.govuk-warning-text')).toContainText('Changed since version 1, which this moderation was written against: requirements A.1.');
		await expect(standard(moderator, 'B').locator('.govuk-warning-text')).toContainText('Unchanged since version 1: the moderation carries over.');
		await expect(standard(moderator, 'B').getByLabel('Rationale for the moderated grade')).toHaveValue('Training records and the single central record support the grade.');
		await expectAccessible(moderator);

		await grade(moderator, 'A', 'Yes', 'The amended narrative shows governors following up each termly report.');
		const codes = await moderator.locator('section.app-moderation-standard').evaluateAll((els) => els.map((e) => e.id.replace('standard-', '')));
		expect(codes.length).toBeGreaterThan(3);
		for (const code of codes.filter((c) => c !== 'A')) await grade(moderator, code, 'Yes', `Standard ${code}: the narrative and evidence support the grade.`);

		const review = moderator.locator('section#review');
		for (const c of REVIEW_CRITERIA) {
			await autosaved(moderator, review, () => review.getByRole('group', { name: c.question }).getByLabel('Yes', { exact: true }).check(), 'saveReview');
		}
		await autosaved(moderator, review, () => review.getByLabel('Overall comment').fill('A clear, well-evidenced return; governors’ oversight is now shown.'), 'saveReview');
		await moderator.reload();
		await expect(moderator.getByText('Before you can accept this moderation:')).toHaveCount(0);
		await moderator.getByRole('button', { name: 'Accept the moderation' }).click();
		await expect(moderator.getByText('Moderation accepted: the chair confirms it next.')).toBeVisible();
		await expectAccessible(moderator);
		await moderator.context().close();
	});

	test('the chair completes moderation, confirming the moderated grades as agreed', async ({ browser }) => {
		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(seen.workspace);
		await chair.getByRole('link', { name: SCHOOL }).click();
		await expect(chair.locator('.govuk-summary-list__row', { hasText: 'Status' })).toContainText('Accepted');
		await chair.getByLabel('Confirm the moderated grades as agreed (no challenge event needed for this organisation)').check();
		await chair.getByRole('button', { name: 'Complete moderation' }).click();
		await expect(chair.getByText('Moderation complete: the organisation can now see its moderated and agreed grades.')).toBeVisible();
		await chair.reload();
		await expect(chair.locator('.govuk-summary-list__row', { hasText: 'Status' })).toContainText('Moderation complete');
		const history = chair.getByRole('region', { name: 'History of the moderated and agreed grades' });
		const a = history.locator('tbody tr', { has: chair.getByRole('cell', { name: 'A', exact: true }) });
		await expect(a.filter({ hasText: 'Moderated: Yes' })).toContainText('The amended narrative shows governors following up each termly report.');
		await expect(a.filter({ hasText: 'Agreed: Yes' })).toContainText('the chair');
		await expectAccessible(chair);
		await chair.context().close();
	});

	test('the school reads its self, moderated and agreed grades', async ({ browser, ids }) => {
		const lead = await personIn(browser, castleHill('lead'));
		await lead.goto(`/organisations/${ids.organisations[SCHOOL]}`);
		await expect(lead.getByRole('region', { name: 'Changes requested' })).toHaveCount(0);
		await lead.getByRole('link', { name: /^Schools safeguarding audit \d{4} for .*: moderated and agreed grades$/ }).click();
		const table = lead.getByRole('table', { name: 'Self, moderated and agreed grade per standard' });
		const a = table.locator('tbody tr').filter({ has: lead.getByRole('rowheader', { name: /^A / }) });
		await expect(a.locator('td')).toHaveText([/.+/, /^Yes\s*The amended narrative shows governors following up each termly report\.$/, /^Yes/]);
		await expectAccessible(lead);
		await lead.context().close();
	});

	test('the chair plans a challenge event, invites the school from the suggestions, reads its pack and records its session', async ({ browser }) => {
		test.setTimeout(120_000);
		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(seen.workspace);
		await chair.getByRole('link', { name: 'Challenge events of this cycle' }).click();
		await chair.getByRole('link', { name: 'Plan a challenge event' }).click();
		await chair.getByLabel('Title').fill(EVENT);
		await fillDate(chair, 'Date', inDays(20));
		await chair.getByLabel('Start time').fill('9:30am');
		await chair.getByLabel('End time').fill('12:30');
		await chair.getByLabel('Room').fill('Committee Room 1, Northmere Civic Centre');
		await chair.getByLabel('Agenda').fill('Each school presents how governors follow up the DSL’s reports.');
		await chair.getByRole('button', { name: 'Create event' }).click();
		await expect(chair.getByRole('heading', { level: 1 })).toContainText(EVENT);
		await expectAccessible(chair);

		await chair.getByRole('link', { name: 'Invite organisations' }).click();
		const row = chair.getByRole('row').filter({ hasText: SCHOOL });
		await expect(row, 'suggested, with its reasons in words').toContainText(/\w/);
		await expectAccessible(chair);
		await chair.getByLabel(`Invite ${SCHOOL}`).check();
		await chair.getByRole('button', { name: 'Invite and send calendar invitations' }).click();
		await expect(chair.getByText('Organisations invited. Their leads have been sent the calendar invitation.')).toBeVisible();
		await expectAccessible(chair);

		await chair.getByRole('link', { name: SCHOOL }).click();
		await expect(chair.getByRole('heading', { level: 1 })).toHaveText(SCHOOL);
		const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByRole('link', { name: /^Pre-read pack \(PDF\)/ }).click()]);
		const pack = execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		expect(pack).toContain(`Pre-read pack: ${SCHOOL}`);
		expect(pack).toContain('The amended narrative shows governors following up each termly report.');

		await chair.getByLabel('Who attended for the organisation').fill('Headteacher and the safeguarding governor');
		const q = chair.getByRole('group', { name: 'Question 1' });
		await q.getByLabel('Question').fill('How do governors check the DSL’s actions were done?');
		await q.getByLabel('Answer').fill('The safeguarding governor samples three actions each term.');
		await chair.getByRole('group', { name: 'Outcome' }).getByLabel('Partly assured').check();
		const a = chair.getByRole('group', { name: /^Standard A:/ });
		await a.getByLabel('Agreed grade for standard A').selectOption({ label: 'Partly' });
		await a.getByLabel('Why (optional)').fill('The sampling has started but no term’s results are in yet.');
		await chair.getByRole('button', { name: 'Save record' }).click();
		await expect(chair.getByText('Record saved.')).toBeVisible();
		await expect(a).toContainText('agreed now: Partly');
		await expectAccessible(chair);

		await chair.getByLabel('Standard (optional)').selectOption('A');
		await chair.getByLabel('The challenge').fill(CHALLENGE);
		await fillDate(chair, 'Answer due by', inDays(60));
		await chair.getByRole('button', { name: 'Raise challenge' }).click();
		await expect(chair.getByText('Challenge raised and added to the challenge log.')).toBeVisible();
		await chair.getByRole('link', { name: /^Standard A: Send the first term’s sampling/ }).click();
		await expect(chair.getByTestId('challenge-text')).toHaveText(CHALLENGE);
		seen.challenge = new URL(chair.url()).pathname;
		await expectAccessible(chair);
		await chair.context().close();
	});

	test('the school sees its slot and its agreed grade, and answers the challenge; the chair accepts the answer', async ({ browser, ids }) => {
		const lead = await personIn(browser, castleHill('lead'));
		await lead.goto('/home');
		await lead.getByRole('link', { name: EVENT }).click();
		await expect(lead.getByRole('heading', { level: 1 })).toHaveText(`Your slot at ${EVENT}`);
		await expect(lead.locator('main')).toContainText('Each school presents how governors follow up the DSL’s reports.');
		await expectAccessible(lead);

		await lead.goto(`/organisations/${ids.organisations[SCHOOL]}`);
		await lead.getByRole('link', { name: /^Schools safeguarding audit \d{4} for .*: moderated and agreed grades$/ }).click();
		const a = lead.getByRole('table', { name: 'Self, moderated and agreed grade per standard' }).locator('tbody tr').filter({ has: lead.getByRole('rowheader', { name: /^A / }) });
		await expect(a.locator('td').nth(2), 'agreed at the event').toHaveText(/^Partly\s*The sampling has started/);

		await lead.goto(`/organisations/${ids.organisations[SCHOOL]}/challenges`);
		await lead.getByRole('link', { name: /Send the first term’s sampling/ }).click();
		await expect(lead.getByTestId('challenge-text')).toHaveText(CHALLENGE);
		await expectAccessible(lead);
		await lead.getByLabel('Your answer').fill('The autumn term’s sample of three actions is attached to the governors’ minutes: all three were done.');
		await lead.getByRole('button', { name: 'Send answer' }).click();
		await expect(lead.getByText('Your answer has been sent to the partnership')).toBeVisible();
		await lead.context().close();

		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(seen.challenge);
		await expect(chair.getByTestId('challenge-history')).toContainText('all three were done');
		await chair.getByLabel('Accept the answer').check();
		await chair.getByRole('button', { name: 'Record decision' }).click();
		await expect(chair.getByTestId('challenge-status')).toContainText('Answer accepted');
		await expectAccessible(chair);
		await chair.context().close();
	});

	test('the chair drafts and issues the school’s feedback letter, and its lead downloads it from the home page', async ({ browser }) => {
		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(seen.workspace.replace(/\/moderation$/, ''));
		await chair.getByRole('link', { name: 'Feedback letters for this cycle' }).click();
		await expect(chair.locator('h1')).toHaveText('Feedback letters');
		const row = chair.locator('tr', { hasText: SCHOOL });
		await expect(row).toContainText('Not drafted');
		await chair.getByRole('button', { name: /Draft letters/ }).click();
		await expect(row).toContainText('Draft');
		await expectAccessible(chair);
		await row.getByRole('link', { name: new RegExp(SCHOOL) }).click();
		await expect(chair.locator('h1')).toHaveText(`Feedback letter: ${SCHOOL}`);
		const grades = chair.getByRole('table', { name: /Grades per standard/ });
		await expect(grades.locator('tr', { has: chair.getByText(/^A\b/) }).first(), 'the grade agreed at the event').toContainText('Partly');
		await chair.getByLabel('I have checked the wording and the grades, and the letter is ready to issue').check();
		await chair.getByRole('button', { name: 'Issue letter' }).click();
		await expect(chair.locator('.govuk-notification-banner')).toContainText('The letter has been issued');
		await expectAccessible(chair);
		await chair.context().close();

		const lead = await personIn(browser, castleHill('lead'));
		await lead.goto('/home');
		const letter = lead.getByTestId('issued-letter').filter({ hasText: 'Schools safeguarding audit' });
		await expect(letter).toContainText('Feedback letter from Northmere');
		await expectAccessible(lead);
		const [download] = await Promise.all([lead.waitForEvent('download'), letter.getByRole('link', { name: /^PDF/ }).click()]);
		const text = execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		expect(text).toContain(SCHOOL);
		expect(text).toContain('Independent Chair');
		expect(text, 'the challenge from the event').toContain('Send the first term’s sampling');
		await lead.context().close();
	});
});

// Last year's council children's services: assigned to the demo moderator and
// in progress (every standard graded by the seed); no other spec opens it.
const COUNCIL = 'Northmere Council Children’s Services';

/** The label of a grade on the standard's scale that is not the one chosen now. */
async function anotherGrade(section: Locator): Promise<string> {
	for (const item of await section.getByRole('group', { name: 'Moderated grade' }).locator('.govuk-radios__item').all()) {
		if (!(await item.getByRole('radio').isChecked())) return (await item.locator('label').innerText()).trim();
	}
	throw new Error('no other grade to choose');
}

/** The council's moderation page, opened from the workspace as this person. */
async function councilModeration(page: Page, ids: { partnerships: { northmere: string }; pastS11Northmere: string }) {
	await page.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/moderation`);
	await page.getByRole('link', { name: COUNCIL }).click();
	await expect(page.locator('h1')).toHaveText(`Moderate ${COUNCIL}`);
}

/** The chair and the moderator, each in a browser of their own, on the council's moderation page. */
async function chairAndModerator(browser: Browser, ids: Parameters<typeof councilModeration>[1]) {
	const chair = await personIn(browser, ACTORS.nm_chair);
	const moderator = await personIn(browser, ACTORS.nm_moderator);
	await councilModeration(chair, ids);
	await councilModeration(moderator, ids);
	return { chair, moderator };
}

test.describe('two people on one moderation', () => {
	test('the second save meets the first as a conflict, and “Save my version” then saves it', async ({ browser, ids }) => {
		const { chair, moderator } = await chairAndModerator(browser, ids);

		const theirs = 'The chair: the multi-agency audit of strategy discussions supports this grade.';
		const mine = 'The moderator: supervision records sampled in the visit support this grade.';
		await autosaved(chair, standard(chair, '4'), () => standard(chair, '4').getByLabel('Rationale for the moderated grade').fill(theirs));

		const section = standard(moderator, '4');
		const refused = moderator.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === '?/saveStandard');
		await section.getByLabel('Rationale for the moderated grade').fill(mine);
		await refused;
		const banner = section.getByRole('region', { name: 'Someone else changed standard 4' });
		await expect(banner.getByRole('heading', { name: 'Changed by someone else' })).toBeVisible();
		await expect(banner).toContainText(theirs);
		await expect(statusOf(section)).toHaveText('Not saved: someone else changed this. See below.');
		await expect(section.getByLabel('Rationale for the moderated grade')).toHaveValue(mine);
		await expectAccessible(moderator);

		await autosaved(moderator, section, () => banner.getByRole('button', { name: 'Save my version' }).click());
		await expect(banner).toHaveCount(0);
		await chair.reload();
		await expect(standard(chair, '4').getByLabel('Rationale for the moderated grade')).toHaveValue(mine);
		await moderator.reload();
		await expect(standard(moderator, '4').getByLabel('Rationale for the moderated grade')).toHaveValue(mine);
		await chair.context().close();
		await moderator.context().close();
	});

	test('“Keep their version” puts their grade and rationale in the form', async ({ browser, ids }) => {
		const { chair, moderator } = await chairAndModerator(browser, ids);

		const theirs = 'The chair: no evidence of the escalation policy being used; not met.';
		const c = standard(chair, '5');
		const theirGrade = await anotherGrade(c);
		await autosaved(chair, c, () => c.getByRole('group', { name: 'Moderated grade' }).getByLabel(theirGrade, { exact: true }).check());
		await autosaved(chair, c, () => c.getByLabel('Rationale for the moderated grade').fill(theirs));

		const section = standard(moderator, '5');
		const refused = moderator.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === '?/saveStandard');
		await section.getByLabel('Rationale for the moderated grade').fill('The moderator’s rationale, given up for the chair’s.');
		await refused;
		const banner = section.getByRole('region', { name: 'Someone else changed standard 5' });
		await banner.getByRole('button', { name: 'Keep their version' }).click();
		await expect(banner).toHaveCount(0);
		await expect(section.getByLabel('Rationale for the moderated grade')).toHaveValue(theirs);
		await expect(section.getByRole('group', { name: 'Moderated grade' }).getByLabel(theirGrade, { exact: true })).toBeChecked();

		// What is in the form now is theirs, as stored: leaving does not warn, and a reload shows the same.
		const dialogs: string[] = [];
		moderator.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		await moderator.getByRole('link', { name: /^Moderation of / }).click();
		await expect(moderator.locator('h1')).toHaveText('Moderation');
		expect(dialogs).toEqual([]);
		await chair.context().close();
		await moderator.context().close();
	});

	test('the review meets the same rule: theirs shown beside yours, and “Keep their version” puts theirs in the form', async ({ browser, ids }) => {
		const { chair, moderator } = await chairAndModerator(browser, ids);
		const theirs = 'The chair: the return is complete and its grades are justified by the audits it cites.';
		const chairReview = chair.locator('section#review');
		await autosaved(chair, chairReview, () => chairReview.getByLabel('Overall comment').fill(theirs), 'saveReview');

		const review = moderator.locator('section#review');
		const refused = moderator.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search === '?/saveReview');
		await review.getByLabel('Overall comment').fill('The moderator’s overall comment, given up for the chair’s.');
		await refused;
		const banner = review.getByRole('region', { name: 'Someone else changed the review' });
		await expect(banner.getByRole('heading', { name: 'Changed by someone else' })).toBeVisible();
		await expect(banner).toContainText(theirs);
		await expectAccessible(moderator);
		await banner.getByRole('button', { name: 'Keep their version' }).click();
		await expect(banner).toHaveCount(0);
		await expect(review.getByLabel('Overall comment')).toHaveValue(theirs);
		await moderator.reload();
		await expect(moderator.locator('section#review').getByLabel('Overall comment')).toHaveValue(theirs);
		await chair.context().close();
		await moderator.context().close();
	});

	test('once autosave has saved everything, leaving the page does not warn', async ({ browser, ids }) => {
		const moderator = await personIn(browser, ACTORS.nm_moderator);
		await councilModeration(moderator, ids);
		const dialogs: string[] = [];
		moderator.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		const s = standard(moderator, '7');
		await autosaved(moderator, s, () => s.getByLabel('Rationale for the moderated grade').fill('Saved by autosave, then the moderator goes back to the workspace.'));
		const review = moderator.locator('section#review');
		await autosaved(moderator, review, () => review.getByLabel('Overall comment').fill('Saved by autosave too.'), 'saveReview');
		await moderator.getByRole('link', { name: /^Moderation of / }).click();
		await expect(moderator.locator('h1')).toHaveText('Moderation');
		expect(dialogs).toEqual([]);
		await moderator.context().close();
	});
});

test('without JavaScript, “Save standard N” saves the standard and says so', async ({ browser, ids }) => {
	const moderator = await personIn(browser, ACTORS.nm_moderator, { javaScriptEnabled: false });
	await councilModeration(moderator, ids);
	const rationale = 'Saved without JavaScript: the case audit sample supports this grade.';
	const section = standard(moderator, '6');
	const chosen = await anotherGrade(section);
	await section.getByRole('group', { name: 'Moderated grade' }).getByLabel(chosen, { exact: true }).check();
	await section.getByLabel('Rationale for the moderated grade').fill(rationale);
	await section.getByRole('button', { name: 'Save standard 6' }).click();
	await expect(moderator.locator('h1')).toHaveText(`Moderate ${COUNCIL}`);
	await expect(statusOf(standard(moderator, '6'))).toHaveText(SAVED_AT);
	await moderator.goto(moderator.url().replace(/\?.*$/, ''));
	await expect(standard(moderator, '6').getByLabel('Rationale for the moderated grade')).toHaveValue(rationale);
	await expect(standard(moderator, '6').getByRole('group', { name: 'Moderated grade' }).getByLabel(chosen, { exact: true })).toBeChecked();
	await moderator.context().close();
});

test.describe('errors in the moderation forms', () => {
	/** The error summary's link for `message`, and the field it lands on. */
	async function summaryLinkTo(page: Page, message: string, { javaScript = true } = {}): Promise<Locator> {
		const summary = page.locator('.govuk-error-summary');
		// Without JavaScript nothing moves focus: the link still has to land on the field.
		if (javaScript) await expect(summary).toBeFocused();
		const href = await summary.getByRole('link', { name: message }).getAttribute('href');
		expect(href).toMatch(/^#./);
		const target = page.locator(href!);
		await expect(target, `the summary's link ${href} lands on a field`).toHaveCount(1);
		await summary.getByRole('link', { name: message }).click();
		if (javaScript) await expect(target).toBeFocused();
		return target;
	}

	test('a rationale too long, saved without JavaScript, is linked from the summary and kept', async ({ browser, ids }) => {
		const moderator = await personIn(browser, ACTORS.nm_moderator, { javaScriptEnabled: false });
		await councilModeration(moderator, ids);
		const tooLong = `${'The case audit sampled twelve strategy discussions. '.repeat(100)}`.slice(0, 5001);
		await standard(moderator, '2').getByLabel('Rationale for the moderated grade').fill(tooLong);
		await standard(moderator, '2').getByRole('button', { name: 'Save standard 2' }).click();
		const field = await summaryLinkTo(moderator, 'The rationale must be 5,000 characters or fewer', { javaScript: false });
		await expect(field).toHaveValue(tooLong);
		await expect(standard(moderator, '2').locator('.govuk-error-message')).toContainText('The rationale must be 5,000 characters or fewer');
		await moderator.context().close();
	});

	test('an agreed grade without a reason is linked from the summary', async ({ browser, ids }) => {
		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/moderation`);
		await chair.getByRole('link', { name: 'Mercia Vale Ambulance Service NHS Trust' }).click();
		await expect(chair.locator('.govuk-summary-list__row', { hasText: 'Status' })).toContainText('Accepted');
		await expectAccessible(chair);
		await chair.locator('#agree-1').getByLabel('Why this grade was agreed').fill('');
		await chair.getByRole('button', { name: 'Save agreed grade for 1' }).click();
		await summaryLinkTo(chair, 'Say why this grade was agreed');
		await chair.context().close();
	});

	test('assigning with nothing chosen is linked from the summary to the first submission’s box', async ({ browser, ids }) => {
		const chair = await personIn(browser, ACTORS.nm_chair);
		await chair.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/moderation`);
		await chair.locator('#moderatorId').selectOption({ label: MODERATOR_NAME });
		await chair.getByRole('button', { name: 'Assign', exact: true }).click();
		const box = await summaryLinkTo(chair, 'Choose at least one submission to assign');
		await expect(box).toHaveAttribute('type', 'checkbox');
		await expectAccessible(chair);
		await chair.context().close();
	});
});

test('requesting changes straight after typing what to change sends what was typed', async ({ browser, ids }) => {
	// Eastbrook's chair, on the ambulance trust's return to Eastbrook: no other spec moderates Eastbrook's returns.
	// Its latest version, through the workspace: the evidence specs send the trust's return again.
	const chair = await personIn(browser, ACTORS.eb_chair);
	await chair.goto(`/partnerships/${ids.partnerships.eastbrook}/cycles/${ids.cycles.s11Eastbrook}/moderation`);
	await chair.getByRole('link', { name: 'Mercia Vale Ambulance Service NHS Trust', exact: true }).click();
	await expect(chair.locator('h1')).toHaveText('Moderate Mercia Vale Ambulance Service NHS Trust');
	const ask = 'Typed and sent at once: add the supervision audit.';
	await standard(chair, '1').getByLabel('What the organisation should change (if you request changes)').fill(ask);
	await chair.getByRole('button', { name: 'Request changes' }).click();
	await expect(chair.getByText('Changes requested: the organisation has been told.')).toBeVisible();
	await chair.reload();
	await expect(standard(chair, '1').getByLabel('What the organisation should change (if you request changes)')).toHaveValue(ask);
	await chair.context().close();
});
