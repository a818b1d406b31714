// The evidence library and a document's page at the HTTP level, role by role
// (anonymous, the organisation's signatory, contributor and lead, another
// organisation's lead, a partnership's business unit), then each action:
// details, removal and a new revision, all versioned. Documents are recorded
// before the server starts; a new revision goes through the real upload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { pdfWith } from '../../helpers/evidence-files';
import { details, documentWith, storedFile } from '../../helpers/library';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { createDocument } from '../../../src/lib/server/evidence';
import { linkDocuments, listReturnEvidence } from '../../../src/lib/server/evidence-links';
import type { Db } from '../../../src/lib/server/db';

const ids = inject('demoIds');
let server: TestServer;
const police = () => ids.organisations['Mercia Vale Police'];
const nhs = () => ids.organisations['Mercia Vale Community Health NHS Trust'];
const library = () => `/organisations/${police()}/evidence`;
const docs: Record<'policy' | 'revised' | 'removed' | 'other' | 'nhs', string> = { policy: '', revised: '', removed: '', other: '', nhs: '' };
let revisedFirst = '';
const clients = new Map<string, Client>();
const as = async (email: string) => {
	if (!clients.has(email)) clients.set(email, await new Client(server.url).signIn(email));
	return clients.get(email)!;
};
const LEAD = 'lead@police.example.org';
const CONTRIBUTOR = 'contributor@police.example.org';
const SIGNATORY = 'director@police.example.org';
const NHS_LEAD = 'lead@nhs.example.org';
const NM_BU = 'business.unit@northmere.example.org';

async function prepare(db: Db) {
	const by = (email: string) => ({ ...SYSTEM_CONTEXT, actorId: ids.users[email], actorEmail: email });
	const ret = { id: ids.police.returnId, organisationId: police() };
	const nhsNumber = [{ where: 'page 3', kind: 'nhs-number' as const, excerpt: '943 *** ****', message: 'An NHS number' }];
	const policy = await createDocument(db, by(CONTRIBUTOR), police(), details('Safeguarding policy 2026', { reviewBy: '2020-01-01', documentDate: '2019-06-30' }), storedFile(police(), 'policy', { findings: nhsNumber }));
	docs.policy = policy.documentId;
	await linkDocuments(db, by(CONTRIBUTOR), ret, '1.1', [docs.policy], null);
	await db.query(`insert into submission_evidence (submission_id, requirement_code, revision_id) values ($1, '1.1', $2)`, [ids.police.submissionId, policy.revisionId]);
	const revised = await documentWith(db, by(LEAD), police(), 'Training records', [storedFile(police(), 'training v1')]);
	docs.revised = revised.documentId;
	revisedFirst = revised.revisionIds[0];
	await linkDocuments(db, by(LEAD), ret, '2.1', [docs.revised], null);
	await db.query(`insert into submission_evidence (submission_id, requirement_code, revision_id) values ($1, '2.1', $2)`, [ids.police.submissionId, revisedFirst]);
	const removed = await createDocument(db, by(LEAD), police(), details('Old escalation procedure'), storedFile(police(), 'escalation', { findings: nhsNumber }));
	docs.removed = removed.documentId;
	await linkDocuments(db, by(LEAD), ret, '3.1', [docs.removed], null);
	await db.query(`insert into submission_evidence (submission_id, requirement_code, revision_id) values ($1, '3.1', $2)`, [ids.police.submissionId, removed.revisionId]);
	docs.other = (await createDocument(db, by(LEAD), police(), details('Board minutes'), storedFile(police(), 'minutes'))).documentId;
	docs.nhs = (await createDocument(db, by(NHS_LEAD), nhs(), details('NHS policy'), storedFile(nhs(), 'nhs policy'))).documentId;
}

beforeAll(async () => {
	server = await startTestServer({ prepare });
}, 120_000);
afterAll(() => server.stop());

const doc = (key: keyof typeof docs) => `${library()}/${docs[key]}`;

