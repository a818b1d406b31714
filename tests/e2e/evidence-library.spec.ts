// A document's life in the library, in the browser: uploaded, found,
// described and revised without JavaScript; then, with it, each page checked
// with axe and the document removed. Its title is unique to this spec.
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

// Fixed, not random: a failed test restarts the worker, and the next test must find the same document.
const TITLE = 'Library spec procedure';
const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('upload, find, describe, revise and remove a document', async ({ page, ids }) => {
		const police = ids.organisations['Mercia Vale Police'];
		await signIn(page, 'contributor@police.example.org');
		await page.goto(`/organisations/${police}`);
		await page.getByRole('link', { name: 'Evidence library' }).click();
		await page.getByRole('link', { name: 'Upload documents' }).click();
		const confirm = page.getByLabel(/do not identify children/);
		if (await confirm.count()) await confirm.check();
		await page.locator('input[type=file]').setInputFiles(file(`${TITLE}.txt`, `${TITLE}: first version of the procedure.`));
		await page.getByRole('button', { name: 'Upload Upload files', exact: true }).click();
		await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}/);

		await page.goto(`/organisations/${police}/evidence?q=${encodeURIComponent(TITLE)}`);
		await expect(page.getByText('1 document match')).toBeVisible();
		await page.getByRole('link', { name: TITLE }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
		await expect(page.getByText('Not cited by any requirement of your self-assessments')).toBeVisible();

		await page.getByLabel('Title').fill(`${TITLE} (procedure)`);
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Day').fill('31');
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Month').fill('2');
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Year').fill('2030');
		await page.getByRole('button', { name: 'Save details' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText('review-by date');
		await expect(page.getByLabel('Title')).toHaveValue(`${TITLE} (procedure)`);
		await expect(page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Day')).toHaveValue('31');
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Day').fill('28');
		await page.getByRole('button', { name: 'Save details' }).click();
		await expect(page.getByText('Details saved.')).toBeVisible();
		await expect(page.getByText('28 February 2030')).toBeVisible();

		await page.locator('#files').setInputFiles(file(`${TITLE} v2.txt`, `${TITLE}: second version.`));
		await page.locator('button[form="revise-form"]').click();
		await expect(page.getByText('New revision uploaded')).toBeVisible();
		await expect(page.getByRole('link', { name: new RegExp(`Download ${TITLE} v2\\.txt`) })).toBeVisible();
		await expect(page.getByRole('link', { name: new RegExp(`Download ${TITLE}\\.txt`) })).toBeVisible();

	});
});

test('with JavaScript: the library and the document page pass axe with a clean console, and removal works', async ({ page, ids }) => {
	const problems = await watchConsole(page);
	const police = ids.organisations['Mercia Vale Police'];
	await signIn(page, 'contributor@police.example.org');
	await page.goto(`/organisations/${police}/evidence?q=${encodeURIComponent(TITLE)}`);
	await page.locator('html.app-js').waitFor({ state: 'attached' });
	await expectAccessible(page);
	await page.getByRole('link', { name: `${TITLE} (procedure)` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${TITLE} (procedure)`);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Remove document' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Tick the box');
	await page.getByLabel('I want to remove this document from the library').check();
	await page.getByRole('button', { name: 'Remove document' }).click();
	await expect(page.getByText(/Removed from the library/)).toBeVisible();
	await expectAccessible(page);
	expect(problems).toEqual([]);
});

test('the retention page, with JavaScript: the months field shows only when asked for', async ({ page, ids }) => {
	const problems = await watchConsole(page);
	await signIn(page, 'business.unit@eastbrook.example.org');
	await page.goto(`/partnerships/${ids.partnerships.eastbrook}`);
	await page.getByRole('link', { name: 'How long to keep evidence' }).click();
	await page.locator('html.app-js').waitFor({ state: 'attached' });
	await expect(page.getByRole('textbox', { name: 'Months' })).toBeHidden();
	await page.getByLabel('For a number of months after each cycle closes').check();
	await page.getByRole('textbox', { name: 'Months' }).fill('0');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('between 1 and 1,200');
	await expect(page.getByRole('textbox', { name: 'Months' })).toHaveValue('0');
	await expectAccessible(page);
	await page.getByLabel('For as long as the portal runs').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved: evidence is kept for as long as the portal runs.')).toBeVisible();
	expect(problems).toEqual([]);
});
