// The challenge panel's pre-read packs on both databases: one organisation's
// pack holds its own submission, moderation and open challenges and nothing of
// another's, is tagged, and all packs stream as one ZIP with one PDF each.
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { bytesOf, isTagged, pdfText, savedPdf } from '../../helpers/pdf';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { raiseChallenge } from '../../../src/lib/server/challenges';
import { packInput, writePack } from '../../../src/lib/server/packs/pre-read-pack';
import { packsZip } from '../../../src/lib/server/packs/packs-zip';
import { ukToday } from '../../../src/lib/domain/cycles';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const POLICE = 'Mercia Vale Police';
const AMBULANCE = 'Mercia Vale Ambulance Service NHS Trust';
const today = ukToday();

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
	const chair = { ctx: { ...SYSTEM_CONTEXT, actorId: ids.users['chair@northmere.example.org'], actorEmail: 'chair@northmere.example.org' }, name: 'Chair', origin: 'https://portal.example' };
	for (const [name, text] of [[POLICE, 'CANARY police: show the custody audit'], [AMBULANCE, 'CANARY ambulance: show the referral audit']]) {
		await raiseChallenge(db, chair, {
			partnershipId: ids.partnerships.northmere, organisationId: ids.organisations[name], cycleId: ids.pastS11Northmere, submissionId: null,
			standardCode: '2', requirementCode: null, source: 'moderation', text, dueOn: '2020-01-01', actionId: null, actionClosureRequired: false
		});
	}
});
afterAll(() => db.drop());


describe('one organisation’s pre-read pack', () => {
	it('holds its grades, narratives, moderation and open challenges, marked overdue, and is tagged', async () => {
		const input = (await packInput(db, ids.pastS11Northmere, ids.organisations[POLICE], { eventTitle: 'Autumn challenge panel', startsAt: new Date('2026-11-03T10:00:00Z'), endsAt: new Date('2026-11-03T10:45:00Z'), place: 'Council House, Room 2' }, today))!;
		const file = savedPdf(await bytesOf(writePack(input)));
		expect(isTagged(file)).toBe(true);
		const got = pdfText(file);
		expect(got).toContain(`Pre-read pack: ${POLICE}`);
		expect(got).toContain('Autumn challenge panel');
		expect(got).toContain('CANARY police: show the custody audit');
		expect(got).toContain('OVERDUE');
		const narrative = input.submission.snapshot.standards[0].requirements.find((r) => r.narrative)!.narrative;
		expect(got).toContain(narrative.replace(/\s+/g, ' ').slice(0, 40));
		expect(got).toContain('Is the self-assessment complete?');
		expect(got).toContain('10:00am to 10:45am');
		expect(got, 'a completed moderation is not called a draft').not.toContain('draft');
		expect(got, 'another organisation’s challenge is never in it').not.toContain('CANARY ambulance');
		expect(got).not.toContain(AMBULANCE);
	});

	it('says the moderated grades are a draft while the moderation is in progress', async () => {
		const input = (await packInput(db, ids.pastS11Northmere, ids.organisations['Northmere Council Children’s Services'], null, today))!;
		expect(input.moderation?.state).toBe('awaiting');
		expect(pdfText(savedPdf(await bytesOf(writePack(input))))).toContain('The moderated grades are the moderator’s draft: not accepted yet.');
	});

	it('is nothing for an organisation that has sent nothing to the cycle', async () => {
		expect(await packInput(db, ids.pastS11Northmere, ids.organisations['Northmere Homes'], null, today)).toBeNull();
	});
});

describe('all packs as one ZIP', () => {
	it('has one PDF per organisation, drawn as the ZIP reaches it, including one saying nothing was sent', async () => {
		const orgs = [POLICE, AMBULANCE, 'Northmere Homes'];
		const drawn: string[] = [];
		const zip = packsZip(orgs.map((name) => ({
			organisationName: name,
			partnershipName: 'Northmere Safeguarding Children Partnership',
			input: () => {
				drawn.push(name);
				return packInput(db, ids.pastS11Northmere, ids.organisations[name], null, today);
			}
		})), new Date());
		const bytes = await bytesOf(zip);
		expect(drawn).toEqual(orgs);
		const entries = await new Promise<{ name: string; data: Buffer }[]>((resolve, reject) => {
			yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, z) => {
				if (err || !z) return reject(err);
				const out: { name: string; data: Buffer }[] = [];
				z.on('entry', (e: yauzl.Entry) => z.openReadStream(e, (e2, s) => {
					if (e2 || !s) return reject(e2);
					bytesOf(s).then((data) => { out.push({ name: e.fileName, data }); z.readEntry(); }, reject);
				}));
				z.on('end', () => resolve(out));
				z.readEntry();
			});
		});
		expect(entries.map((e) => e.name)).toEqual(orgs.map((o) => `Pre-read pack - ${o}.pdf`));
		for (const e of entries) expect(e.data.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdfText(savedPdf(entries[2].data))).toContain('Northmere Homes has not submitted a return to this cycle.');
	});
});
