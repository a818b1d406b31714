// The chair drafts, words and issues last year's letter to the ambulance trust
// (its moderation is accepted; no other spec drafts or issues a letter), and
// the trust's lead downloads it from the home page: the PDF is the letter the
// chair wrote, tagged, with the chair's signature.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

const TRUST = 'Mercia Vale Ambulance Service NHS Trust';
const LEAD = 'lead@mercia-vale-ambulance-service-nhs-trust.example.org';
const CANARY = 'The panel thanks the trust for its candour about out-of-hours cover.';

test('the chair drafts, edits and issues a letter, and the organisation’s lead downloads it from home', async ({ browser, ids }) => {
	const chair = await (await browser.newContext()).newPage();
	const problems = await watchConsole(chair);
	await signIn(chair, ACTORS.nm_chair);
	await chair.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}`);
	await chair.getByRole('link', { name: 'Feedback letters for this cycle' }).click();
	await expect(chair.locator('h1')).toHaveText('Feedback letters');
	const row = chair.locator('tr', { hasText: TRUST });
	await expect(row).toContainText('Not drafted');
	await chair.getByRole('button', { name: /Draft letters/ }).click();
	await expect(chair.locator('.govuk-notification-banner')).toContainText('drafted');
	await expect(row).toContainText('Draft');
	await expectAccessible(chair);

	await row.getByRole('link', { name: new RegExp(TRUST) }).click();
	await expect(chair.locator('h1')).toHaveText(`Feedback letter: ${TRUST}`);
	await expect(chair.getByRole('table', { name: /Grades per standard/ })).toBeVisible();
	const wording = chair.getByLabel('Wording of the letter');
	await expect(wording).toHaveValue(new RegExp(`Dear colleagues at ${TRUST}`));
	await wording.fill(`${await wording.inputValue()}\n\n# A note from the panel\n${CANARY}`);
	await chair.getByRole('button', { name: 'Save wording' }).click();
	await expect(chair.locator('.govuk-notification-banner')).toContainText('The wording has been saved');
	await expect(wording).toHaveValue(new RegExp(CANARY));
	await expectAccessible(chair);

	// Issuing needs the box ticked.
	await chair.getByRole('button', { name: 'Issue letter' }).click();
	await expect(chair.locator('.govuk-error-summary')).toContainText('Tick the box to confirm');
	await chair.getByLabel('I have checked the wording and the grades, and the letter is ready to issue').check();
	await chair.getByRole('button', { name: 'Issue letter' }).click();
	await expect(chair.locator('.govuk-notification-banner')).toContainText('The letter has been issued');
	await expect(chair.locator('.govuk-summary-list')).toContainText('Independent Chair');
	await expect(chair.getByLabel('Wording of the letter')).toHaveCount(0);
	await expectAccessible(chair);
	expect(problems).toEqual([]);
	await chair.context().close();

	const lead = await (await browser.newContext()).newPage();
	await signIn(lead, LEAD);
	await lead.goto('/home');
	const letter = lead.getByTestId('issued-letter').filter({ hasText: 'Section 11' });
	await expect(letter).toContainText('Feedback letter from Northmere');
	await expectAccessible(lead);
	const [download] = await Promise.all([lead.waitForEvent('download'), letter.getByRole('link', { name: /^PDF/ }).click()]);
	expect(download.suggestedFilename()).toMatch(/feedback letter\.pdf$/);
	const file = await download.path();
	expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Tagged:\s+yes$/m);
	const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
	expect(text).toContain(CANARY);
	expect(text).toContain('Independent Chair');
	expect(fs.statSync(file).size).toBeGreaterThan(1000);
	await lead.context().close();
});
