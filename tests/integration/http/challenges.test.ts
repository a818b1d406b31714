// The challenge log over HTTP, against the built server, as a browser without
// JavaScript uses it: role by role, another organisation's or partnership's
// ids, invalid input, the whole loop, filters, two stale pages, and evidence
// opened only through the challenge that cites it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { EvidenceMaker, type MadeRevision } from '../../helpers/evidence';
import { ukToday } from '../../../src/lib/domain/cycles';

const ids = inject('demoIds');
const police = ids.organisations['Mercia Vale Police'];
const nhs = ids.organisations['Mercia Vale Community Health NHS Trust'];
const nm = `/partnerships/${ids.partnerships.northmere}`;
const eb = `/partnerships/${ids.partnerships.eastbrook}`;
const due = (() => {
	const d = new Date(Date.parse(`${ukToday()}T12:00:00Z`) + 21 * 86_400_000);
	return { 'dueOn-day': String(d.getUTCDate()), 'dueOn-month': String(d.getUTCMonth() + 1), 'dueOn-year': String(d.getUTCFullYear()) };
})();

let server: TestServer;
let policy: MadeRevision;
let rota: MadeRevision;
beforeAll(async () => {
	server = await startTestServer({
		prepare: async (db, dataDir) => {
			const e = new EvidenceMaker(db, dataDir);
			policy = await e.document(police, ACTORS.police_lead, { title: 'Night shift training record', fileName: 'training.txt', mediaType: 'text/plain', bytes: 'Night shift training, 87% attended' });
			rota = await e.document(police, ACTORS.police_lead, { title: 'Staff rota', fileName: 'rota.txt', mediaType: 'text/plain', bytes: 'Rota' });
		}
	});
}, 180_000);
afterAll(() => server?.stop());

const clients = new Map<SignedInActor, Client>();
async function as(actor: SignedInActor): Promise<Client> {
	if (!clients.has(actor)) clients.set(actor, await new Client(server.url).signIn(ACTORS[actor]));
	return clients.get(actor)!;
}

/** Raises a challenge as `actor` and returns its id (from the redirect). */
async function raise(actor: SignedInActor, form: Record<string, string>): Promise<string> {
	const res = await (await as(actor)).post(`${nm}/challenges/new`, { source: 'other', ...due, ...form });
	expect(res.status, await res.clone().text().then((t) => t.slice(0, 400))).toBe(303);
	return /challenges\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1];
}

describe('who may do what', () => {
	it('sends anonymous people to sign in', async () => {
		const res = await new Client(server.url).get(`${nm}/challenges`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/sign-in\?next=/);
	});

	it('lets a board member read the log and an entry, with no forms, and refuses every write with 403', async () => {
		const board = await as('nm_board');
		const list = await board.get(`${nm}/challenges`);
		expect(list.status).toBe(200);
		const listText = await pageText(list);
		expect(listText).toContain('Challenge log');
		expect(listText).not.toContain('Raise a challenge');
		const entry = await board.get(`${nm}/challenges/${ids.challenges.policeAnswered}`);
		const html = await entry.text();
		expect(html).toContain('Night teams have a recorded e-learning module');
		expect(html).not.toContain('name="decision"');
		expect((await board.get(`${nm}/challenges/new`)).status).toBe(403);
		expect((await board.post(`${nm}/challenges/new`, { organisation: police, text: 'x', source: 'other', ...due })).status).toBe(403);
		expect((await board.post(`${nm}/challenges/${ids.challenges.policeAnswered}`, { decision: 'accept', version: '2' }, { action: 'decide' })).status).toBe(403);
	});

	it('lets a moderator raise a challenge but not decide one', async () => {
		const id = await raise('nm_moderator', { organisation: police, text: 'Moderator’s challenge', source: 'moderation' });
		const moderator = await as('nm_moderator');
		const page = await (await moderator.get(`${nm}/challenges/${id}`)).text();
		expect(page).toContain('Moderator’s challenge');
		expect(page).not.toContain('name="decision"');
		expect((await moderator.post(`${nm}/challenges/${id}`, { decision: 'close', version: '1' }, { action: 'decide' })).status).toBe(403);
	});

	it('answers 404 for a challenge through another partnership or another organisation', async () => {
		expect((await (await as('eb_chair')).get(`${eb}/challenges/${ids.challenges.policeOverdue}`)).status).toBe(404);
		expect((await (await as('nm_chair')).get(`${eb}/challenges/${ids.challenges.policeOverdue}`)).status).toBe(404);
		expect((await (await as('nhs_lead')).get(`/organisations/${nhs}/challenges/${ids.challenges.policeOverdue}`)).status).toBe(404);
		expect((await (await as('nhs_lead')).post(`/organisations/${nhs}/challenges/${ids.challenges.policeOverdue}`, { text: 'x', version: '1' }, { action: 'answer' })).status).toBe(404);
		expect((await (await as('police_lead')).get(`/organisations/${police}/challenges`)).status).toBe(200);
		expect(await pageText(await (await as('nhs_lead')).get(`/organisations/${nhs}/challenges`))).not.toContain('night');
	});

	it('lets a signatory read the organisation’s challenges but not answer', async () => {
		const signatory = await as('police_signatory');
		const page = await (await signatory.get(`/organisations/${police}/challenges/${ids.challenges.policeOverdue}`)).text();
		expect(page).toContain('Your self grade for this standard is Good');
		expect(page).not.toContain('Send answer');
		expect((await signatory.post(`/organisations/${police}/challenges/${ids.challenges.policeOverdue}`, { text: 'x', version: '1' }, { action: 'answer' })).status).toBe(403);
	});
});

