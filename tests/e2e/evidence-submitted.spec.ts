// One policy, two partnerships. The ambulance trust (no other spec signs in
// for it) uploads its policy once, cites it, has the return signed again and
// sends it to both partnerships' Section 11 cycles. It then uploads a new
// revision; Northmere's chair still downloads exactly the revision submitted.
import fs from 'node:fs';
import { expect, expectAccessible, test } from './fixtures';
import { liveReturn, personIn, requirement } from './returns';
import { pdfWith } from '../helpers/evidence-files';

const TRUST = 'Mercia Vale Ambulance Service NHS Trust';
const person = (local: string) => `${local}@mercia-vale-ambulance-service-nhs-trust.example.org`;

test('the trust cites one policy in both partnerships’ submissions; the chair downloads exactly the revision sent', async ({ browser, ids }) => {
	test.setTimeout(150_000);
	const first = await pdfWith(['Ambulance safeguarding policy, version 1']);
	const lead = await personIn(browser, person('lead'));
	const ret = await liveReturn(lead, ids.organisations[TRUST]);
	await lead.goto(`${ret}/standards/1`);
	const section = requirement(lead, '1.1');
	await section.getByLabel(/These documents do not identify children/).check();
	await section.getByLabel('Add evidence for 1.1').setInputFiles({ name: 'Safeguarding policy.pdf', mimeType: 'application/pdf', buffer: first });
	await section.getByRole('button', { name: 'Upload Add evidence for 1.1' }).click();
	await expect(section.getByRole('link', { name: 'Safeguarding policy' })).toBeVisible();

	// Citing evidence changes what was signed: the director signs again.
	const director = await personIn(browser, person('director'));
	await director.goto(`${ret}/check`);
	await director.getByLabel('I have read this self-assessment and confirm it is an accurate account of our arrangements').check();
	await director.getByRole('button', { name: 'Sign off' }).click();
	await expect(director.locator('.govuk-notification-banner')).toContainText('You have signed off the self-assessment.');
	await director.context().close();

	await lead.goto(`${ret}/check`);
	const cycles = lead.locator('input[name="cycleIds"]');
	await expect(cycles).toHaveCount(2);
	for (const box of await cycles.all()) await box.check();
	await lead.getByRole('button', { name: 'Submit self-assessment' }).click();
	await lead.waitForURL(/\/submissions\/[0-9a-f-]{36}\?submitted=/);
	const sent = decodeURIComponent(new URL(lead.url()).searchParams.get('submitted') ?? '').match(/[0-9a-f-]{36}/g) ?? [];
	expect(sent).toHaveLength(2);

	// A new revision afterwards moves the live return on, not what was sent.
	const library = `/organisations/${ids.organisations[TRUST]}/evidence`;
	await lead.goto(`${ret}/standards/1`);
	await requirement(lead, '1.1').getByRole('link', { name: 'Safeguarding policy' }).click();
	await expect(lead).toHaveURL(new RegExp(`${library}/[0-9a-f-]{36}$`));
	await lead.getByLabel('Upload a new revision').setInputFiles({ name: 'Safeguarding policy v2.pdf', mimeType: 'application/pdf', buffer: await pdfWith(['Ambulance safeguarding policy, version 2']) });
	await lead.getByRole('button', { name: 'Upload Upload a new revision' }).click();
	await expect(lead.getByText('Revision 2').first()).toBeVisible();
	await lead.context().close();

	// Northmere's chair reads Northmere's submission and downloads revision 1, byte for byte.
	const chair = await personIn(browser, 'chair@northmere.example.org');
	let opened = false;
	for (const id of sent) {
		const res = await chair.goto(`/partnerships/${ids.partnerships.northmere}/submissions/${id}`);
		if (res?.status() !== 200) continue;
		opened = true;
		await expectAccessible(chair);
		const link = chair.getByRole('link', { name: 'Safeguarding policy (download)' });
		await expect(link).toBeVisible();
		await expect(chair.getByText('revision 1')).toBeVisible();
		const [download] = await Promise.all([chair.waitForEvent('download'), link.click()]);
		expect(download.suggestedFilename()).toBe('Safeguarding policy.pdf');
		expect(fs.readFileSync(await download.path())).toEqual(first);
	}
	expect(opened).toBe(true);
	await chair.context().close();
});
