// A school's whole year, end to end: the designated safeguarding lead finishes
// Oakfield Primary School's Section 175/157 return (answering some
// requirements afresh, marking one not applicable with a reason and
// confirming the answers carried forward from last year), the headteacher and
// the governor each sign it off in their own browser, the DSL submits it, and
// the Northmere business unit finds it in the cycle and reads the snapshot.
import type { Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, test } from './fixtures';
import { autosaved, personIn, requirement, requirementCodes } from './returns';

const SCHOOL = 'Oakfield Primary School';
/** Oakfield does not let its premises: the one requirement the DSL marks not applicable. */
const NOT_APPLICABLE_CODE = 'M.4';
const NOT_APPLICABLE_REASON = 'The school does not let its premises to any other organisation or individual.';
const GRADES = ['Yes', 'Yes', 'Partly', 'Yes', 'No'] as const;
const REVIEWED = 'I have reviewed this answer and it is still right';

const narrativeFor = (code: string) => `${code}: checked by the DSL this term and seen by the safeguarding governor on a visit.`;

/** Chooses a grade and writes the narrative for one requirement, waiting for each autosave. */
async function answer(page: Page, code: string, grade: string, narrative: string) {
	const section = requirement(page, code);
	const radio = section.getByLabel(grade, { exact: true });
	if (!(await radio.isChecked())) await autosaved(page, code, () => radio.check());
	const field = section.getByLabel(`Narrative for ${code}`);
	await field.fill(narrative);
	await autosaved(page, code, () => field.blur());
	await expect(section.getByText('Complete', { exact: true })).toBeVisible();
}

/** Marks one requirement not applicable and says why. */
async function answerNotApplicable(page: Page, code: string, reason: string) {
	const section = requirement(page, code);
	const radio = section.getByLabel(/^Not applicable/);
	if (!(await radio.isChecked())) await autosaved(page, code, () => radio.check());
	const field = section.getByLabel('If not applicable, why not?');
	await field.fill(reason);
	await autosaved(page, code, () => field.blur());
	await expect(section.getByText('Complete', { exact: true })).toBeVisible();
}

/** Confirms an answer carried forward from last year without changing it. */
async function confirmCarriedForward(page: Page, code: string) {
	const section = requirement(page, code);
	await expect(section.getByText('Carried forward: review')).toBeVisible();
	// Ticking it saves at once, and the box goes: the answer is no longer waiting for review.
	await autosaved(page, code, () => section.getByLabel(REVIEWED).click());
	await expect(section.getByText('Complete', { exact: true })).toBeVisible();
	await expect(section.getByLabel(REVIEWED)).toBeHidden();
}

/**
 * Completes every requirement on the open standard page: the one not
 * applicable, carried-forward answers confirmed, the rest answered afresh.
 * Returns how many of each it did.
 */
async function completeStandard(page: Page) {
	const done = { answered: 0, confirmed: 0, notApplicable: 0 };
	for (const code of await requirementCodes(page)) {
		if (code === NOT_APPLICABLE_CODE) {
			await answerNotApplicable(page, code, NOT_APPLICABLE_REASON);
			done.notApplicable++;
		} else if (await requirement(page, code).getByLabel(REVIEWED).isVisible()) {
			await confirmCarriedForward(page, code);
			done.confirmed++;
		} else {
			await answer(page, code, GRADES[done.answered % GRADES.length], narrativeFor(code));
			done.answered++;
		}
	}
	return done;
}

/** From the organisation's home page to the return's task list, as its people would go. */
async function openReturn(page: Page, organisationId: string) {
	await page.goto(`/organisations/${organisationId}`);
	await page.getByRole('link', { name: /^Continue Schools safeguarding audit \d{4}$/ }).click();
	await page.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
	await expect(page.locator('h1')).toHaveText('Section 175/157 schools safeguarding audit');
}

