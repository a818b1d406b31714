// Adding an organisation that already works with another partnership: the
// organisation agrees first, so no business unit can take over an organisation
// (its details, its leads, and through a lead it invites, its live return) by
// typing its public URN or ODS code.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { mailText, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
let server: TestServer;
let smtp: TestSmtp;
let eastbrook: Client;
let northmere: Client;
let dsl: Client;

const OAKFIELD = { name: 'Oakfield Primary School', kind: 'school', sector: 'education', urn: '990100', address: '' };
const ST_CHADS = { name: 'St Chad’s CofE Primary School', kind: 'school', sector: 'education', urn: '990107', address: '' };
const eastbrookOrganisations = () => `/partnerships/${ids.partnerships.eastbrook}/organisations`;
const northmereOrganisations = () => `/partnerships/${ids.partnerships.northmere}/organisations`;
const requestPage = (organisation: string) => `/organisations/${ids.organisations[organisation]}/membership-requests/${ids.partnerships.eastbrook}`;

beforeAll(async () => {
	smtp = await startSmtp();
	server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@portal.example.org' } });
	[eastbrook, northmere, dsl] = await Promise.all([
		new Client(server.url).signIn('business.unit@eastbrook.example.org'),
		new Client(server.url).signIn('business.unit@northmere.example.org'),
		new Client(server.url).signIn('dsl@oakfield.example.org')
	]);
}, 120_000);
afterAll(async () => {
	await server.stop();
	await smtp.stop();
});

