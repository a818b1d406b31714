// Moderation over HTTP, role by role: who reaches what (a moderator only what
// is assigned to them, by page, download or form), drafts saved without
// JavaScript with the 409 rule, assignment, and what the organisation sees.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actorClients, Client, pageText } from '../../helpers/http';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { EvidenceMaker, submissionCiting } from '../../helpers/evidence';

const ids = inject('demoIds');
const nm = `/partnerships/${ids.partnerships.northmere}`;
const pastCycle = `${nm}/cycles/${ids.pastS11Northmere}`;
const police = ids.organisations['Mercia Vale Police'];
const council = ids.organisations['Northmere Council Children’s Services'];
let server: TestServer;
const found = {} as { council: string; ambulanceNow: string; probation: string; unassigned: string };

beforeAll(async () => {
	server = await startTestServer({
		prepare: async (db, dataDir) => {
			const latest = async (organisationId: string, cycle: string) =>
				(await db.query<{ id: string }>('select id from submissions where organisation_id = $1 and cycle_id = $2 order by version desc limit 1', [organisationId, cycle]))[0].id;
			found.council = await latest(council, ids.pastS11Northmere);
			found.ambulanceNow = await latest(ids.organisations['Mercia Vale Ambulance Service NHS Trust'], ids.cycles.s11Northmere);
			found.probation = await latest(ids.organisations['Probation Service – Mercia Vale'], ids.pastS11Northmere);
			// The unassigned youth justice service sends a version citing a document, so there is a ZIP to refuse.
			const yjs = ids.organisations['Northmere Youth Justice Service'];
			const doc = await new EvidenceMaker(db, dataDir).document(yjs, 'lead@northmere-youth-justice-service.example.org', { title: 'Policy', fileName: 'policy.txt', mediaType: 'text/plain', bytes: 'Youth justice policy' });
			found.unassigned = await submissionCiting(db, ids.unassignedSubmission, { '1.1': [doc.file] });
		}
	});
}, 180_000);
afterAll(() => server?.stop());

const clientOf = actorClients<SignedInActor>(() => server.url, ACTORS);
const asLead = (email: string) => new Client(server.url).signIn(email);
/** The hidden version field of a standard's form on the moderation page. */
function versionOf(html: string, code: string): string {
	const form = html.split('action="?/saveStandard#standard-').find((part) => part.startsWith(`${code}"`))!;
	return /name="version" value="(\d+)"/.exec(form)![1];
}

describe('what a moderator reaches', () => {
	it('only the submissions assigned to them: any other is a 404 by page, by download and by form', async () => {
		const moderator = await clientOf('nm_moderator');
		expect((await moderator.get(`${nm}/submissions/${ids.police.submissionId}`)).status).toBe(200);
		const zip = `${nm}/submissions/${found.unassigned}/evidence.zip`;
		expect((await (await clientOf('nm_chair')).get(zip)).status).toBe(200);
		for (const path of [`${nm}/submissions/${found.unassigned}`, `${nm}/submissions/${found.unassigned}/moderation`, zip]) {
			expect((await moderator.get(path)).status, path).toBe(404);
		}
		expect((await moderator.post(`${nm}/submissions/${ids.unassignedSubmission}/moderation`, { code: '1', version: '0', grade: '2' }, { action: 'saveStandard' })).status).toBe(404);
	});

	it('sees only their own in the workspace, and the cycle page does not link to the others', async () => {
		const moderator = await clientOf('nm_moderator');
		const text = await pageText(await moderator.get(`${pastCycle}/moderation`));
		expect(text).toContain('Mercia Vale Police');
		expect(text).not.toContain('Northmere Youth Justice Service');
		const cycle = await (await moderator.get(pastCycle)).text();
		expect(cycle).not.toContain(`/submissions/${ids.unassignedSubmission}`);
		const chair = await pageText(await (await clientOf('nm_chair')).get(`${pastCycle}/moderation`));
		expect(chair).toContain('Northmere Youth Justice Service');
	});

	it('reaches a submission once the chair assigns it, and the assignment is in the audit log', async () => {
		const chair = await clientOf('nm_chair');
		const res = await chair.post(`${pastCycle}/moderation`, { organisationId: [ids.organisations['Probation Service – Mercia Vale']], moderatorId: ids.users[ACTORS.nm_moderator] }, { action: 'assign' });
		expect(res.status).toBe(303);
		expect((await (await clientOf('nm_moderator')).get(`${nm}/submissions/${found.probation}/moderation`)).status).toBe(200);
		const bad = await chair.post(`${pastCycle}/moderation`, { organisationId: [police], moderatorId: ids.users[ACTORS.nm_board] }, { action: 'assign' });
		expect(bad.status).toBe(400);
		expect(await pageText(bad)).toContain('Choose a moderator');
	});
});

