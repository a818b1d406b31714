// What was sent is what is shown. Oakfield's DSL goes from last year's closed
// schools audit to what the school sent, not to today's draft. Kingsway High
// School's lead (no other spec touches it) changes an answer after sending
// the return, is told the return has changed since it was sent, has it signed
// again and sends version 2, whose comparison names what changed.
import type { Page } from '@playwright/test';
import { ACTORS } from '../helpers/route-matrix';
import { expect, expectAccessible, test } from './fixtures';
import { autosaved, personIn, requirement, signOffIn } from './returns';

const KINGSWAY = 'Kingsway High School';
const kingsway = (local: string) => `${local}@kingsway-high-school.example.org`;
const ADDED = 'Since we sent this, the DSL has briefed every new member of staff in person.';

/** The row of the organisation page's audit cycles that names the cycle. */
const cycleRow = (page: Page, name: RegExp) => page.locator('tbody tr', { has: page.getByText(name) });

test('Oakfield’s DSL opens what the school sent to last year’s closed schools audit', async ({ browser, ids }) => {
	const dsl = await personIn(browser, ACTORS.school_lead);
	await dsl.goto(`/organisations/${ids.organisations['Oakfield Primary School']}`);
	const closed = dsl.locator('tbody tr', { hasText: 'Closed' });
	await expect(closed).toHaveCount(1);
	const title = (await closed.locator('strong').first().textContent())!;
	await expect(closed.getByRole('link', { name: /^Continue|^View return/ })).toHaveCount(0);
	await expectAccessible(dsl);

	await closed.getByRole('link', { name: `View what you sent to ${title}` }).click();
	await dsl.waitForURL(/\/organisations\/[0-9a-f-]{36}\/submissions\/[0-9a-f-]{36}$/);
	await expect(dsl.locator('h1')).toHaveText(`${title}: version 1`);
	await expect(dsl.locator('.govuk-summary-list__row', { hasText: 'Signed off by' })).toContainText('(headteacher or principal)');
	await expect(dsl.getByRole('heading', { name: 'Action plan', exact: true })).toBeVisible();
	await expect(dsl.getByRole('region', { name: 'Action plan as sent' }).getByRole('columnheader')).toHaveText(['Requirement', 'Action and progress notes', 'Owner', 'Due', 'Status']);
	await expect(dsl.getByRole('region', { name: 'Action plan as sent' }).getByRole('row').nth(1)).toContainText('Progress notes:');
	await expectAccessible(dsl);
	await dsl.context().close();
});

test('a lead who changes an answer after sending is told the return has changed, sends it again and sees what changed', async ({ browser, ids }) => {
	test.setTimeout(120_000);
	const school = ids.organisations[KINGSWAY];
	const lead = await personIn(browser, kingsway('lead'));
	await lead.goto(`/organisations/${school}`);
	const row = cycleRow(lead, /^Schools safeguarding audit \d{4}$/).filter({ hasNotText: 'Closed' });
	await expect(row).toContainText('Submitted');
	await expect(row).not.toContainText('Changed since you sent it');

	// The lead adds a sentence to an answer already sent.
	await row.getByRole('link', { name: /^Continue / }).click();
	await lead.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
	const returnUrl = lead.url();
	await lead.goto(`${returnUrl}/standards/A`);
	const narrative = requirement(lead, 'A.1').getByLabel('Narrative for A.1');
	const before = await narrative.inputValue();
	await narrative.fill(`${before} ${ADDED}`);
	await autosaved(lead, 'A.1', () => narrative.blur());

	// Home again: not just "Submitted", but changed since it was sent, with what to do.
	await lead.goto(`/organisations/${school}`);
	await expect(row).toContainText('Submitted');
	await expect(row).toContainText('Changed since you sent it');
	await expect(row).toContainText('get sign-off again if needed, and submit again to add a version');
	await expectAccessible(lead);
	await row.getByRole('link', { name: /^Check your answers for Schools safeguarding audit/ }).click();
	await expect(lead.locator('h1')).toHaveText('Check your answers');

	// The headteacher and the governor sign it again as it now stands.
	for (const [local, title] of [['head', 'Headteacher'], ['governor', 'Safeguarding governor']]) await signOffIn(browser, kingsway(local), returnUrl, title);

	await lead.reload();
	await lead.getByRole('button', { name: 'Submit self-assessment' }).click();
	await lead.waitForURL(/\/submissions\/[0-9a-f-]{36}\?submitted=/);
	await expect(lead.locator('h1')).toHaveText(/^Schools safeguarding audit \d{4}: version 2$/);

	// Version 2 against version 1: the answer and the two sign-offs, nothing else.
	await lead.getByRole('link', { name: 'compare with this one (version 1)' }).click();
	await expect(lead.getByRole('heading', { name: 'Changed since version 1' })).toBeVisible();
	await expect(lead.getByText('1 answer changed, 2 sign-offs changed.')).toBeVisible();
	const card = lead.locator('.govuk-summary-card', { has: lead.getByRole('heading', { name: /^A\.1 / }) });
	await expect(card.locator('.govuk-summary-list__row', { hasText: 'Narrative now' })).toContainText(ADDED);
	await expect(card.locator('.govuk-summary-list__row', { hasText: 'Narrative before' })).not.toContainText(ADDED);
	await expectAccessible(lead);

	await lead.goto(`/organisations/${school}`);
	await expect(row).toContainText('version 2 sent');
	await expect(row).not.toContainText('Changed since you sent it');
	await lead.context().close();
});
