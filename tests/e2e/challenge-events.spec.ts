// A challenge event in the browser: the chair plans one on last year's Section
// 11 audit from the moderation workspace, reads the suggestions with their
// reasons, invites two organisations, records the ambulance trust's session
// (a question added, the outcome, an agreed grade, a challenge raised into the
// log), and the trust's lead finds the slot on the home page; axe on every page.
// Its event and the Northmere Hospitals trust are touched by no other spec; the
// ambulance trust's past moderation is read (not changed) by moderation.spec.ts.
import { expect, expectAccessible, fillDate, inDays, signIn, test } from './fixtures';

const TRUST = 'Mercia Vale Ambulance Service NHS Trust';
const HOSPITALS = 'Northmere Hospitals NHS Foundation Trust';
const TRUST_LEAD = 'lead@mercia-vale-ambulance-service-nhs-trust.example.org';

test('the chair plans an event from the suggestions, records a session, and the organisation sees its slot', async ({ browser, ids }) => {
	const title = `Browser test challenge event ${Date.now()}`;
	const chair = await (await browser.newContext()).newPage();
	await signIn(chair, 'chair@northmere.example.org');
	await chair.goto(`/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/moderation`);
	await chair.getByRole('link', { name: 'Challenge events of this cycle' }).click();
	await expect(chair.getByRole('heading', { level: 1 })).toHaveText('Challenge events');
	await expectAccessible(chair);

	// Planning it: a mistake first, then the whole form.
	await chair.getByRole('link', { name: 'Plan a challenge event' }).click();
	await chair.getByLabel('Title').fill(title);
	await fillDate(chair, 'Date', inDays(45));
	await chair.getByLabel('Start time').fill('ten o’clock');
	await chair.getByRole('button', { name: 'Create event' }).click();
	await expect(chair.locator('.govuk-error-summary')).toContainText('Enter the start time like 9:30am or 14:00');
	await expect(chair.locator('.govuk-error-summary')).toContainText('Enter a room or an online link (or both)');
	await expect(chair.getByLabel('Title')).toHaveValue(title);
	await expectAccessible(chair);
	await chair.getByLabel('Start time').fill('10am');
	await chair.getByLabel('End time').fill('12:00');
	await chair.getByLabel('Room').fill('Room 3, Northmere Civic Centre');
	await chair.getByLabel('Agenda').fill('Each organisation presents its evidence for standards 1 to 3.');
	await chair.getByRole('button', { name: 'Create event' }).click();
	await expect(chair.getByText('Event created. Choose the panel and invite organisations.')).toBeVisible();
	await expect(chair.getByRole('heading', { level: 1 })).toContainText(title);
	await expectAccessible(chair);

	// The suggestions, with their reasons; the chair invites two.
	await chair.getByRole('link', { name: 'Invite organisations' }).click();
	const trustRow = chair.getByRole('row').filter({ hasText: TRUST });
	await expect(trustRow).toContainText(/Standard 2: self .+, moderated .+/);
	await expectAccessible(chair);
	await chair.getByLabel('Length of each slot').selectOption('45');
	await chair.getByLabel(`Invite ${TRUST}`).check();
	await chair.getByLabel(`Invite ${HOSPITALS}`).check();
	await chair.getByRole('button', { name: 'Invite and send calendar invitations' }).click();
	await expect(chair.getByText('Organisations invited. Their leads have been sent the calendar invitation.')).toBeVisible();
	await expect(chair.getByRole('row').filter({ hasText: TRUST })).toContainText('Not recorded');

	// The record of the trust's session.
	await chair.getByRole('link', { name: TRUST }).click();
	await expect(chair.getByRole('heading', { level: 1 })).toHaveText(TRUST);
	await expectAccessible(chair);
	await chair.getByLabel('Who attended for the organisation').fill('Head of safeguarding');
	const first = chair.getByRole('group', { name: 'Question 1' });
	await first.getByLabel('Question').fill('Where is the audit of calls?');
	await first.getByLabel('Answer').fill('It starts in January.');
	await chair.getByRole('button', { name: 'Add another question' }).click();
	const second = chair.getByRole('group', { name: 'Question 2' });
	await second.getByLabel('Question').fill('Who supervises night crews?');
	await expect(first.getByLabel('Answer')).toHaveValue('It starts in January.');
	await chair.getByRole('group', { name: 'Outcome' }).getByLabel('Partly assured').check();
	const standard2 = chair.getByRole('group', { name: /^Standard 2:/ });
	await standard2.getByLabel('Agreed grade for standard 2').selectOption({ label: 'Inadequate' });
	await standard2.getByLabel('Why (optional)').fill('The panel saw no audit of calls');
	await chair.getByRole('button', { name: 'Save record' }).click();
	await expect(chair.getByText('Record saved.')).toBeVisible();
	await expect(chair.locator('.govuk-summary-list__row', { hasText: 'Outcome' })).toContainText('Partly assured');
	await expect(chair.getByRole('group', { name: 'Question 2' }).getByLabel('Question')).toHaveValue('Who supervises night crews?');
	await expect(standard2).toContainText('agreed now: Inadequate');
	await expectAccessible(chair);

	// A challenge raised there goes straight into the log.
	const challenge = `Send the audit of calls when it is done (${title})`;
	await chair.getByLabel('Standard (optional)').selectOption('2');
	await chair.getByLabel('The challenge').fill(challenge);
	await fillDate(chair, 'Answer due by', inDays(90));
	await chair.getByRole('button', { name: 'Raise challenge' }).click();
	await expect(chair.getByText('Challenge raised and added to the challenge log.')).toBeVisible();
	await chair.locator('#challenges ~ ul').getByRole('link', { name: `Standard 2: ${challenge}`, exact: true }).click();
	await chair.waitForURL(/\/challenges\/[0-9a-f-]{36}$/);
	await expect(chair.getByRole('heading', { level: 1 })).toHaveText('Challenge');
	await expect(chair.getByTestId('challenge-text')).toHaveText(challenge);
	await expect(chair.locator('main')).toContainText('Challenge event');
	await chair.context().close();

	// The trust's lead finds the slot on the home page, with the agenda.
	const lead = await (await browser.newContext()).newPage();
	await signIn(lead, TRUST_LEAD);
	await lead.goto('/home');
	await lead.getByRole('link', { name: title }).click();
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText(`Your slot at ${title}`);
	await expect(lead.locator('main')).toContainText('Each organisation presents its evidence for standards 1 to 3.');
	await expect(lead.locator('main')).not.toContainText('moderated');
	await expectAccessible(lead);
	await lead.context().close();
});
