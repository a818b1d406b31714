// An agency that works with two partnerships answers once, with the keyboard
// only: the police lead completes the Section 11 return (Tab to each grade,
// arrow keys to choose it, typing the narrative), the executive lead signs it
// off, and the lead submits it to the Northmere and Eastbrook cycles in one go.
// Both business units then see the force as submitted.
import type { Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, test } from './fixtures';
import { autosaved, focusedIsChecked, focusedName, personIn, requirement, requirementCodes, SAVED_AT, savedState, tabTo } from './returns';

const POLICE = 'Mercia Vale Police';
const COMMUNITY_HEALTH = 'Mercia Vale Community Health NHS Trust';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every fourth requirement needs improvement; the rest are good. */
const gradeFor = (index: number) => (index % 4 === 3 ? 'Requires improvement' : 'Good');
const narrativeFor = (code: string) =>
	`${code}: reviewed this year by the force safeguarding board; policy, audit results and staff survey uploaded as evidence, with gaps on the action plan.`;

/**
 * Tabs to a requirement's grade (the radio group announces "Grade for 1.1"),
 * then moves through the grades with the arrow keys until the one wanted is
 * chosen. Each arrow press chooses a grade and autosaves it: wait for each save
 * before the next press, as someone watching the page would.
 */
async function chooseGrade(page: Page, code: string, grade: string) {
	await tabTo(page, new RegExp(`^Grade for ${escape(code)} `));
	for (let presses = 0; presses <= 4; presses++) {
		if ((await focusedName(page)).startsWith(`Grade for ${code} ${grade}:`)) {
			// Tab lands on the chosen grade, or on the first when there is none: Space chooses it.
			if (!(await focusedIsChecked(page))) await autosaved(page, code, () => page.keyboard.press('Space'));
			return;
		}
		await autosaved(page, code, () => page.keyboard.press('ArrowDown'));
	}
	throw new Error(`could not choose ${grade} for ${code} with the arrow keys`);
}

/** Tabs to the narrative, replaces it by typing, and Tabs away, which autosaves it. */
async function writeNarrative(page: Page, code: string, text: string) {
	await tabTo(page, new RegExp(`^Narrative for ${escape(code)}( |$)`));
	await page.keyboard.press('Control+A');
	await page.keyboard.type(text);
	await autosaved(page, code, () => page.keyboard.press('Tab'));
}

/** From the organisation's home page, by keyboard, to the Section 11 return's task list. */
async function openReturnByKeyboard(page: Page, organisationId: string) {
	await page.goto(`/organisations/${organisationId}`);
	await tabTo(page, /^Continue Section 11 audit /);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
	await expect(page.locator('h1')).toHaveText('West Midlands Section 11 self-assessment');
}

async function openCheckPageByKeyboard(page: Page) {
	await tabTo(page, /^Check your answers$/);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/check$/);
	await expect(page.locator('h1')).toHaveText('Check your answers');
}

