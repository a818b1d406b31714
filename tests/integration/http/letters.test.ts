// Feedback letters over HTTP, role by role: who reads and who writes, the
// wording's 409 rule without JavaScript, issuing, the organisation reading only
// its own issued letter (stored bytes, matching the recorded hash), the ZIP of
// a cycle's letters, the logo upload, and invalid input answered with a message.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actorClients, pageText } from '../../helpers/http';
import { inputValues } from '../../helpers/html';
import { fieldError } from '../../helpers/evidence-uploads';
import { pngImage } from '../../helpers/images';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
const nm = `/partnerships/${ids.partnerships.northmere}`;
const cycle = `${nm}/cycles/${ids.pastS11Northmere}`;
const policeId = ids.organisations['Mercia Vale Police'];
const ambulanceId = ids.organisations['Mercia Vale Ambulance Service NHS Trust'];
const AMBULANCE_LEAD = 'lead@mercia-vale-ambulance-service-nhs-trust.example.org';
const letterPage = `${cycle}/letters/${ids.policeLetter}`;
let server: TestServer;

const clientOf = actorClients<SignedInActor | 'ambulance_lead'>(() => server.url, { ...ACTORS, ambulance_lead: AMBULANCE_LEAD });
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
	server = await startTestServer({});
}, 180_000);
afterAll(() => server?.stop());

async function versionOn(path: string): Promise<string> {
	return inputValues(await (await (await clientOf('nm_chair')).get(path)).text()).version;
}

describe('reading letters', () => {
	it('the business unit, the chair and the board read the cycle’s letters; a moderator may not; anonymous signs in', async () => {
		for (const actor of ['nm_bu', 'nm_chair', 'nm_board'] as const) {
			const res = await (await clientOf(actor)).get(`${cycle}/letters`);
			expect(res.status, actor).toBe(200);
			expect(await pageText(res)).toContain('Mercia Vale Police');
		}
		expect((await (await clientOf('nm_moderator')).get(`${cycle}/letters`)).status).toBe(403);
		expect((await (await clientOf('anonymous')).get(`${cycle}/letters`)).status).toBe(303);
	});

	it('the partnership’s overview lists the cycles with letters and counts them', async () => {
		const text = await pageText(await (await clientOf('nm_board')).get(nm));
		expect(text).toMatch(/Feedback letters\s+Section 11 audit [^:]+: 0 issued, 1 draft\b/);
	});

	it('only the chair is offered the forms: the board reads the wording without them', async () => {
		const board = await pageText(await (await clientOf('nm_board')).get(letterPage));
		expect(board).toContain('Dear colleagues at Mercia Vale Police');
		expect(board).not.toContain('Issue letter');
		expect(board).not.toContain('Draft letters');
		expect(await pageText(await (await clientOf('nm_chair')).get(letterPage))).toContain('Issue letter');
	});

	it('the board cannot write: drafting, saving and issuing are refused', async () => {
		const board = await clientOf('nm_board');
		const version = await versionOn(letterPage);
		expect((await board.post(`${cycle}/letters`, {}, { action: 'draft' })).status).toBe(403);
		expect((await board.post(letterPage, { version, body: 'Board words' }, { action: 'save' })).status).toBe(403);
		expect((await board.post(letterPage, { version, confirm: 'yes' }, { action: 'issue' })).status).toBe(403);
		expect(await pageText(await board.get(letterPage))).not.toContain('Board words');
	});

	it('another partnership reaches none of it', async () => {
		const eb = await clientOf('eb_chair');
		for (const path of [`${cycle}/letters`, letterPage, `${letterPage}/letter.pdf`, `/partnerships/${ids.partnerships.eastbrook}/cycles/${ids.pastS11Northmere}/letters/${ids.policeLetter}`]) {
			expect((await eb.get(path)).status, path).toBe(404);
		}
	});

	it('the organisation never sees a draft: its own draft letter is a 404, on its pages and by download', async () => {
		const lead = await clientOf('police_lead');
		expect((await lead.get(`/organisations/${policeId}/letters/${ids.policeLetter}/letter.pdf`)).status).toBe(404);
		expect(await pageText(await lead.get('/home'))).not.toContain('Feedback letter from');
		expect(await pageText(await lead.get(`/organisations/${policeId}`))).not.toContain('Feedback letters');
	});
});