describe('invalid input', () => {
	it('answers 400 with the message beside the field, and keeps what was typed', async () => {
		const chair = await as('nm_chair');
		const empty = await chair.post(`${nm}/challenges/new`, { organisation: police, source: 'other', text: '   ', ...due });
		expect(empty.status).toBe(400);
		expect(await pageText(empty)).toContain('Enter the challenge');
		const noCycle = await chair.post(`${nm}/challenges/new`, { organisation: police, source: 'other', text: 'Kept text', standard: '2', ...due });
		expect(noCycle.status).toBe(400);
		const html = await noCycle.text();
		expect(html).toContain('Choose the cycle (or submission) the standard belongs to');
		expect(inputValues(html).text).toBe('Kept text');
		const badDate = await chair.post(`${nm}/challenges/new`, { organisation: police, source: 'other', text: 'x', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' });
		expect(badDate.status).toBe(400);
		expect(await pageText(badDate)).toContain('The due date must be a real date');
		const other = await chair.post(`${nm}/challenges/new`, { organisation: ids.organisations['Eastbrook Borough Council'], source: 'other', text: 'x', ...due });
		expect(other.status).toBe(400);
		expect(await pageText(other)).toContain('Choose an organisation that is a member of the partnership');
		const further = await chair.post(`${nm}/challenges/${ids.challenges.policeAnswered}`, { decision: 'further', text: '', version: '2' }, { action: 'decide' });
		expect(further.status).toBe(400);
		const text = await pageText(further);
		expect(text).toContain('Enter the further challenge');
		expect(text).toContain('Enter the new due date');
	});

	it('prefills the raise form from the moderation page’s link', async () => {
		const html = await (await (await as('nm_chair')).get(`${nm}/challenges/new?organisation=${police}&submission=${ids.police.submissionId}&standard=3&requirement=3.1&source=moderation`)).text();
		const values = inputValues(html);
		expect(values).toMatchObject({ organisation: police, submission: ids.police.submissionId, standard: '3', requirement: '3.1', source: 'moderation' });
	});
});

describe('the whole loop, with evidence opened only through the challenge', () => {
	it('chair raises, lead answers citing a library document, chair downloads exactly that revision, challenges further, lead answers, chair closes', async () => {
		const id = await raise('nm_chair', { organisation: police, submission: ids.police.submissionId, requirement: '2.1', text: 'HTTP loop challenge: show the training record', source: 'moderation' });
		const lead = await as('police_lead');
		const orgPage = `/organisations/${police}/challenges/${id}`;
		const answerForm = inputValues(await (await lead.get(orgPage)).text());
		const answered = await lead.post(orgPage, { text: 'Here is the record', documents: [policy.documentId], version: answerForm.version }, { action: 'answer' });
		expect(answered.status).toBe(200);
		expect(await pageText(answered)).toContain('Your answer has been sent to the partnership');

		const chair = await as('nm_chair');
		const entryHtml = await (await chair.get(`${nm}/challenges/${id}`)).text();
		expect(entryHtml).toContain('Here is the record');
		expect(entryHtml).toContain(`/challenges/${id}/evidence/${policy.revisionId}`);
		const file = await chair.get(`${nm}/challenges/${id}/evidence/${policy.revisionId}`);
		expect(file.status).toBe(200);
		expect(await file.text()).toBe('Night shift training, 87% attended');
		// A revision of the same organisation's library that no answer cites, and the cited one through another challenge.
		expect((await chair.get(`${nm}/challenges/${id}/evidence/${rota.revisionId}`)).status).toBe(404);
		expect((await chair.get(`${nm}/challenges/${ids.challenges.policeAnswered}/evidence/${policy.revisionId}`)).status).toBe(404);
		expect((await (await as('eb_chair')).get(`${eb}/challenges/${id}/evidence/${policy.revisionId}`)).status).toBe(404);
		// The board member reads it too, through the challenge.
		expect((await (await as('nm_board')).get(`${nm}/challenges/${id}/evidence/${policy.revisionId}`)).status).toBe(200);

		const version = inputValues(entryHtml).version;
		const further = await chair.post(`${nm}/challenges/${id}`, { decision: 'further', text: 'And the attendance for nights?', 'newDueOn-day': due['dueOn-day'], 'newDueOn-month': due['dueOn-month'], 'newDueOn-year': due['dueOn-year'], action: 'none', version }, { action: 'decide' });
		expect(further.status).toBe(200);
		const v2 = inputValues(await (await lead.get(orgPage)).text()).version;
		expect((await lead.post(orgPage, { text: 'Nights: 87%', version: v2 }, { action: 'answer' })).status).toBe(200);
		const v3 = inputValues(await (await chair.get(`${nm}/challenges/${id}`)).text()).version;
		const closed = await chair.post(`${nm}/challenges/${id}`, { decision: 'close', text: 'Thank you', action: 'none', version: v3 }, { action: 'decide' });
		expect(closed.status).toBe(200);
		const text = await pageText(closed);
		expect(text).toContain('Closed');
		expect(text.indexOf('Challenge raised')).toBeLessThan(text.indexOf('Further challenge'));
		expect(text.indexOf('Further challenge')).toBeLessThan(text.lastIndexOf('Organisation answered'));
		expect(text).not.toContain('Record decision');
	});
});

describe('two people acting on the same entry from stale pages', () => {
	it('the second gets a 409 with the current state shown and their text kept', async () => {
		const id = await raise('nm_chair', { organisation: police, text: 'Stale page challenge' });
		const orgPage = `/organisations/${police}/challenges/${id}`;
		const lead = await as('police_lead');
		const contributor = await as('police_contributor');
		const version = inputValues(await (await lead.get(orgPage)).text()).version;
		expect((await lead.post(orgPage, { text: 'The lead’s answer', version }, { action: 'answer' })).status).toBe(200);
		const stale = await contributor.post(orgPage, { text: 'The contributor’s own words', version }, { action: 'answer' });
		expect(stale.status).toBe(409);
		// What a person reads (not the page's hydration data, which carries the form too).
		const text = await pageText(stale);
		expect(text).toContain('Someone else acted on this challenge');
		expect(text).toContain('The lead\'s answer');
		expect(text).toContain('Answered: waiting for the chair');
		expect(text).toContain('Your answer was not sent');
		expect(text).toContain('The contributor\'s own words');
	});
});

describe('two decisions from stale pages', () => {
	it('the second decision gets a 409, the page shows the first, and the second one’s reasons are kept', async () => {
		const id = await raise('nm_chair', { organisation: police, text: 'Two decisions challenge' });
		const chair = await as('nm_chair');
		const page = `${nm}/challenges/${id}`;
		const version = inputValues(await (await chair.get(page)).text()).version;
		expect((await chair.post(page, { decision: 'close', text: 'Raised in error', action: 'none', version }, { action: 'decide' })).status).toBe(200);
		const stale = await chair.post(page, { decision: 'escalate', text: 'Escalating: no reply to the board', action: 'none', version }, { action: 'decide' });
		expect(stale.status).toBe(409);
		const text = await pageText(stale);
		expect(text).toContain('Someone else acted on this challenge');
		expect(text).toContain('Raised in error');
		expect(text).toContain('Your decision was not sent');
		expect(text).toContain('Escalating: no reply to the board');
	});
});

describe('filters', () => {
	it('filters by organisation, status, source, standard and overdue, overdue first with a tag', async () => {
		const chair = await as('nm_chair');
		const all = await pageText(await chair.get(`${nm}/challenges`));
		expect(all.indexOf('Overdue')).toBeGreaterThan(-1);
		expect(all.indexOf('Your self grade for this standard is Good')).toBeLessThan(all.indexOf('The board asked how staff who work nights'));
		const overdue = await pageText(await chair.get(`${nm}/challenges?overdue=yes`));
		expect(overdue).toContain('Your self grade for this standard is Good');
		expect(overdue).not.toContain('The board asked how staff who work nights');
		const answered = await pageText(await chair.get(`${nm}/challenges?status=answered&source=board_meeting&organisation=${police}`));
		expect(answered).toContain('The board asked how staff who work nights');
		expect(answered).not.toContain('Your self grade for this standard is Good');
		const nhsOnly = await pageText(await chair.get(`${nm}/challenges?organisation=${nhs}`));
		expect(nhsOnly).toContain('rapid reviews');
		expect(nhsOnly).not.toContain('night');
		const standard = await pageText(await chair.get(`${nm}/challenges?standard=4`));
		expect(standard).toContain('rapid reviews');
		expect(standard).not.toContain('Your self grade');
	});

	it('shows the organisation’s open challenges on its home page, its own page and the partnership’s page of it', async () => {
		const home = await pageText(await (await as('police_lead')).get('/home'));
		expect(home).toMatch(/[0-9]+ challenges? from your partnerships not closed for Mercia Vale Police [0-9]+ overdue/);
		const own = await pageText(await (await as('police_lead')).get(`/organisations/${police}`));
		expect(own).toContain('Challenges from your partnerships');
		expect(own).toMatch(/1 challenge is overdue|[0-9]+ challenges are overdue/);
		const member = await (await as('nm_chair')).get(`${nm}/organisations/${police}`);
		const html = await member.text();
		expect(html).toContain(`${nm}/challenges/new?organisation=${police}`);
		expect(html).toContain('Your self grade for this standard is Good');
	});
});
