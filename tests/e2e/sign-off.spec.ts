// Sign-off as signatories and leads meet it, on the NHS community trust's
// Section 11 return (which works with both partnerships and which no other
// spec signs or completes): the executive lead finds it waiting on their home
// page and signs it, after which the page shows the signature, not the form;
// the lead's Check your answers names each partnership's cycle and links
// every thing left to finish.
import { expect, expectAccessible, test } from './fixtures';
import { personIn, requirement } from './returns';

const COMMUNITY_HEALTH = 'Mercia Vale Community Health NHS Trust';
const CONFIRM = 'I have read this self-assessment and confirm it is an accurate account of our arrangements';

test('a signatory finds the return waiting on their home page, signs it, and is then shown the signature instead of the form', async ({ browser }) => {
	const director = await personIn(browser, 'director@nhs.example.org');
	await director.goto('/home');
	await expect(director.getByRole('heading', { name: 'Waiting for your sign-off' })).toBeVisible();
	const waiting = director.locator('.app-sign-off-waiting > li', { hasText: COMMUNITY_HEALTH });
	await expect(waiting).toContainText('For you to sign as executive lead for safeguarding.');
	await expect(waiting.getByRole('listitem')).toHaveText([
		/^Section 11 audit \d{4}-\d{2} for Northmere Safeguarding Children Partnership, due \d{1,2} \w+ \d{4}: \d+ things to finish before it is ready to sign$/,
		/^Section 11 audit \d{4}-\d{2} for Eastbrook Safeguarding Children Partnership, due \d{1,2} \w+ \d{4}: \d+ things to finish before it is ready to sign$/
	]);
	await expectAccessible(director);

	await waiting.getByRole('link', { name: `West Midlands Section 11 self-assessment: ${COMMUNITY_HEALTH}` }).click();
	await director.waitForURL(/\/check$/);
	await expect(director.locator('h1')).toHaveText('Check your answers');
	// A signatory reads the return: nothing offers to change it.
	await expect(director.getByRole('link', { name: /^(Change|Continue)\b/ })).toHaveCount(0);
	await expectAccessible(director);

	await director.getByLabel('Your job title (optional)').fill('Medical Director');
	await director.getByLabel(CONFIRM).check();
	await director.getByRole('button', { name: 'Sign off' }).click();
	await expect(director.locator('.govuk-notification-banner')).toContainText('You have signed off the self-assessment.');
	await expect(director.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
	await expect(director.getByLabel(CONFIRM)).toHaveCount(0);
	const row = director.locator('.govuk-summary-list__row', { hasText: 'Executive lead for safeguarding' });
	await expect(row).toContainText(/Signed by Dr Imran Malik, Medical Director, \d{1,2} \w+ \d{4}, \d{1,2}:\d{2}(am|pm)/);
	await expect(row).not.toContainText('Changed since');
	await expectAccessible(director);

	await director.goto('/home');
	await expect(director.getByRole('heading', { name: 'Waiting for your sign-off' })).toHaveCount(0);
	await director.context().close();
});

test('Check your answers names each partnership’s cycle and links every thing left to finish, the long list behind Show', async ({ browser, ids }) => {
	const lead = await personIn(browser, 'lead@nhs.example.org');
	await lead.goto(`/organisations/${ids.organisations[COMMUNITY_HEALTH]}`);
	const href = await lead.getByRole('link', { name: /^Continue Section 11 audit / }).first().getAttribute('href');
	await lead.goto(`${href}/check`);

	const boxes = lead.locator('section.app-blockers');
	await expect(boxes.getByRole('heading')).toHaveText([
		/^\d+ things to finish before you can submit to Section 11 audit \d{4}-\d{2} for Northmere Safeguarding Children Partnership$/,
		/^\d+ things to finish before you can submit to Section 11 audit \d{4}-\d{2} for Eastbrook Safeguarding Children Partnership$/
	]);
	for (const box of await boxes.all()) {
		const count = Number((await box.getByRole('heading').textContent())!.split(' ')[0]);
		const items = box.getByRole('listitem');
		// The first few show at once; the rest are behind Show, every one still a link of its own.
		await expect(items).toHaveCount(5);
		await box.locator('summary', { hasText: new RegExp(`^Show the other ${count - 5} things to finish`) }).click();
		await expect(items).toHaveCount(count);
		for (const item of await items.all()) {
			await expect(item.getByRole('link')).toHaveCount(1);
			await expect(item.getByRole('link')).toBeVisible();
			await expect(item).toHaveText(/^(\d+\.\d+: \S.*|.*executive lead for safeguarding.*)$/);
		}
	}
	await expectAccessible(lead);

	// The last requirement in the first box, behind Show, takes the lead to it on its standard page.
	const target = boxes.first().getByRole('link', { name: /^\d+\.\d+: / }).last();
	const code = (await target.textContent())!.split(':')[0];
	await target.click();
	await lead.waitForURL(new RegExp(`/standards/${code.split('.')[0]}#heading-${code.replace('.', '-')}$`));
	await expect(requirement(lead, code)).toBeInViewport();
	await lead.context().close();
});
