// Two people editing one live return: nobody's words are lost. With
// JavaScript, autosave notices that someone else saved the same answer first
// and shows their version beside yours; without it, the whole-standard save
// refuses to overwrite and shows both versions in the error summary.
// Each test writes text of its own to a requirement in Mercia Vale Police's
// standard 7, so what other specs did to the return does not matter.
import type { Browser, Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, test } from './fixtures';
import { autosaved, personIn, requirement, SAVED_AT, savedState } from './returns';

const standardPage = (ids: { organisations: Record<string, string>; police: { returnId: string } }) =>
	`/organisations/${ids.organisations['Mercia Vale Police']}/returns/${ids.police.returnId}/standards/7`;

/** A narrative long enough for the Section 11 template (100 characters), unique to this run. */
const narrative = (who: string) =>
	`${who} (${Date.now().toString(36)}): the information-sharing policy was reviewed this quarter; audit of recorded decisions and staff survey results are uploaded.`;

async function openStandard(page: Page, path: string) {
	await page.goto(path);
	await expect(page.locator('h1')).toHaveText('7. Information Sharing, Communication and Confidentiality');
}

/**
 * The lead changes a narrative first (it autosaves when she leaves the field); the contributor,
 * whose page still shows the older answer, then edits the same narrative and is refused.
 */