/** A signatory signs the return off from the check page, reached from their home page, in their own browser. */
async function signOff(page: Page, jobTitle: string) {
	await page.goto('/home');
	await page.getByRole('link', { name: `Section 175/157 schools safeguarding audit: ${SCHOOL}` }).click();
	await expect(page.locator('h1')).toHaveText('Check your answers');
	// A signatory signs; only the lead submits.
	await expect(page.getByRole('button', { name: 'Submit self-assessment' })).toHaveCount(0);
	await page.getByLabel('Your job title (optional)').fill(jobTitle);
	await page.getByLabel('I have read this self-assessment and confirm it is an accurate account of our arrangements').check();
	await page.getByRole('button', { name: 'Sign off' }).click();
	await expect(page.locator('.govuk-notification-banner')).toContainText('You have signed off the self-assessment.');
	// Signed as it stands: the form goes.
	await expect(page.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
}

test('the DSL completes the schools return, the headteacher and governor sign it off, the DSL submits it and the business unit reads it', async ({ browser, ids }) => {
	test.setTimeout(180_000);
	const school = ids.organisations[SCHOOL];

	// The DSL finds the return part-way, with answers carried forward from last year.
	const dsl = await personIn(browser, ACTORS.school_lead);
	await openReturn(dsl, school);
	await expect(dsl.locator('.govuk-notification-banner')).toContainText('carried forward from your last return');
	await expect(dsl.getByText(/^\d+ of 64 requirements complete\./)).not.toHaveText(/^64 of 64/);
	await expectAccessible(dsl);

	// Standard by standard, saving and moving on with the page's own button.
	await dsl.getByRole('link', { name: /^A\. / }).click();
	const totals = { answered: 0, confirmed: 0, notApplicable: 0 };
	let checkedStandardPage = false;
	for (;;) {
		await expect(dsl.locator('h1')).toHaveText(/^[A-N]\. /);
		if (!checkedStandardPage) {
			await expectAccessible(dsl);
			checkedStandardPage = true;
		}
		const done = await completeStandard(dsl);
		totals.answered += done.answered;
		totals.confirmed += done.confirmed;
		totals.notApplicable += done.notApplicable;
		const last = await dsl.getByRole('button', { name: 'Save and return to all standards' }).isVisible();
		const heading = await dsl.locator('h1').textContent();
		await dsl.getByRole('button', { name: last ? 'Save and return to all standards' : 'Save and go to the next standard' }).click();
		if (last) break;
		await expect(dsl.locator('h1')).not.toHaveText(heading!);
	}
	expect(totals.answered + totals.confirmed + totals.notApplicable).toBe(64);
	expect(totals.notApplicable).toBe(1);
	expect(totals.confirmed, 'the demo return has answers carried forward to confirm').toBeGreaterThan(0);
	expect(totals.answered, 'the demo return has fresh answers to update').toBeGreaterThan(0);

	// Back on the task list: every standard complete.
	await dsl.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
	await expect(dsl.getByText('64 of 64 requirements complete.', { exact: false })).toBeVisible();
	await expect(dsl.locator('.govuk-task-list__status')).toHaveText(Array(14).fill('Completed'));

	// Check your answers: nothing blocks the submission except the two sign-offs.
	await dsl.getByRole('link', { name: 'Check your answers' }).click();
	await expect(dsl.locator('h1')).toHaveText('Check your answers');
	const blockers = dsl.locator('.govuk-inset-text', { hasText: 'to finish before you can submit to' });
	await expect(blockers.getByRole('heading')).toHaveText(/^2 things to finish before you can submit to Schools safeguarding audit \d{4} for Northmere Safeguarding Children Partnership$/);
	// Last year's signatures are on the return but no longer count: it has changed since.
	await expect(blockers.getByRole('listitem')).toHaveText([
		/^(Sign-off by the headteacher or principal is needed|The return has changed since .+ signed it as headteacher or principal: they need to sign again)$/,
		/^(Sign-off by the governor is needed|The return has changed since .+ signed it as governor: they need to sign again)$/
	]);
	// A cycle that is not ready is explained, not offered as a disabled box.
	await expect(dsl.getByRole('checkbox', { name: /^Schools safeguarding audit \d{4}/ })).toHaveCount(0);
	await expect(dsl.getByText(/^Schools safeguarding audit \d{4} \(.+\): not ready yet, 2 things to finish/)).toBeVisible();
	const naRow = dsl.locator('.govuk-summary-list__row', { has: dsl.locator('dt', { hasText: new RegExp(`^${NOT_APPLICABLE_CODE.replace('.', '\\.')}\\b`) }) });
	await expect(naRow.locator('.govuk-summary-list__value')).toContainText('Not applicable');

	// The headteacher signs, then the governor, each in their own browser.
	const head = await personIn(browser, ACTORS.school_head);
	await signOff(head, 'Headteacher');
	const headRow = (page: Page) => page.locator('.govuk-summary-list__row', { hasText: 'Headteacher or principal' });
	const governorRow = (page: Page) => page.locator('.govuk-summary-list__row', { hasText: 'Governor (chair of governors or safeguarding governor)' });
	await expect(headRow(head)).toContainText('Signed by Mark Thompson, Headteacher');
	await expect(headRow(head)).not.toContainText('Changed since');
	await expect(governorRow(head)).toContainText(/Not signed|Changed since: sign again/);
	await head.context().close();

	const governor = await personIn(browser, ACTORS.school_governor);
	await signOff(governor, 'Safeguarding governor');
	await expect(governorRow(governor)).toContainText('Signed by Gillian Ford, Safeguarding governor');
	await expect(governorRow(governor)).not.toContainText('Changed since');
	await expect(headRow(governor)).not.toContainText('Changed since');
	await governor.context().close();

	// The DSL sees the return ready and submits it to the school's cycle.
	await dsl.reload();
	await expect(blockers).toHaveCount(0);
	await expect(dsl.getByText(/Ready to submit to Schools safeguarding audit \d{4} \(Northmere Safeguarding Children Partnership\)\./)).toBeVisible();
	const cycleBox = dsl.getByRole('checkbox', { name: /^Schools safeguarding audit \d{4} \(Northmere Safeguarding Children Partnership\)$/ });
	await expect(cycleBox).toBeEnabled();
	await expect(cycleBox).toBeChecked();
	await expectAccessible(dsl);
	await dsl.getByRole('button', { name: 'Submit self-assessment' }).click();

	await dsl.waitForURL(/\/submissions\/[0-9a-f-]{36}\?submitted=/);
	const panel = dsl.locator('.govuk-panel--confirmation');
	await expect(panel.getByRole('heading')).toHaveText('Self-assessment submitted');
	await expect(panel).toContainText('Sent to 1 cycle.');
	await expect(dsl.locator('h1')).toHaveText(/^Schools safeguarding audit \d{4}: version 1$/);
	await expectAccessible(dsl);
	await dsl.context().close();

	// The Northmere business unit sees Oakfield as submitted and opens version 1.
	const bu = await personIn(browser, ACTORS.nm_bu);
	await bu.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}`);
	await expect(bu.locator('h1')).toHaveText(/^Schools safeguarding audit \d{4}$/);
	const row = bu.getByRole('row', { name: new RegExp(SCHOOL) });
	await expect(row.getByRole('cell').nth(2)).toHaveText('Submitted');
	await row.getByRole('link', { name: `Version 1 from ${SCHOOL}` }).click();
	await bu.waitForURL(/\/partnerships\/[0-9a-f-]{36}\/submissions\/[0-9a-f-]{36}$/);
	await expect(bu.locator('h1')).toHaveText(/^Schools safeguarding audit \d{4}: version 1$/);
	await expect(bu.getByText(`${SCHOOL} · Northmere Safeguarding Children Partnership`)).toBeVisible();
	const signedBy = bu.locator('.govuk-summary-list__row', { hasText: 'Signed off by' });
	await expect(signedBy).toContainText('Mark Thompson, Headteacher (headteacher or principal)');
	await expect(signedBy).toContainText('Gillian Ford, Safeguarding governor (governor)');
	const snapshotRow = bu.locator('.govuk-summary-list__row', { has: bu.locator('dt', { hasText: /^M\.4 Where the school lets its premises/ }) });
	await expect(snapshotRow.locator('dd')).toContainText('Not applicable');
	await expect(snapshotRow.locator('dd')).toContainText(`Why not applicable: ${NOT_APPLICABLE_REASON}`);
	const freshRow = bu.locator('.govuk-summary-list__row', { has: bu.locator('dt', { hasText: /^A\.1 / }) });
	await expect(freshRow.locator('dd')).toContainText(narrativeFor('A.1'));
	await bu.context().close();
});
