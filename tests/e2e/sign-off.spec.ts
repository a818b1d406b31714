// Sign-off as signatories and leads meet it, on the NHS community trust's
// Section 11 return (which works with both partnerships and which no other
// spec signs or completes): the lead's Check your answers names each
// partnership's cycle and links every thing left to finish.
import { expect, expectAccessible, test } from './fixtures';
import { personIn, requirement } from './returns';

const COMMUNITY_HEALTH = 'Mercia Vale Community Health NHS Trust';

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
