// A document's life in the library, in the browser: uploaded (without
// JavaScript), found in the library, described, revised, then removed; each
// page checked with axe. Its title is unique to this spec.
import { randomUUID } from 'node:crypto';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

const TITLE = `Library spec ${randomUUID().slice(0, 8)}`;
const file = (name: string, text: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('upload, find, describe, revise and remove a document', async ({ page, ids }) => {
		const police = ids.organisations['Mercia Vale Police'];
		await signIn(page, 'contributor@police.example.org');
		await page.goto(`/organisations/${police}`);
		await page.getByRole('link', { name: 'Evidence library' }).click();
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Upload documents' }).click();
		const confirm = page.getByLabel(/do not identify children/);
		if (await confirm.count()) await confirm.check();
		await page.locator('input[type=file]').setInputFiles(file(`${TITLE}.txt`, `${TITLE}: first version of the procedure.`));
		await page.getByRole('button', { name: /^Upload/ }).click();
		await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}/);

		await page.goto(`/organisations/${police}/evidence?q=${encodeURIComponent(TITLE)}`);
		await expect(page.getByText('1 document match')).toBeVisible();
		await page.getByRole('link', { name: TITLE }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
		await expect(page.getByText('Not cited by any requirement of your self-assessments')).toBeVisible();
		await expectAccessible(page);

		await page.getByLabel('Title').fill(`${TITLE} (procedure)`);
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Day').fill('31');
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Month').fill('2');
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Year').fill('2030');
		await page.getByRole('button', { name: 'Save details' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText('review-by date');
		await expect(page.getByLabel('Title')).toHaveValue(`${TITLE} (procedure)`);
		await expectAccessible(page);
		await page.getByRole('group', { name: 'Review by (optional)' }).getByLabel('Day').fill('28');
		await page.getByRole('button', { name: 'Save details' }).click();
		await expect(page.getByText('Details saved.')).toBeVisible();
		await expect(page.getByText('28 February 2030')).toBeVisible();

		await page.locator('#files').setInputFiles(file(`${TITLE} v2.txt`, `${TITLE}: second version.`));
		await page.getByRole('button', { name: /Upload a new revision/ }).click();
		await expect(page.getByText('New revision uploaded')).toBeVisible();
		await expect(page.getByRole('link', { name: new RegExp(`Download ${TITLE} v2\\.txt`) })).toBeVisible();
		await expect(page.getByRole('link', { name: new RegExp(`Download ${TITLE}\\.txt`) })).toBeVisible();

		await page.getByRole('button', { name: 'Remove document' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText('Tick the box');
		await page.getByLabel('I want to remove this document from the library').check();
		await page.getByRole('button', { name: 'Remove document' }).click();
		await expect(page.getByText(/Removed from the library/)).toBeVisible();
		await expectAccessible(page);
	});
});

test('the retention page, with JavaScript: the months field shows only when asked for', async ({ page, ids }) => {
	const problems = await watchConsole(page);
	await signIn(page, 'business.unit@eastbrook.example.org');
	await page.goto(`/partnerships/${ids.partnerships.eastbrook}`);
	await page.getByRole('link', { name: 'How long to keep evidence' }).click();
	await page.locator('html.app-js').waitFor({ state: 'attached' });
	await expect(page.getByLabel('Months')).toBeHidden();
	await page.getByLabel('For a number of months after each cycle closes').check();
	await page.getByLabel('Months').fill('0');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('between 1 and 1,200');
	await expect(page.getByLabel('Months')).toHaveValue('0');
	await expectAccessible(page);
	await page.getByLabel('For as long as the portal runs').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Saved: evidence is kept for as long as the portal runs.')).toBeVisible();
	expect(problems).toEqual([]);
});