describe('a partnership adding an organisation another partnership already works with', () => {
	it('only asks: the organisation stays out of its reach until it agrees', async () => {
		// The demo already has this request; asking again changes nothing.
		const res = await eastbrook.post(`${eastbrookOrganisations()}/new`, OAKFIELD);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe(`${eastbrookOrganisations()}?requested`);
		const list = await pageText(await eastbrook.get(`${eastbrookOrganisations()}?requested`));
		expect(list).toContain('it has been asked to agree to join');
		expect(list).toMatch(/Waiting for organisations to agree[\s\S]*Oakfield Primary School/);

		const oakfield = `${eastbrookOrganisations()}/${ids.organisations['Oakfield Primary School']}`;
		expect((await eastbrook.get(oakfield)).status).toBe(404);
		expect((await eastbrook.post(oakfield, { email: 'someone@eastbrook.example.org', name: 'Someone' }, { action: 'inviteLead' })).status).toBe(404);
		expect((await eastbrook.get(`${oakfield}/edit`)).status).toBe(404);
		// The asking partnership cannot answer its own request, nor can the other partnership while the school has a lead.
		expect((await eastbrook.get(requestPage('Oakfield Primary School'))).status).toBe(404);
		expect((await eastbrook.post(requestPage('Oakfield Primary School'), {}, { action: 'agree' })).status).toBe(404);
		expect((await northmere.post(requestPage('Oakfield Primary School'), {}, { action: 'agree' })).status).toBe(403);
		const head = await new Client(server.url).signIn('head@oakfield.example.org');
		expect((await head.post(requestPage('Oakfield Primary School'), {}, { action: 'agree' })).status).toBe(403);

		const home = await pageText(await dsl.get(`/organisations/${ids.organisations['Oakfield Primary School']}`));
		expect(home).toContain('Eastbrook Safeguarding Children Partnership asks to add Oakfield Primary School as a member');
		// The lead's own home page says so too, linking to the answer; people who cannot answer are not told there.
		const leadHome = await (await dsl.get('/home')).text();
		expect(leadHome).toContain('Eastbrook Safeguarding Children Partnership asks to add Oakfield Primary School as a member');
		expect(leadHome).toContain(`href="${requestPage('Oakfield Primary School')}"`);
		expect(await pageText(await head.get('/home'))).not.toContain('asks to add');
	});

	it('joins when the lead agrees, and not when they decline', async () => {
		const page = await pageText(await dsl.get(requestPage('Oakfield Primary School')));
		expect(page).toContain('It will see only what you submit to its cycles, never your live self-assessment');

		const declined = await dsl.post(requestPage('Oakfield Primary School'), {}, { action: 'decline' });
		expect(declined.status).toBe(303);
		expect(declined.headers.get('location')).toBe(`/organisations/${ids.organisations['Oakfield Primary School']}?membership=declined`);
		expect((await dsl.get(requestPage('Oakfield Primary School'))).status).toBe(404);
		expect((await eastbrook.get(`${eastbrookOrganisations()}/${ids.organisations['Oakfield Primary School']}`)).status).toBe(404);
		expect(await pageText(await eastbrook.get(eastbrookOrganisations()))).not.toContain('Waiting for organisations to agree');

		// Asked again, the lead is told by email.
		expect((await eastbrook.post(`${eastbrookOrganisations()}/new`, OAKFIELD)).status).toBe(303);
		const mail = await smtp.waitFor((m) => m.to.includes('dsl@oakfield.example.org') && m.raw.includes('asks to add Oakfield'));
		expect(mailText(mail)).toContain(`${server.url}${requestPage('Oakfield Primary School')}`);
		expect((await dsl.post(requestPage('Oakfield Primary School'), {}, { action: 'agree' })).status).toBe(303);
		expect((await eastbrook.get(`${eastbrookOrganisations()}/${ids.organisations['Oakfield Primary School']}`)).status).toBe(200);
		await smtp.waitFor((m) => m.to.includes('business.unit@eastbrook.example.org') && m.raw.includes('Oakfield Primary School agreed to join'));
		// Answering twice (two tabs) is refused plainly.
		expect((await dsl.post(requestPage('Oakfield Primary School'), {}, { action: 'agree' })).status).toBe(404);

		const eastbrookLog = await pageText(await eastbrook.get(`/partnerships/${ids.partnerships.eastbrook}/audit-log`));
		for (const action of ['membership.request', 'membership.decline', 'membership.agree']) expect(eastbrookLog).toContain(action);
	});

	it('is answered by a business unit the organisation already works with when it has no lead', async () => {
		expect((await eastbrook.post(`${eastbrookOrganisations()}/new`, ST_CHADS)).status).toBe(303);
		// Without a lead, the business units it works with are told.
		await smtp.waitFor((m) => m.to.includes('business.unit@northmere.example.org') && mailText(m).includes(requestPage('St Chad’s CofE Primary School')));
		const stChads = `${northmereOrganisations()}/${ids.organisations['St Chad’s CofE Primary School']}`;
		const page = await pageText(await northmere.get(stChads));
		expect(page).toContain("Eastbrook Safeguarding Children Partnership asks to add St Chad's CofE Primary School as a member. It has no lead to answer, so you can.");
		const agreed = await northmere.post(requestPage('St Chad’s CofE Primary School'), {}, { action: 'agree' });
		expect(agreed.status).toBe(303);
		expect(agreed.headers.get('location')).toBe(`${stChads}?membership=agreed`);
		expect((await eastbrook.get(`${eastbrookOrganisations()}/${ids.organisations['St Chad’s CofE Primary School']}`)).status).toBe(200);
	});

	it('can be withdrawn until it is answered', async () => {
		const agency = { name: 'Northmere Homes', kind: 'agency', sector: 'housing', address: '' };
		expect((await eastbrook.post(`${eastbrookOrganisations()}/new`, agency)).status).toBe(303);
		const organisationId = ids.organisations['Northmere Homes'];
		const withdrawn = await eastbrook.post(eastbrookOrganisations(), { organisationId }, { action: 'withdraw' });
		expect(withdrawn.status).toBe(303);
		expect(await pageText(await eastbrook.get(`${eastbrookOrganisations()}?withdrawn`))).toContain('Request withdrawn.');
		expect((await northmere.get(`/organisations/${organisationId}/membership-requests/${ids.partnerships.eastbrook}`)).status).toBe(404);
		expect((await eastbrook.post(eastbrookOrganisations(), { organisationId }, { action: 'withdraw' })).status).toBe(409);
		expect((await eastbrook.post(eastbrookOrganisations(), { organisationId: 'not-a-uuid' }, { action: 'withdraw' })).status).toBe(400);
	});

	it('links at once an organisation nobody else holds', async () => {
		const created = await northmere.post(`${northmereOrganisations()}/new`, { name: 'Northmere Food Bank', kind: 'other', sector: 'voluntary', address: '' });
		const page = created.headers.get('location')!.split('?')[0];
		expect((await northmere.post(page, { confirm: 'yes' }, { action: 'deactivate' })).status).toBe(303);
		const linked = await eastbrook.post(`${eastbrookOrganisations()}/new`, { name: 'Northmere Food Bank', kind: 'other', sector: 'voluntary', address: '' });
		expect(linked.status).toBe(303);
		expect(linked.headers.get('location')).toMatch(/\?linked$/);
		expect((await eastbrook.get(linked.headers.get('location')!)).status).toBe(200);
	});
});

