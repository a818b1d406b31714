// Attaching evidence from a standard page, with and without JavaScript, and
// citing a library document for another requirement. The ICB's lead is the
// only person any spec signs in as for the ICB. (axe needs JavaScript: the
// sweep in accessibility.spec.ts and the second test check these pages.)
import { expect, expectAccessible, test, watchConsole } from './fixtures';
import { liveReturn, personIn, requirement } from './returns';
import { pdfWith } from '../helpers/evidence-files';

const ICB = 'NHS Mercia Vale Integrated Care Board';
const LEAD = 'lead@nhs-mercia-vale-integrated-care-board.example.org';
const CONFIRM = /These documents do not identify children/;

test('without JavaScript, the lead ticks the confirmation once, attaches a PDF to 1.1 and sees it cited', async ({ browser, ids }) => {
	const page = await personIn(browser, LEAD, { javaScriptEnabled: false });
	const ret = await liveReturn(page, ids.organisations[ICB]);
	await page.goto(`${ret}/standards/1`);
	const section = requirement(page, '1.1');
	await section.getByLabel('Add evidence for 1.1').setInputFiles({ name: 'ICB safeguarding policy.pdf', mimeType: 'application/pdf', buffer: await pdfWith(['ICB safeguarding policy']) });
	// Forgetting the tick keeps nothing and says what to do.
	await section.getByRole('button', { name: 'Upload Add evidence for 1.1' }).click();
	await expect(page.getByRole('heading', { name: 'Evidence for 1.1' })).toBeVisible();
	await expect(page.getByText('Confirm that the documents do not identify children, or have been redacted').first()).toBeVisible();

	await page.goto(`${ret}/standards/1`);
	await requirement(page, '1.1').getByLabel(CONFIRM).check();
	await requirement(page, '1.1').getByLabel('Add evidence for 1.1').setInputFiles({ name: 'ICB safeguarding policy.pdf', mimeType: 'application/pdf', buffer: await pdfWith(['ICB safeguarding policy']) });
	await requirement(page, '1.1').getByRole('button', { name: 'Upload Add evidence for 1.1' }).click();
	await expect(page.getByText('1 document added to the evidence for 1.1.')).toBeVisible();
	await expect(requirement(page, '1.1').getByRole('link', { name: 'ICB safeguarding policy' })).toBeVisible();
	// The tick was for the session: not asked again.
	await expect(requirement(page, '1.2').getByLabel(CONFIRM)).toHaveCount(0);
	await page.context().close();
});

test('with JavaScript, two files chosen together upload one by one and appear without a reload', async ({ browser, ids }) => {
	const page = await personIn(browser, LEAD);
	const problems = await watchConsole(page);
	const ret = await liveReturn(page, ids.organisations[ICB]);
	await page.goto(`${ret}/standards/1`);
	const section = requirement(page, '1.2');
	await section.getByLabel('Add evidence for 1.2').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Notes') });
	await section.getByRole('button', { name: 'Upload Add evidence for 1.2' }).click();
	await expect(section.getByText('Confirm that the documents do not identify children, or have been redacted')).toBeVisible();
	await expectAccessible(page);
	await section.getByLabel(CONFIRM).check();
	await section.getByLabel('Add evidence for 1.2').setInputFiles([
		{ name: 'Training plan.pdf', mimeType: 'application/pdf', buffer: await pdfWith(['Training plan 2026']) },
		{ name: 'Training figures.csv', mimeType: 'text/csv', buffer: Buffer.from('team,trained\nSafeguarding,12\n') }
	]);
	await section.getByRole('button', { name: 'Upload Add evidence for 1.2' }).click();
	await expect(section.locator('.app-upload-list li').filter({ hasText: 'Uploaded' })).toHaveCount(2);
	await expect(section.getByRole('link', { name: 'Training plan' })).toBeVisible();
	await expect(section.getByRole('link', { name: 'Training figures' })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`${ret}/standards/1$`));

	// A file dropped on the field uploads too; a refused one says why beside it.
	await page.evaluate(() => {
		const zone = document.querySelector('#evidence-1-3 .app-drop-zone')!;
		const data = new DataTransfer();
		data.items.add(new File(['<html><script>alert(1)</script></html>'], 'minutes.pdf', { type: 'application/pdf' }));
		zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
	});
	const refused = requirement(page, '1.3').locator('.app-upload-list li');
	await expect(refused).toContainText('Not uploaded');
	await expect(refused).toContainText('must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV file');
	await expectAccessible(page);
	expect(problems).toEqual([]);
	await page.context().close();
});

test('a document in the library is cited for another requirement, and removed from it, on the requirement’s evidence page', async ({ browser, ids }) => {
	const page = await personIn(browser, LEAD);
	const ret = await liveReturn(page, ids.organisations[ICB]);
	await page.goto(`${ret}/evidence/2.1`);
	await expectAccessible(page);
	await page.getByLabel('Search your evidence library by title').fill('Training plan');
	await page.getByRole('button', { name: 'Search' }).click();
	await page.getByRole('checkbox', { name: 'Training plan' }).first().check();
	await page.getByRole('button', { name: 'Link the chosen documents' }).click();
	await expect(page.getByText('1 document linked.')).toBeVisible();
	await expect(page.getByRole('table').getByRole('link', { name: 'Training plan' })).toBeVisible();
	await page.getByRole('button', { name: 'Remove Training plan from 2.1' }).click();
	await expect(page.getByText('The document is no longer cited for this requirement.')).toBeVisible();
	await expect(page.getByText('No evidence is cited for 2.1 yet.')).toBeVisible();
	await page.context().close();
});