test('the police lead completes, the director signs off and the lead submits to both partnerships, with the keyboard only', async ({ browser, ids }) => {
	test.setTimeout(300_000);
	const police = ids.organisations[POLICE];

	const lead = await personIn(browser, ACTORS.police_lead);
	await openReturnByKeyboard(lead, police);
	await expect(lead.getByText(/^\d+ of 53 requirements complete\./)).toBeVisible();

	// Standard 1 from the task list, then each next standard with the page's own save button.
	await tabTo(lead, /^1\. Leadership and Accountability/);
	await lead.keyboard.press('Enter');
	let answered = 0;
	for (let standard = 1; standard <= 7; standard++) {
		await expect(lead.locator('h1')).toHaveText(new RegExp(`^${standard}\\. `));
		for (const code of await requirementCodes(lead)) {
			await chooseGrade(lead, code, gradeFor(answered));
			await writeNarrative(lead, code, narrativeFor(code));
			await expect(requirement(lead, code).getByText('Complete', { exact: true })).toBeVisible();
			answered++;
		}
		await tabTo(lead, standard < 7 ? /^Save and go to the next standard$/ : /^Save and return to all standards$/);
		await lead.keyboard.press('Enter');
		if (standard < 7) await expect(lead.locator('h1')).toHaveText(new RegExp(`^${standard + 1}\\. `));
	}
	expect(answered).toBe(53);
	await lead.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
	await expect(lead.getByText('53 of 53 requirements complete.', { exact: false })).toBeVisible();

	// The check page: for each cycle, only the executive lead's sign-off is missing.
	await openCheckPageByKeyboard(lead);
	const blockers = lead.locator('.govuk-inset-text', { hasText: 'to finish before you can submit to' });
	await expect(blockers).toHaveCount(2);
	for (const block of await blockers.all()) {
		await expect(block.getByRole('heading')).toHaveText(/^1 thing to finish before you can submit to Section 11 audit .+ for (Northmere|Eastbrook) Safeguarding Children Partnership$/);
		await expect(block.getByRole('listitem')).toHaveText(
			/^(Sign-off by the executive lead for safeguarding is needed|The return has changed since .+ signed it as executive lead for safeguarding: they need to sign again)$/
		);
	}

	// The director signs off in her own browser, keyboard only, from the return waiting on her home page.
	const director = await personIn(browser, ACTORS.police_signatory);
	await director.goto('/home');
	await tabTo(director, new RegExp(`^West Midlands Section 11 self-assessment: ${escape(POLICE)}$`));
	await director.keyboard.press('Enter');
	await director.waitForURL(/\/check$/);
	await expect(director.locator('h1')).toHaveText('Check your answers');
	await tabTo(director, /^Your full name/);
	expect(await director.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('ACC Fiona Grant');
	await tabTo(director, /^Your job title \(optional\)/);
	await director.keyboard.type('Assistant Chief Constable');
	await tabTo(director, /^I have read this self-assessment and confirm it is an accurate account of our arrangements$/);
	await director.keyboard.press('Space');
	await expect(director.getByLabel('I have read this self-assessment and confirm it is an accurate account of our arrangements')).toBeChecked();
	await tabTo(director, /^Sign off$/);
	await director.keyboard.press('Enter');
	await expect(director.locator('.govuk-notification-banner')).toContainText('You have signed off the self-assessment.');
	await expect(director.locator('.govuk-summary-list__row', { hasText: 'Executive lead for safeguarding' })).toContainText(
		'Signed by ACC Fiona Grant, Assistant Chief Constable'
	);
	await director.context().close();

	// The lead ticks both cycles and submits once.
	await lead.reload();
	await expect(blockers).toHaveCount(0);
	const northmere = lead.getByRole('checkbox', { name: /^Section 11 audit .+ \(Northmere Safeguarding Children Partnership\)$/ });
	const eastbrook = lead.getByRole('checkbox', { name: /^Section 11 audit .+ \(Eastbrook Safeguarding Children Partnership\)$/ });
	// With two cycles, neither is ticked for you.
	await expect(northmere).not.toBeChecked();
	await expect(eastbrook).not.toBeChecked();
	await tabTo(lead, /^Submit to Section 11 audit .+ \(Northmere Safeguarding Children Partnership\)$/);
	await lead.keyboard.press('Space');
	await tabTo(lead, /^Submit to Section 11 audit .+ \(Eastbrook Safeguarding Children Partnership\)$/);
	await lead.keyboard.press('Space');
	await expect(northmere).toBeChecked();
	await expect(eastbrook).toBeChecked();
	await tabTo(lead, /^Submit self-assessment$/);
	await lead.keyboard.press('Enter');

	await lead.waitForURL(/\/submissions\/[0-9a-f-]{36}\?submitted=/);
	const panel = lead.locator('.govuk-panel--confirmation');
	await expect(panel.getByRole('heading')).toHaveText('Self-assessment submitted');
	await expect(panel).toContainText('Sent to 2 cycles.');
	// Each cycle's copy is a link of its own, not only the one shown.
	await expect(lead.getByRole('link', { name: /^Section 11 audit .+ for (Northmere|Eastbrook) Safeguarding Children Partnership, version 1$/ })).toHaveCount(2);
	await expectAccessible(lead);
	await lead.context().close();

	// Each partnership's business unit sees the force as submitted in its own cycle.
	for (const [actor, partnership, partnershipId, cycleId] of [
		[ACTORS.eb_bu, 'Eastbrook Safeguarding Children Partnership', ids.partnerships.eastbrook, ids.cycles.s11Eastbrook],
		[ACTORS.nm_bu, 'Northmere Safeguarding Children Partnership', ids.partnerships.northmere, ids.cycles.s11Northmere]
	] as const) {
		const bu = await personIn(browser, actor);
		await bu.goto(`/partnerships/${partnershipId}/cycles/${cycleId}`);
		await expect(bu.locator('h1')).toHaveText(/^Section 11 audit /);
		const row = bu.getByRole('row', { name: new RegExp(POLICE) });
		await expect(row.getByRole('cell').nth(2)).toHaveText('Submitted');
		await row.getByRole('link', { name: `Version 1 from ${POLICE}` }).click();
		await bu.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
		await expect(bu.getByText(`${POLICE} · ${partnership}`)).toBeVisible();
		await expect(bu.locator('.govuk-summary-list__row', { hasText: 'Signed off by' })).toContainText('ACC Fiona Grant, Assistant Chief Constable');
		const row71 = bu.locator('.govuk-summary-list__row', { has: bu.locator('dt', { hasText: /^7\.1 / }) });
		await expect(row71.locator('dd')).toContainText(narrativeFor('7.1'));
		await bu.context().close();
	}
});

/** The NHS trust's Section 11 return (untouched by the other specs), opened at one standard. */
async function communityHealthStandard(page: Page, organisationId: string, standard: string) {
	await page.goto(`/organisations/${organisationId}`);
	// Both its partnerships' cycles lead to the same live return.
	const href = await page.getByRole('link', { name: /^Continue Section 11 audit / }).first().getAttribute('href');
	await page.goto(`${href}/standards/${standard}`);
	await expect(page.locator('h1')).toHaveText(new RegExp(`^${standard}\\. `));
}

// Arrow keys choose a new grade on every press, so a keyboard user can make two
// changes within one autosave round trip. Saves of one answer are queued: the
// last choice is stored, and nobody is told they conflicted with themselves.
test('choosing a grade with the arrow keys faster than autosave answers keeps the grade finally chosen', async ({ browser, ids }) => {
	const page = await personIn(browser, ACTORS.nhs_lead);
	await communityHealthStandard(page, ids.organisations[COMMUNITY_HEALTH], '6');
	const code = '6.2';

	// A connection slower than the keyboard: saves reach the server one after
	// another, in the order they were sent, and only once both keys are pressed.
	let release!: () => void;
	let inOrder = new Promise<void>((resolve) => (release = resolve));
	await page.route(`**/responses/${code}`, async (route) => {
		const previous = inOrder;
		let done!: () => void;
		inOrder = new Promise<void>((resolve) => (done = resolve));
		await previous;
		try {
			await route.fulfill({ response: await route.fetch() });
		} finally {
			done();
		}
	});
	await tabTo(page, new RegExp(`^Grade for ${escape(code)} `));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	const chosen = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
	release();

	// What the server holds, read afresh (requests from page.request are not held back).
	const storedGrade = async () => {
		const html = await (await page.request.get(page.url())).text();
		const input = (html.match(/<input[^>]*>/g) ?? []).find((tag) => tag.includes(`name="grade-${code}"`) && /\schecked[\s>=]/.test(tag));
		return input?.match(/value="([^"]*)"/)?.[1] ?? null;
	};
	await expect.poll(storedGrade, { message: 'the grade stored is the one chosen last' }).toBe(chosen);
	await expect(savedState(page, code)).toHaveText(SAVED_AT);
	await expect(requirement(page, code).getByRole('region', { name: 'Someone else changed this answer' })).toHaveCount(0);
	await page.context().close();
});

// Keyboard users tab through every field; leaving one unchanged must not
// confirm a carried-forward answer: only a change or the tick does.
test('tabbing through a carried-forward answer without changing it leaves it waiting for review', async ({ browser, ids }) => {
	const page = await personIn(browser, ACTORS.nhs_lead);
	await communityHealthStandard(page, ids.organisations[COMMUNITY_HEALTH], '7');
	const code = '7.1';
	await expect(requirement(page, code).getByText('Carried forward: review')).toBeVisible();

	await tabTo(page, new RegExp(`^Narrative for ${escape(code)}( |$)`));
	await page.keyboard.press('Tab');
	// Let any autosave the blur started finish before looking again.
	await expect(savedState(page, code)).not.toHaveText('Saving…');
	await page.reload();
	await expect(requirement(page, code).getByText('Carried forward: review')).toBeVisible();
	await expect(requirement(page, code).getByLabel('I have reviewed this answer and it is still right')).toBeVisible();
	await page.context().close();
});