async function meetConflict(browser: Browser, path: string, code: string, leadText: string, contributorText: string) {
	const contributor = await personIn(browser, ACTORS.police_contributor);
	const lead = await personIn(browser, ACTORS.police_lead);
	await openStandard(contributor, path);
	await openStandard(lead, path);
	const leadField = requirement(lead, code).getByLabel(`Narrative for ${code}`);
	await leadField.fill(leadText);
	await autosaved(lead, code, () => leadField.blur());

	const contributorField = requirement(contributor, code).getByLabel(`Narrative for ${code}`);
	await contributorField.fill(contributorText);
	const refused = contributor.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/responses/${code}`));
	await contributorField.blur();
	expect((await refused).status()).toBe(409);
	return { contributor, lead, contributorField, panel: requirement(contributor, code).getByRole('region', { name: 'Someone else changed this answer' }) };
}

test('autosave shows the other person’s newer answer beside yours, and “Keep their version” takes it', async ({ browser, ids }) => {
	const code = '7.2';
	const leadText = narrative('Lead');
	const contributorText = narrative('Contributor');
	const { contributor, lead, contributorField, panel } = await meetConflict(browser, standardPage(ids), code, leadText, contributorText);

	await expect(panel.getByRole('heading', { name: 'Changed by someone else' })).toBeVisible();
	await expect(panel).toContainText('DCI Karen Walsh saved this answer at');
	await expect(panel.locator('.govuk-summary-list__row', { hasText: 'Their narrative' }).locator('dd')).toHaveText(leadText);
	await expect(savedState(contributor, code)).toHaveText('Not saved: someone else changed this answer. Compare their version with yours');
	// Nothing the contributor typed is lost.
	await expect(contributorField).toHaveValue(contributorText);
	await expect(requirement(contributor, code).getByText('Not saved', { exact: true })).toBeVisible();
	// The status line leads to the panel.
	await savedState(contributor, code).getByRole('link', { name: 'Compare their version with yours' }).click();
	await expect(panel).toBeFocused();

	await panel.getByRole('button', { name: 'Keep their version' }).click();
	await expect(contributorField).toHaveValue(leadText);
	await expect(panel).toHaveCount(0);
	await expect(savedState(contributor, code)).toHaveText('Their version kept.');

	// The stored answer is still the lead's.
	await contributor.reload();
	await expect(requirement(contributor, code).getByLabel(`Narrative for ${code}`)).toHaveValue(leadText);
	await contributor.context().close();
	await lead.context().close();
});

test('after a conflict, “Save my version” replaces theirs with what you typed', async ({ browser, ids }) => {
	const code = '7.4';
	const contributorText = narrative('Contributor, on purpose');
	const { contributor, lead, contributorField, panel } = await meetConflict(browser, standardPage(ids), code, narrative('Lead first'), contributorText);
	await autosaved(contributor, code, () => panel.getByRole('button', { name: 'Save my version' }).click());
	await expect(panel).toHaveCount(0);
	await expect(contributorField).toHaveValue(contributorText);

	// Stored: what the contributor typed, replacing the lead's.
	await lead.reload();
	await expect(requirement(lead, code).getByLabel(`Narrative for ${code}`)).toHaveValue(contributorText);
	await contributor.context().close();
	await lead.context().close();
});

test('without JavaScript, saving over someone else’s newer answer is refused and both versions are shown', async ({ browser, ids }) => {
	const code = '7.3';
	const path = standardPage(ids);
	const first = await personIn(browser, ACTORS.police_contributor, { javaScriptEnabled: false });
	const second = await personIn(browser, ACTORS.police_lead, { javaScriptEnabled: false });
	// The second person opens the page before the first one saves.
	await openStandard(second, path);
	await openStandard(first, path);

	const firstText = narrative('First editor');
	await requirement(first, code).getByLabel(`Narrative for ${code}`).fill(firstText);
	await first.getByRole('button', { name: 'Save', exact: true }).click();
	await first.waitForURL(/\/standards\/7\?saved$/);
	await expect(first.locator('.govuk-notification-banner')).toContainText('Your answers have been saved.');
	await expect(requirement(first, code).getByLabel(`Narrative for ${code}`)).toHaveValue(firstText);

	const secondText = narrative('Second editor');
	const secondField = () => requirement(second, code).getByLabel(`Narrative for ${code}`);
	await secondField().fill(secondText);
	await second.getByRole('button', { name: 'Save', exact: true }).click();

	const summary = second.locator('.govuk-error-summary');
	await expect(summary).toContainText('There is a problem');
	await expect(summary).toContainText(
		'An answer was changed by someone else while you were editing. Nothing has been saved yet: compare the versions, keep what is right, then save again.'
	);
	// Their version beside it, and the second person's own text still in the form.
	const panel = requirement(second, code).getByRole('region', { name: 'Someone else changed this answer' });
	await expect(panel).toContainText('DS Ben Carter saved this answer at');
	await expect(panel.locator('.govuk-summary-list__row', { hasText: 'Their narrative' }).locator('dd')).toHaveText(firstText);
	await expect(secondField()).toHaveValue(secondText);
	// Only the answer both changed is in conflict.
	await expect(second.getByRole('region', { name: 'Someone else changed this answer' })).toHaveCount(1);

	// Having compared, the second person saves theirs on purpose: now it replaces the first.
	await second.getByRole('button', { name: 'Save', exact: true }).click();
	await second.waitForURL(/\/standards\/7\?saved$/);
	await expect(second.locator('.govuk-notification-banner')).toContainText('Your answers have been saved.');
	await expect(secondField()).toHaveValue(secondText);
	await first.context().close();
	await second.context().close();
});

test('choosing a grade autosaves it and says when', async ({ browser, ids }) => {
	const code = '7.8';
	const page = await personIn(browser, ACTORS.police_contributor);
	await openStandard(page, standardPage(ids));
	const section = requirement(page, code);
	await expect(savedState(page, code)).toHaveText('');

	// Whatever the grade is now, choose a different one.
	const grade = (await section.getByLabel(/^Requires improvement/).isChecked()) ? 'Inadequate' : 'Requires improvement';
	await autosaved(page, code, () => section.getByLabel(new RegExp(`^${grade}`)).check());
	await expect(savedState(page, code)).toHaveText(SAVED_AT);

	await page.reload();
	await expect(requirement(page, code).getByLabel(new RegExp(`^${grade}`))).toBeChecked();
	await page.context().close();
});
