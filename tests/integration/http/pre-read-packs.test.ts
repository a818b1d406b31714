// The panel's pre-read packs over HTTP: the chair downloads an organisation's
// pack from its slot and every pack of the event as one ZIP; each pack is that
// organisation's alone, tagged, and each download is in the audit log. Who may
// download what, role by role, is in the route matrix.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { actorClients } from '../../helpers/http';
import { isTagged, pdfText, savedPdf } from '../../helpers/pdf';
import { zipEntries } from '../../helpers/zip';
import { ACTORS, type SignedInActor } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ids = inject('demoIds');
const held = `/partnerships/${ids.partnerships.northmere}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}`;
let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
}, 180_000);
afterAll(() => server?.stop());

const clientOf = actorClients<SignedInActor>(() => server.url, ACTORS);
const textOf = (bytes: Buffer) => {
	const file = savedPdf(bytes);
	return { tagged: isTagged(file), text: pdfText(file) };
};

describe('pre-read packs', () => {
	it('the chair finds the pack on the slot’s page and downloads the police’s own, tagged', async () => {
		const chair = await clientOf('nm_chair');
		const page = await chair.get(`${held}/slots/${ids.events.heldPoliceSlot}`);
		expect(await page.text()).toContain('Pre-read pack (PDF)');
		const res = await chair.get(`${held}/slots/${ids.events.heldPoliceSlot}/pack.pdf`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toContain('Pre-read pack - Mercia Vale Police.pdf');
		const { tagged, text } = textOf(Buffer.from(await res.arrayBuffer()));
		expect(tagged).toBe(true);
		expect(text).toContain('Pre-read pack: Mercia Vale Police');
		expect(text).not.toContain('Mercia Vale Ambulance Service NHS Trust');
	});

	it('the business unit downloads every pack of the event as one ZIP, one PDF per organisation invited', async () => {
		const bu = await clientOf('nm_bu');
		const res = await bu.get(`${held}/packs.zip`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		const entries = await zipEntries(Buffer.from(await res.arrayBuffer()));
		expect(entries.map((e) => e.name).sort()).toEqual(['Pre-read pack - Mercia Vale Ambulance Service NHS Trust.pdf', 'Pre-read pack - Mercia Vale Police.pdf']);
		const ambulance = textOf(entries.find((e) => e.name.includes('Ambulance'))!.data).text;
		expect(ambulance).toContain('Pre-read pack: Mercia Vale Ambulance Service NHS Trust');
		expect(ambulance).not.toContain('Pre-read pack: Mercia Vale Police');
	});

	it('puts each download in the partnership’s audit log', async () => {
		const bu = await clientOf('nm_bu');
		const log = await (await bu.get(`/partnerships/${ids.partnerships.northmere}/audit-log`)).text();
		expect(log).toContain('challenge_event.packs_downloaded');
		expect(log).toContain('challenge_event.pack_downloaded');
	});
});
