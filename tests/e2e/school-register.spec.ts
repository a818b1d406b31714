// The business unit imports schools from the national register in the browser:
// uploads a small GIAS file, checks the preview, applies it and finds the new
// school with its phase. The school (URN 880001, local authority 886) is this
// spec's own: no other spec uses it, and a second run finds it unchanged.
import { ACTORS } from '../helpers/route-matrix';
import { giasFile } from '../helpers/gias';
import { expect, expectAccessible, signIn, test } from './fixtures';

test('a business unit uploads the register, previews it, applies it and sees the new school’s phase', async ({ page, ids }) => {
	await signIn(page, ACTORS.nm_bu);
	await page.goto(`/partnerships/${ids.partnerships.northmere}/organisations`);
	await page.getByRole('link', { name: 'Import schools from the national register' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Import schools from the national register' })).toBeVisible();
	await expectAccessible(page);

	// A code that is not three digits is refused beside the field, and what was typed stays.
	const codes = page.getByLabel('Local authority codes');
	await codes.fill('88six');
	const file = giasFile([
		{ urn: '880001', name: 'Larkspur Secondary School', la: '886', laName: 'Kentmere', phase: 'Secondary', headFirst: 'Robin', headLast: 'Ng', pupils: '940' },
		{ urn: '88000x', name: 'Unreadable Row School', la: '886' }
	]);
	await page.getByLabel('Establishment CSV file').setInputFiles({ name: 'edubasealldata.csv', mimeType: 'text/csv', buffer: file });
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter local authority codes of 3 digits');
	await expect(codes).toHaveValue('88six');
	await expectAccessible(page);

	await codes.fill('886');
	await page.getByLabel('Establishment CSV file').setInputFiles({ name: 'edubasealldata.csv', mimeType: 'text/csv', buffer: file });
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByText('Nothing has been saved yet')).toBeVisible();
	await expect(page.getByRole('table', { name: /Rows that cannot be read/ })).toContainText('The URN “88000x” is not 6 or 7 digits');
	await expectAccessible(page);

	await page.getByRole('button', { name: /^Import 1 school and skip 1 row/ }).click();
	await expect(page.getByText('The register has been imported')).toBeVisible();
	await expectAccessible(page);

	await page.goto(`/partnerships/${ids.partnerships.northmere}/organisations?q=880001`);
	await page.getByRole('link', { name: 'Larkspur Secondary School' }).click();
	const register = page.locator('.govuk-summary-list').filter({ hasText: 'Headteacher' });
	await expect(register).toContainText('Secondary');
	await expect(register).toContainText('Robin Ng');
	await expectAccessible(page);
});