describe('the chair words and issues a letter', () => {
	it('refuses empty wording with a message beside the field, keeping nothing of it', async () => {
		const chair = await clientOf('nm_chair');
		const res = await chair.post(letterPage, { version: await versionOn(letterPage), body: '   ' }, { action: 'save' });
		expect(res.status).toBe(400);
		expect(fieldError(await res.text(), 'body')).toBe('Enter the wording of the letter');
	});

	it('a stale save shows theirs beside yours and loses nothing', async () => {
		const chair = await clientOf('nm_chair');
		const version = await versionOn(letterPage);
		const body = (await (await chair.get(letterPage)).text()).length ? inputValues(await (await chair.get(letterPage)).text()).body : '';
		expect((await chair.post(letterPage, { version, body: `${body}\n\nTheirs: saved first.` }, { action: 'save' })).status).toBe(303);
		const stale = await chair.post(letterPage, { version, body: `${body}\n\nMine: typed on a stale page.` }, { action: 'save' });
		expect(stale.status).toBe(409);
		const html = await stale.text();
		expect(inputValues(html).body).toContain('Mine: typed on a stale page.');
		expect(html).toContain('Theirs: saved first.');
		expect(fieldError(html, 'body')).toMatch(/changed by someone else/);
		// Saving again from the page it got back replaces theirs.
		expect((await chair.post(letterPage, { version: inputValues(html).version, body: inputValues(html).body }, { action: 'save' })).status).toBe(303);
		expect(inputValues(await (await chair.get(letterPage)).text()).body).toContain('Mine: typed on a stale page.');
	});

	it('issues only with the box ticked, then serves the stored bytes, whose hash is the one shown', async () => {
		const chair = await clientOf('nm_chair');
		const version = await versionOn(letterPage);
		const unticked = await chair.post(letterPage, { version }, { action: 'issue' });
		expect(unticked.status).toBe(400);
		expect(fieldError(await unticked.text(), 'confirm')).toMatch(/Tick the box/);
		expect((await chair.post(letterPage, { version, confirm: 'yes' }, { action: 'issue' })).status).toBe(303);
		const page = await pageText(await chair.get(letterPage));
		expect(page).toContain('Issued');
		const shown = /PDF ([0-9a-f]{64})/.exec(page)![1];
		const first = await bytesOf(await chair.get(`${letterPage}/letter.pdf`));
		const lead = await clientOf('police_lead');
		const res = await lead.get(`/organisations/${policeId}/letters/${ids.policeLetter}/letter.pdf`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const theirs = await bytesOf(res);
		expect(sha256(theirs)).toBe(shown);
		expect(theirs.equals(first)).toBe(true);
		const docx = await lead.get(`/organisations/${policeId}/letters/${ids.policeLetter}/letter.docx`);
		expect(docx.status).toBe(200);
		expect((await bytesOf(docx)).subarray(0, 2).toString()).toBe('PK');
		// Once issued there is no form to change it, and a save is refused with the wording kept for copying.
		expect(page).not.toContain('Save wording');
		const late = await chair.post(letterPage, { version: String(Number(version) + 1), body: 'Too late' }, { action: 'save' });
		expect(late.status).toBe(409);
		expect(await pageText(late)).toContain('Too late');
	});

	it('lists the issued letter on the organisation’s home and organisation pages, and logs every download', async () => {
		const lead = await clientOf('police_lead');
		expect(await pageText(await lead.get('/home'))).toMatch(/Feedback letter from Northmere[^]*PDF/);
		expect(await pageText(await lead.get(`/organisations/${policeId}`))).toContain('Feedback letters');
		const audit = await pageText(await (await clientOf('nm_bu')).get(`${nm}/audit-log`));
		expect(audit).toMatch(/letter\.download/);
		expect(audit).toMatch(/letter\.issue/);
	});

	it('another organisation’s issued letter is a 404 to its people', async () => {
		const other = await clientOf('ambulance_lead');
		expect((await other.get(`/organisations/${policeId}/letters/${ids.policeLetter}/letter.pdf`)).status).toBe(404);
		expect((await other.get(`/organisations/${ambulanceId}/letters/${ids.policeLetter}/letter.pdf`)).status).toBe(404);
	});

	it('puts every issued letter of the cycle, PDF and Word, in one ZIP', async () => {
		const res = await (await clientOf('nm_board')).get(`${cycle}/letters.zip`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		const zip = await bytesOf(res);
		expect(zip.includes(Buffer.from('Mercia Vale Police Section 11'))).toBe(true);
		expect(zip.includes(Buffer.from('feedback letter.pdf'))).toBe(true);
		expect(zip.includes(Buffer.from('feedback letter.docx'))).toBe(true);
	});
});

describe('the logo', () => {
	const upload = async (actor: SignedInActor, bytes: Buffer, name: string, type: string) => {
		const form = new FormData();
		form.append('logo', new Blob([new Uint8Array(bytes)], { type }), name);
		return (await clientOf(actor)).postMultipart(`${nm}/logo`, form);
	};

	it('refuses what is not a PNG or JPEG, whatever its name says, with a message', async () => {
		const res = await upload('nm_bu', Buffer.from('GIF89a pretending'), 'logo.png', 'image/png');
		expect(res.status).toBe(400);
		expect(fieldError(await res.text(), 'logo')).toBe('The logo must be a PNG or JPEG image');
		const empty = await (await clientOf('nm_bu')).post(`${nm}/logo`, {});
		expect(fieldError(await empty.text(), 'logo')).toBe('Choose a PNG or JPEG file of the logo');
	});

	it('takes a PNG from the business unit only, and shows it', async () => {
		expect((await upload('nm_chair', pngImage(), 'logo.png', 'image/png')).status).toBe(403);
		expect((await upload('nm_bu', pngImage(300, 100), 'northmere.png', 'image/png')).status).toBe(303);
		const bu = await clientOf('nm_bu');
		expect(await pageText(await bu.get(`${nm}/logo`))).toContain('Current logo: northmere.png');
		const img = await bu.get(`${nm}/logo/logo.img`);
		expect(img.headers.get('content-type')).toBe('image/png');
		expect((await bytesOf(img)).equals(pngImage(300, 100))).toBe(true);
	});
});