describe('drafts without JavaScript', () => {
	it('saves a standard, and a stale page gets a 409 with theirs shown and its own text kept', async () => {
		const moderator = await clientOf('nm_moderator');
		const page = `${nm}/submissions/${found.council}/moderation`;
		const version = versionOf(await (await moderator.get(page)).text(), '2');
		const saved = await moderator.post(page, { code: '2', version, grade: '3', rationale: 'Supervision records are missing', changeRequest: '' }, { action: 'saveStandard' });
		expect(saved.status).toBe(200);
		const stale = await (await clientOf('nm_chair')).post(page, { code: '2', version, grade: '1', rationale: 'The chair typed this', changeRequest: '' }, { action: 'saveStandard' });
		expect(stale.status).toBe(409);
		const text = await pageText(stale);
		expect(text).toContain('Someone else saved standard 2');
		expect(text).toContain('The chair typed this');
		expect(text).toContain('Supervision records are missing');
	});

	it('refuses a grade that is not on the scale with a message, keeping the text', async () => {
		const res = await (await clientOf('nm_moderator')).post(`${nm}/submissions/${found.council}/moderation`, { code: '3', version: '0', grade: 'excellent', rationale: 'Kept text' }, { action: 'saveStandard' });
		expect(res.status).toBe(400);
		const text = await pageText(res);
		expect(text).toContain('Choose a grade from the scale');
		expect(text).toContain('Kept text');
	});

	it('will not accept an incomplete moderation, nor let a board member or the business unit write', async () => {
		// Probation's was assigned above and nothing is moderated yet.
		const page = `${nm}/submissions/${found.probation}/moderation`;
		const html = await (await clientOf('nm_moderator')).get(page).then((r) => r.text());
		const version = /action="\?\/accept"[\s\S]*?name="version" value="(\d+)"/.exec(html)![1];
		const res = await (await clientOf('nm_moderator')).post(page, { version }, { action: 'accept' });
		expect(res.status).toBe(400);
		expect(await pageText(res)).toContain('Before accepting');
		expect((await (await clientOf('nm_board')).post(page, { code: '2', version: '1', grade: '2' }, { action: 'saveStandard' })).status).toBe(403);
		expect((await (await clientOf('nm_bu')).post(page, { code: '2', version: '1', grade: '2' }, { action: 'saveStandard' })).status).toBe(403);
		expect((await (await clientOf('nm_moderator')).post(page, { version }, { action: 'complete' })).status).toBe(403);
	});
});

describe('what the organisation sees', () => {
	it('its self, moderated and agreed grades once moderation is complete', async () => {
		const text = await pageText(await (await clientOf('police_lead')).get(`/organisations/${police}/submissions/${ids.police.submissionId}`));
		expect(text).toContain('Moderation by Northmere');
		expect(text).toContain('Self, moderated and agreed grade per standard');
		expect(text).toContain('the evidence does not show it working in practice');
	});

	it('never a moderation in progress', async () => {
		const lead = await asLead('lead@northmere-council-children-s-services.example.org');
		const text = await pageText(await lead.get(`/organisations/${council}/submissions/${found.council}`));
		expect(text).not.toContain('Moderation by');
		expect(text).not.toContain('Supervision records are missing');
		expect(text).not.toContain('The grade is supported by the narrative');
	});

	it('the changes asked of it, on its page and its submission', async () => {
		const lead = await asLead('lead@mercia-vale-ambulance-service-nhs-trust.example.org');
		const ambulance = ids.organisations['Mercia Vale Ambulance Service NHS Trust'];
		expect(await pageText(await lead.get(`/organisations/${ambulance}`))).toContain('asks for changes to your Section 11 audit');
		expect(await pageText(await lead.get('/home'))).toContain("asks for changes to Mercia Vale Ambulance Service NHS Trust's Section 11 audit");
		const text = await pageText(await lead.get(`/organisations/${ambulance}/submissions/${found.ambulanceNow}`));
		expect(text).toContain('Changes requested');
		expect(text).toContain('Add the board minutes where the safeguarding annual report was discussed');
	});

	it('another organisation’s moderation is not there to see', async () => {
		const res = await (await clientOf('police_lead')).get(`/organisations/${police}/submissions/${found.council}`);
		expect(res.status).toBe(404);
	});
});

describe('from moderation to the challenge log', () => {
	it('each standard links the chair to raise a challenge about it, filled in; a board member is not offered it', async () => {
		const page = `${nm}/submissions/${found.council}/moderation`;
		const html = await (await clientOf('nm_chair')).get(page).then((r) => r.text());
		const href = /href="([^"]*\/challenges\/new\?[^"]*standard=3[^"]*)"/.exec(html)![1].replaceAll('&amp;', '&');
		expect(new URL(href, server.url).searchParams.get('source')).toBe('moderation');
		const form = await pageText(await (await clientOf('nm_chair')).get(href));
		expect(form).toContain('Northmere Council Children');
		expect(await (await clientOf('nm_board')).get(page).then((r) => r.status)).toBe(403);
	});
});
