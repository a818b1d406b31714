// The business unit chases this year's schools audit from the cycle page:
// reminds Holly Bank Junior School (no other spec touches it) with an extra
// paragraph it previews first, finds the reminder in what was sent, and
// changes the cycle's schedule. Axe on the page at each step.
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, signIn, test, watchConsole } from './fixtures';

const SCHOOL = 'Holly Bank Junior School';
const EXTRA = 'The board reads every school’s return at its March meeting.';

test('the business unit previews and sends a reminder to one school, sees it in the list, and changes the schedule', async ({ browser, ids }) => {
	const bu = await (await browser.newContext()).newPage();
	const problems = await watchConsole(bu);
	await signIn(bu, ACTORS.nm_bu);
	await bu.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.cycles.s175Northmere}`);
	await bu.getByRole('link', { name: 'Reminders to organisations that have not returned' }).click();
	await expect(bu.locator('h1')).toHaveText('Reminders');
	const boxes = bu.locator('input[name="organisationIds"]');
	expect(await boxes.count()).toBeGreaterThan(1);
	for (const box of await boxes.all()) await expect(box, 'every organisation is ticked to begin with').toBeChecked();
	await expect(bu.getByText('Cannot be reminded')).toBeVisible();
	await expectAccessible(bu);

	for (const box of await boxes.all()) await box.uncheck();
	await bu.getByLabel(SCHOOL, { exact: true }).check();
	await bu.getByLabel('Extra paragraph (optional)').fill(EXTRA);
	await bu.getByRole('button', { name: 'Preview the reminder' }).click();
	const preview = bu.getByRole('region', { name: `The reminder to ${SCHOOL}` });
	await expect(preview).toContainText(EXTRA);
	await expect(preview).toContainText(`/organisations/${ids.organisations[SCHOOL]}`);
	await expect(bu.getByLabel(SCHOOL, { exact: true }), 'the choice survives the preview').toBeChecked();
	await expect(bu.getByLabel('Oakfield Primary School', { exact: true })).not.toBeChecked();
	await expectAccessible(bu);

	await bu.getByRole('button', { name: 'Send reminders' }).click();
	await expect(bu.locator('.govuk-notification-banner')).toContainText('1 organisation reminded.');
	const row = bu.getByRole('table', { name: /Every reminder sent/ }).locator('tbody tr', { hasText: SCHOOL });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('Sent now by');
	await expect(row).toContainText('@holly-bank-junior-school.example.org');
	await expectAccessible(bu);

	await bu.getByLabel('Days before the deadline').fill('21, 7');
	await bu.getByLabel('Then every week while the return is overdue').uncheck();
	await bu.getByRole('button', { name: 'Save the schedule' }).click();
	await expect(bu.locator('.govuk-notification-banner')).toContainText('Reminder schedule saved.');
	await expect(bu.locator('#schedule-now')).toHaveText('21 and 7 days before the deadline.');
	await expect(bu.getByLabel('Days before the deadline')).toHaveValue('21, 7');
	await expectAccessible(bu);
	expect(problems).toEqual([]);
	await bu.context().close();
});