describe('the library', () => {
	it('sends anonymous people to sign in, and is not there for another organisation’s lead or a partnership’s business unit', async () => {
		const res = await new Client(server.url).get(library());
		expect(res.status).toBe(303);
		for (const email of [NHS_LEAD, NM_BU]) expect((await (await as(email)).get(library())).status).toBe(404);
	});

	it('lists the organisation’s documents with their flags for everyone in it; only those who may upload see the button', async () => {
		for (const email of [SIGNATORY, CONTRIBUTOR, LEAD]) {
			const res = await (await as(email)).get(library());
			expect(res.status).toBe(200);
			const text = await pageText(res);
			expect(text).toContain('4 documents');
			expect(text).toMatch(/Safeguarding policy 2026[\s\S]*Personal data found/);
			expect(text).toContain('Overdue for review');
			expect(text).not.toContain('NHS policy');
			expect(text.includes('Upload documents'), email).toBe(email !== SIGNATORY);
		}
	});

	it('searches by title and filters by flag and requirement', async () => {
		const lead = await as(LEAD);
		const text = async (query: string) => pageText(await lead.get(`${library()}?${query}`));
		expect(await text('q=SAFEGUARDING')).toMatch(/1 document match[\s\S]*Safeguarding policy 2026/);
		expect(await text('q=nothing-like-this')).toContain('No documents match');
		expect(await text('flag=flagged')).toContain('2 documents match');
		expect(await text('flag=overdue')).toMatch(/1 document match[\s\S]*Safeguarding policy/);
		expect(await text('requirement=2.1')).toMatch(/1 document match[\s\S]*Training records/);
	});
});

describe('the organisation page', () => {
	it('tells the lead of every document that may identify children, an uploader of their own, and links to them', async () => {
		const page = async (email: string) => (await (await as(email)).get(`/organisations/${police()}`)).text();
		expect(await page(LEAD)).toMatch(/2 documents may identify children[\s\S]*href="\/organisations\/[^"]+\/evidence\?flag=flagged"/);
		expect(await page(CONTRIBUTOR)).toContain('1 document may identify children');
		expect(await page(SIGNATORY)).not.toContain('may identify children');
		expect(await page(SIGNATORY)).toContain(`href="${library()}"`);
	});
});

describe('a document’s page', () => {
	it('shows its details, the personal-data check and where it is cited to the organisation’s people only', async () => {
		for (const email of [NHS_LEAD, NM_BU]) expect((await (await as(email)).get(doc('policy'))).status).toBe(404);
		expect((await (await as(LEAD)).get(`${library()}/${docs.nhs}`)).status).toBe(404);
		const res = await (await as(SIGNATORY)).get(doc('policy'));
		expect(res.status).toBe(200);
		const html = await res.text();
		const text = await pageText(new Response(html));
		expect(text).toContain('page 3: an NHS number');
		expect(text).toMatch(/redact it and upload the redacted file as a new revision/);
		expect(text).toMatch(/Review by\s*1 January 2020\s*Overdue for review/);
		expect(html).toContain(`href="/organisations/${police()}/returns/${ids.police.returnId}/standards/1"`);
		expect(html).toContain(`href="/organisations/${police()}/submissions/${ids.police.submissionId}"`);
		expect(html).toContain(`${doc('policy')}/revisions/1/file`);
		expect(text).not.toContain('Save details');
	});

	it('refuses changes from the signatory (403), and from another organisation (404)', async () => {
		expect((await (await as(SIGNATORY)).post(doc('other'), { title: 'x', version: '1' }, { action: 'details' })).status).toBe(403);
		expect((await (await as(NHS_LEAD)).post(doc('other'), { title: 'x', version: '1' }, { action: 'details' })).status).toBe(404);
	});
});

