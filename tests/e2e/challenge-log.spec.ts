// The challenge log in the browser: the chair raises a challenge, the
// organisation's lead answers citing a library document, the chair challenges
// further, the lead answers again, the chair closes it; axe on every page.
// It uses Northmere Youth Justice Service, which no other spec touches.
import { expect, expectAccessible, fillDate, inDays, signIn, test } from './fixtures';

const ORGANISATION = 'Northmere Youth Justice Service';
const LEAD = 'lead@northmere-youth-justice-service.example.org';
const DOCUMENT = 'Challenge log spec: case audit';

test('a challenge raised, answered with evidence, challenged further, answered and closed', async ({ browser, ids }) => {
	const text = `Show how learning from the last case audit changed practice (${Date.now()})`;
	const organisationId = ids.organisations[ORGANISATION];
	const chair = await (await browser.newContext()).newPage();
	const lead = await (await browser.newContext()).newPage();

	// The chair raises it from the challenge log.
	await signIn(chair, 'chair@northmere.example.org');
	await chair.getByRole('link', { name: 'Challenge log' }).first().click();
	await expect(chair.getByRole('heading', { level: 1 })).toHaveText('Challenge log');
	await expectAccessible(chair);
	await chair.getByRole('button', { name: 'Raise a challenge' }).click();
	await expectAccessible(chair);
	await chair.getByLabel('Organisation').selectOption({ label: ORGANISATION });
	await chair.getByLabel('Moderation').check();
	await chair.getByLabel('The challenge').fill(text);
	await chair.getByRole('button', { name: 'Raise challenge' }).click();
	await expect(chair.locator('.govuk-error-summary')).toContainText('Enter the due date');
	await expect(chair.getByLabel('The challenge')).toHaveValue(text);
	await expectAccessible(chair);
	await fillDate(chair, 'Answer due by', inDays(14));
	await chair.getByRole('button', { name: 'Raise challenge' }).click();
	await expect(chair.getByTestId('challenge-text')).toHaveText(text);
	await expect(chair.getByTestId('challenge-status')).toContainText('Waiting for the organisation');
	const entry = chair.url().split('?')[0];
	await expectAccessible(chair);

	// The lead has a document in the library to cite (kept from an earlier try if there was one).
	await signIn(lead, LEAD);
	await lead.goto(`/organisations/${organisationId}/evidence?q=${encodeURIComponent(DOCUMENT)}`);
	if (!(await lead.getByRole('link', { name: DOCUMENT }).count())) {
		await lead.goto(`/organisations/${organisationId}/evidence/upload`);
		const confirm = lead.getByLabel(/do not identify children/);
		if (await confirm.count()) await confirm.check();
		await lead.locator('input[type=file]').setInputFiles({ name: `${DOCUMENT}.txt`, mimeType: 'text/plain', buffer: Buffer.from('Case audit: three changes to practice.') });
		await lead.getByRole('button', { name: 'Upload Upload files', exact: true }).click();
		await expect(lead.getByText('1 document added.')).toBeVisible();
	}

	// The lead finds it on the organisation's page and answers.
	await lead.goto(`/organisations/${organisationId}`);
	await expect(lead.getByTestId('open-challenges')).toContainText(text.slice(0, 60));
	await expectAccessible(lead);
	await lead.getByRole('link', { name: 'All challenges' }).click();
	await expectAccessible(lead);
	await lead.getByRole('link', { name: text }).click();
	await expectAccessible(lead);
	await lead.getByLabel('Your answer').fill('Our case audit led to three changes; the audit is attached.');
	await lead.getByLabel(new RegExp(DOCUMENT)).check();
	await lead.getByRole('button', { name: 'Send answer' }).click();
	await expect(lead.getByText('Your answer has been sent to the partnership')).toBeVisible();
	await expect(lead.getByTestId('challenge-status')).toContainText('Answered');
	await expectAccessible(lead);

	// The chair sees the answer with its evidence, and challenges further.
	await chair.goto(entry);
	await expect(chair.getByTestId('challenge-history')).toContainText('Our case audit led to three changes');
	await expect(chair.getByRole('link', { name: DOCUMENT })).toHaveAttribute('href', /\/evidence\/[0-9a-f-]{36}$/);
	await chair.getByLabel('Challenge further (a new due date)').check();
	await chair.getByLabel('Your reasons, or the further challenge').fill('Which of the three changes has been checked since?');
	await fillDate(chair, 'New due date', inDays(28));
	await chair.getByRole('button', { name: 'Record decision' }).click();
	await expect(chair.getByTestId('challenge-status')).toContainText('Waiting for the organisation');
	await expectAccessible(chair);

	// The lead answers the further challenge.
	await lead.reload();
	await expect(lead.getByTestId('challenge-history')).toContainText('Which of the three changes has been checked since?');
	await lead.getByLabel('Your answer').fill('The second change was re-audited last month.');
	await lead.getByRole('button', { name: 'Send answer' }).click();
	await expect(lead.getByText('Your answer has been sent to the partnership')).toBeVisible();

	// The chair closes it.
	await chair.reload();
	await expect(chair.getByTestId('challenge-history')).toContainText('The second change was re-audited last month.');
	await chair.getByLabel('Close the challenge').check();
	await chair.getByRole('button', { name: 'Record decision' }).click();
	await expect(chair.getByTestId('challenge-status')).toContainText('Closed');
	await expect(chair.getByRole('button', { name: 'Record decision' })).toHaveCount(0);
	await expect(chair.locator('[data-testid=challenge-history] > li')).toHaveCount(5);
	await expectAccessible(chair);

	await chair.context().close();
	await lead.context().close();
});

test('an answer sent from a stale page is refused, shows what happened and keeps its text', async ({ browser, ids }) => {
	const text = `Stale page challenge (${Date.now()})`;
	const organisationId = ids.organisations[ORGANISATION];
	const chair = await (await browser.newContext()).newPage();
	await signIn(chair, 'chair@northmere.example.org');
	await chair.goto(`/partnerships/${ids.partnerships.northmere}/challenges/new?organisation=${organisationId}&source=other`);
	await chair.getByLabel('The challenge').fill(text);
	await fillDate(chair, 'Answer due by', inDays(14));
	await chair.getByRole('button', { name: 'Raise challenge' }).click();
	await expect(chair.getByTestId('challenge-text')).toHaveText(text);
	const id = /challenges\/([0-9a-f-]{36})/.exec(chair.url())![1];
	await chair.context().close();

	const context = await browser.newContext();
	const first = await context.newPage();
	await signIn(first, LEAD);
	const second = await context.newPage();
	const entry = `/organisations/${organisationId}/challenges/${id}`;
	await first.goto(entry);
	await second.goto(entry);
	await first.getByLabel('Your answer').fill('Sent from the first tab.');
	await first.getByRole('button', { name: 'Send answer' }).click();
	await expect(first.getByText('Your answer has been sent to the partnership')).toBeVisible();

	await second.getByLabel('Your answer').fill('Typed in the second tab, not to be lost.');
	await second.getByRole('button', { name: 'Send answer' }).click();
	await expect(second.locator('.govuk-error-summary')).toContainText('Someone else acted on this challenge');
	await expect(second.getByTestId('challenge-history')).toContainText('Sent from the first tab.');
	await expect(second.getByTestId('challenge-status')).toContainText('Answered');
	await expect(second.getByLabel('Your answer')).toHaveCount(0);
	await expect(second.getByText('Typed in the second tab, not to be lost.')).toBeVisible();
	await expectAccessible(second);
	await context.close();
});