describe('a partnership that has ended an organisation’s membership', () => {
	it('reads its history but changes nothing, and must ask it to agree to rejoin', async () => {
		const police = ids.organisations['Mercia Vale Police'];
		const page = `${eastbrookOrganisations()}/${police}`;
		expect((await eastbrook.post(page, { confirm: 'yes' }, { action: 'deactivate' })).status).toBe(303);
		expect((await eastbrook.get(page)).status).toBe(200);
		expect((await eastbrook.get(`${page}/edit`)).status).toBe(403);
		expect((await eastbrook.post(page, { email: 'new.lead@police.example.org', name: 'New Lead' }, { action: 'inviteLead' })).status).toBe(403);
		expect((await eastbrook.post(page, {}, { action: 'deactivate' })).status).toBe(403);

		// Its cycles are no longer open to the organisation.
		const lead = await new Client(server.url).signIn('lead@police.example.org');
		const check = `/organisations/${police}/returns/${ids.police.returnId}/check`;
		const submit = await lead.post(check, { cycleIds: ids.cycles.s11Eastbrook }, { action: 'submit' });
		expect(submit.status).toBe(409);
		expect(await pageText(submit)).toContain('This cycle is not open to your organisation for this return');

		// The force has people here and works with Northmere: rejoining is a request its lead answers.
		const rejoin = await eastbrook.post(page, {}, { action: 'reactivate' });
		expect(rejoin.status).toBe(303);
		expect(rejoin.headers.get('location')).toBe(`${page}?asked`);
		expect((await eastbrook.get(`${page}/edit`)).status).toBe(403);
		const answer = `/organisations/${police}/membership-requests/${ids.partnerships.eastbrook}`;
		expect((await lead.post(answer, {}, { action: 'agree' })).status).toBe(303);
		expect((await eastbrook.get(`${page}/edit`)).status).toBe(200);
	});
});

describe('someone who belongs to the partnership that asked', () => {
	it('cannot answer its request through another role they hold', async () => {
		// Eastbrook's business unit user also becomes a business unit user of Northmere.
		const invited = await northmere.post(`/partnerships/${ids.partnerships.northmere}/users`, { email: 'business.unit@eastbrook.example.org', role: 'business_unit' }, { action: 'invite' });
		expect(invited.status).toBe(303);
		const mail = await smtp.waitFor((m) => m.to.includes('business.unit@eastbrook.example.org') && /\/invitations\/[a-z2-7]{32}/.test(mailText(m)));
		const token = /\/invitations\/([a-z2-7]{32})/.exec(mailText(mail))![1];
		const accepted = await eastbrook.post(`/invitations/${token}`, {});
		expect(accepted.headers.get('location')).toMatch(/\?welcome$/);

		// Northmere Homes has no lead, so Northmere's business units answer requests to add it.
		const homes = { name: 'Northmere Homes', kind: 'agency', sector: 'housing', address: '' };
		expect((await eastbrook.post(`${eastbrookOrganisations()}/new`, homes)).status).toBe(303);
		const answer = `/organisations/${ids.organisations['Northmere Homes']}/membership-requests/${ids.partnerships.eastbrook}`;
		expect((await eastbrook.post(answer, {}, { action: 'agree' })).status).toBe(403);
		expect((await northmere.post(answer, {}, { action: 'agree' })).status).toBe(303);
	});
});