describe('changing the details', () => {
	it('keeps what was typed beside each error, saves a valid change, and refuses a stale one with both versions shown', async () => {
		const lead = await as(LEAD);
		const form = inputValues(await (await lead.get(doc('other'))).text());
		const bad = await lead.post(doc('other'), { ...form, title: ' ', 'reviewBy-day': '31', 'reviewBy-month': 'Feb', 'reviewBy-year': '2027' }, { action: 'details' });
		expect(bad.status).toBe(400);
		const badHtml = await bad.text();
		expect(badHtml).toContain('Enter a title');
		expect(badHtml).toMatch(/name="reviewBy-month"[^>]*value="Feb"|value="Feb"[^>]*name="reviewBy-month"/);

		const saved = await lead.post(doc('other'), { ...form, title: 'Board minutes, March 2026', 'documentDate-day': '27', 'documentDate-month': '3', 'documentDate-year': '2026' }, { action: 'details' });
		expect(saved.status).toBe(303);
		expect(await pageText(await lead.get(doc('other')))).toMatch(/Board minutes, March 2026[\s\S]*Document date\s*27 March 2026/);

		const stale = await (await as(CONTRIBUTOR)).post(doc('other'), { ...form, title: 'Minutes (contributor)' }, { action: 'details' });
		expect(stale.status).toBe(409);
		const staleText = await pageText(stale);
		expect(staleText).toMatch(/Someone else changed this document/);
		expect(staleText).toMatch(/Saved by someone else[\s\S]*Board minutes, March 2026[\s\S]*Minutes \(contributor\)/);
		expect(await pageText(await lead.get(doc('other')))).not.toContain('Minutes (contributor)');
	});
});

describe('removing a document', () => {
	it('needs the box ticked and the current version, then unlinks it from live returns and keeps it for its submissions', async () => {
		const lead = await as(LEAD);
		const { version } = inputValues(await (await lead.get(doc('removed'))).text());
		expect((await lead.post(doc('removed'), { version }, { action: 'remove' })).status).toBe(400);
		expect((await lead.post(doc('removed'), { version: String(Number(version) - 1), confirm: 'yes' }, { action: 'remove' })).status).toBe(409);
		expect((await lead.post(doc('removed'), { version, confirm: 'yes' }, { action: 'remove' })).status).toBe(303);
		const text = await pageText(await lead.get(doc('removed')));
		expect(text).toMatch(/Removed from the library[\s\S]*kept for the 1 submission that cite/);
		expect(text).toContain('Not cited by any requirement of your self-assessments');
		expect(text).not.toContain('Remove document');
		expect(await pageText(await lead.get(library()))).not.toContain('Old escalation procedure');
	});
});

describe('a new revision', () => {
	const revise = async (client: Client, version: string, confirm: boolean) => {
		const form = new FormData();
		if (confirm) form.set('noChildData', 'yes');
		form.set('files', new File([new Uint8Array(await pdfWith(['Training records for 2026, revised.']))], 'training-2026.pdf', { type: 'application/pdf' }));
		return client.postMultipart(doc('revised'), form, { action: `revise&version=${version}` });
	};

	it('asks for the confirmation first, refuses a stale version, and otherwise becomes the newest revision', async () => {
		const contributor = await as(CONTRIBUTOR);
		const html = await (await contributor.get(doc('revised'))).text();
		expect(html.indexOf('name="noChildData"')).toBeGreaterThan(-1);
		expect(html.indexOf('name="noChildData"')).toBeLessThan(html.indexOf('name="files"'));
		const { version } = inputValues(html);
		const unconfirmed = await revise(contributor, version, false);
		expect(unconfirmed.status).toBe(400);
		expect(await pageText(unconfirmed)).toContain('Confirm that the documents do not identify children');
		expect((await revise(contributor, String(Number(version) - 1), true)).status).toBe(409);
		expect((await revise(contributor, version, true)).status).toBe(303);
		const text = await pageText(await contributor.get(doc('revised')));
		expect(text).toMatch(/Revision\s*2/);
		expect(text).toMatch(/Download training-2026\.pdf[\s\S]*Download training v1\.pdf/);
		expect(text).toMatch(/requirement 2\.1, revision 1/);
	});

	it('is what live returns cite from then on; the submission keeps the revision it was sent with', async () => {
		await server.inspect(async (db) => {
			const live = (await listReturnEvidence(db, ids.police.returnId)).get('2.1')!.documents.find((d) => d.documentId === docs.revised)!;
			expect(live.revision).toBe(2);
			const sent = await db.query<{ revision_id: string }>(`select revision_id from submission_evidence where submission_id = $1 and requirement_code = '2.1'`, [ids.police.submissionId]);
			expect(sent.map((r) => r.revision_id)).toEqual([revisedFirst]);
			const removedLinks = await db.query('select 1 from evidence_links where document_id = $1', [docs.removed]);
			expect(removedLinks).toHaveLength(0);
		});
	});
});
