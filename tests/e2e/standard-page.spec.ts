// The standard page's other help for the people answering it: confirming every
// carried-forward answer still right in one go, the reason for "not applicable"
// asked only when it is chosen, and the narrative's limit in a GOV.UK character
// count with a refused save shown beside the field. Each test uses a return and
// standard no other spec touches.
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test } from './fixtures';
import { autosaved, liveReturn, personIn, requirement, savedState } from './returns';

test('“Confirm all unchanged answers in this standard” confirms every carried-forward answer not changed', async ({ browser, ids }) => {
	const page = await personIn(browser, ACTORS.nhs_lead);
	// Standard 5 of the community health trust's return: untouched by the other specs.
	const path = `${await liveReturn(page, ids.organisations['Mercia Vale Community Health NHS Trust'])}/standards/5`;
	await page.goto(path);
	const carried = page.getByText('Carried forward: review', { exact: true });
	const waiting = await carried.count();
	expect(waiting, 'the demo trust has answers carried forward in standard 5').toBeGreaterThan(2);

	// One of them is changed first (a change confirms it too), then the rest are confirmed at once.
	const codes = await page.locator('section.app-requirement', { hasText: 'Carried forward: review' }).locator('h2 .app-requirement__code').allTextContents();
	const field = requirement(page, codes[0]).getByLabel(`Narrative for ${codes[0]}`);
	await field.fill(`${await field.inputValue()} Refreshed this year with the new training records.`);
	await autosaved(page, codes[0], () => field.blur());
	await page.getByRole('button', { name: 'Confirm all unchanged answers in this standard' }).click();

	await expect(page.locator('.govuk-notification-banner--success')).toContainText(`${waiting - 1} answers confirmed as still right.`);
	await expect(page.getByRole('region', { name: 'Important' })).toHaveCount(0);
	await expect(carried).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Confirm all unchanged answers in this standard' })).toHaveCount(0);
	await expectAccessible(page);
	await page.reload();
	await expect(carried).toHaveCount(0);
	await page.context().close();
});

test('“If not applicable, why not?” is asked only once “Not applicable” is chosen, and keeps its text', async ({ browser, ids }) => {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, 'lead@millfield-primary-school.example.org');
	await page.goto(`${await liveReturn(page, ids.organisations['Millfield Primary School'])}/standards/A`);
	const candidate = page.locator('section.app-requirement', { has: page.getByRole('radio', { name: /^Not applicable/, checked: false }) }).first();
	const code = (await candidate.locator('h2 .app-requirement__code').textContent())!;
	const section = requirement(page, code);
	const na = section.getByRole('radio', { name: /^Not applicable/ });
	const reason = section.getByLabel('If not applicable, why not?');
	// Whatever grade it has now (or the first), to switch away to.
	const graded = section.getByRole('radio', { checked: true });
	const other = (await ((await graded.count()) ? graded : section.getByRole('radio').first()).getAttribute('value'))!;

	await expect(reason).toBeHidden();
	await expect(na).toHaveAttribute('aria-controls', (await section.locator('.govuk-radios__conditional').getAttribute('id'))!);
	await autosaved(page, code, () => na.check());
	await expect(reason).toBeVisible();
	await reason.fill('Millfield has no nursery class and no early years provision on site.');
	await autosaved(page, code, () => reason.blur());
	await expectAccessible(page);

	// Choosing a grade hides the reason; choosing "Not applicable" again brings it back as it was.
	await autosaved(page, code, () => section.locator(`input[type="radio"][value="${other}"]`).check());
	await expect(reason).toBeHidden();
	await autosaved(page, code, () => na.check());
	await expect(reason).toHaveValue('Millfield has no nursery class and no early years provision on site.');

	// Without JavaScript the question stays in view.
	const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signIn(noScript, 'lead@millfield-primary-school.example.org');
	await noScript.goto(page.url());
	await expect(requirement(noScript, code).getByLabel('If not applicable, why not?')).toBeVisible();
	await noScript.context().close();
	await page.context().close();
});

test('the narrative’s limit shows in the character count, and an over-long one is refused beside the field', async ({ browser, ids }) => {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, 'lead@mercia-vale-fire-and-rescue-service.example.org');
	await page.goto(`${await liveReturn(page, ids.organisations['Mercia Vale Fire and Rescue Service'])}/standards/4`);
	const code = '4.1';
	const section = requirement(page, code);
	const field = section.getByLabel(`Narrative for ${code}`);
	const count = section.locator('.govuk-character-count__status');
	const announced = section.locator('.govuk-character-count__sr-status');
	await expect(announced).toHaveAttribute('aria-live', 'polite');

	await field.click();
	await page.keyboard.press('Control+A');
	// 10,044 characters, 10,043 without the space at the end (the count, like the server, leaves it out)
	await page.keyboard.insertText('Safer recruitment checks are recorded for every post. '.repeat(186));
	await expect(count).toHaveText('You have 43 characters too many');
	await expect(announced).toHaveText('You have 43 characters too many');
	const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/responses/${code}`));
	await field.blur();
	expect((await refused).status()).toBe(400);
	const message = 'Narrative for 4.1 must be 10,000 characters or fewer';
	await expect(section.locator(`#narrative-4-1-error`)).toHaveText(`Error: ${message}`);
	await expect(field).toHaveAttribute('aria-describedby', /narrative-4-1-error/);
	await expect(section.getByText('Not saved', { exact: true })).toBeVisible();
	await expect(section.getByText('Complete', { exact: true })).toHaveCount(0);
	await expect(savedState(page, code)).toHaveText(`Not saved: ${message}. Your text is still here.`);
	await expectAccessible(page);

	// Cut it to the limit: it saves, and the error goes.
	await field.click();
	await page.keyboard.press('Control+End');
	await autosaved(page, code, async () => {
		for (let i = 0; i < 44; i++) await page.keyboard.press('Backspace');
	});
	await expect(count).toHaveText('You have 0 characters remaining');
	await expect(section.locator('#narrative-4-1-error')).toHaveCount(0);
	await expect(section.getByText('Not saved', { exact: true })).toHaveCount(0);
	await page.context().close();
});
