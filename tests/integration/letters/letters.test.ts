// Feedback letters at module level: drafting from the moderation, the version
// rule on the wording, issuing (stored files whose hashes match, the notice to
// the leads), immutability in the database, and what the PDF and the Word file
// say: the organisation's own content, never another's.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { SYSTEM_CONTEXT, type AuditContext } from '../../../src/lib/server/audit-log';
import { cycleLetters, draftLetters, getLetter, saveWording, type Letter } from '../../../src/lib/server/letters';
import { issueLetter } from '../../../src/lib/server/letters/issue';
import { localStorage } from '../../../src/lib/server/storage/local';
import type { Storage } from '../../../src/lib/server/storage/types';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
let dir: string;
let storage: Storage;
const CHAIR = 'chair@northmere.example.org';
const ctx = (email: string): AuditContext => ({ ...SYSTEM_CONTEXT, actorId: ids.users[email], actorEmail: email });
const POLICE = 'Mercia Vale Police';
const AMBULANCE = 'Mercia Vale Ambulance Service NHS Trust';

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(c as Buffer);
	return Buffer.concat(chunks);
}

function docxText(bytes: Buffer): Promise<string> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, zip) => {
			if (e || !zip) return reject(e);
			zip.on('entry', (entry: yauzl.Entry) => {
				if (entry.fileName !== 'word/document.xml') return zip.readEntry();
				zip.openReadStream(entry, (err, stream) => {
					if (err || !stream) return reject(err);
					bytesOf(stream).then((b) => resolve(b.toString('utf8').replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '')), reject);
				});
			});
			zip.on('end', () => reject(new Error('no word/document.xml')));
			zip.readEntry();
		});
	});
}

const pdfTool = (tool: string, bytes: Buffer, ...args: string[]) => {
	const file = path.join(dir, `${createHash('sha256').update(bytes).digest('hex')}.pdf`);
	fs.writeFileSync(file, bytes);
	return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
};

async function letterOf(name: string): Promise<Letter> {
	const row = (await cycleLetters(db, ids.pastS11Northmere)).find((r) => r.organisationName === name)!;
	return (await getLetter(db, row.letterId!))!;
}

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-letters-'));
	storage = localStorage(path.join(dir, 'evidence'));
});
afterAll(async () => {
	await db.drop();
	fs.rmSync(dir, { recursive: true, force: true });
});

const cycle = () => ({ id: ids.pastS11Northmere, partnershipId: ids.partnerships.northmere });
const services = () => ({ storage, spoolDir: path.join(dir, 'spool') });

describe('drafting', () => {
	it('drafts a letter only for organisations whose moderation is accepted or complete, once', async () => {
		const before = await cycleLetters(db, ids.pastS11Northmere);
		const made = await draftLetters(db, ctx(CHAIR), cycle());
		const after = await cycleLetters(db, ids.pastS11Northmere);
		const drafted = after.filter((r) => r.letterId && !before.find((b) => b.organisationId === r.organisationId)?.letterId);
		expect(made).toBe(drafted.length);
		expect(drafted.length).toBeGreaterThan(0);
		for (const r of after.filter((r) => r.letterId)) expect(['accepted', 'completed']).toContain(r.moderationState);
		for (const r of after.filter((r) => !['accepted', 'completed'].includes(r.moderationState ?? ''))) expect(r.letterId).toBeNull();
		expect(after.find((r) => r.organisationName === AMBULANCE)?.letterState).toBe('draft');
		expect(await draftLetters(db, ctx(CHAIR), cycle())).toBe(0);
		const ambulance = await letterOf(AMBULANCE);
		expect(ambulance.body).toContain(`Dear colleagues at ${AMBULANCE},`);
		expect(ambulance.body).toContain('# Areas for improvement');
	});
});

describe('the wording', () => {
	it('saves from the version stored, and a stale save gets the stored wording back, changing nothing', async () => {
		const letter = await letterOf(AMBULANCE);
		const saved = await saveWording(db, ctx(CHAIR), letter, `${letter.body}\n\nMine`, letter.version);
		expect(saved.ok).toBe(true);
		const stale = await saveWording(db, ctx(CHAIR), letter, 'Theirs', letter.version);
		expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { version: letter.version + 1 } });
		expect((await getLetter(db, letter.id))!.body).toMatch(/Mine$/);
	});
});

describe('issuing', () => {
	let issued: Letter;
	let pdf: Buffer;
	let docx: Buffer;

	beforeAll(async () => {
		const police = await letterOf(POLICE);
		if (police.state === 'draft') {
			await saveWording(db, ctx(CHAIR), police, `${police.body}\n\nCANARY-POLICE-7731`, police.version);
			const p = (await getLetter(db, police.id))!;
			await issueLetter(db, services(), ctx(CHAIR), p, { name: 'Chair of Northmere', origin: 'https://portal.example' }, p.version);
		}
		const letter = await letterOf(AMBULANCE);
		await saveWording(db, ctx(CHAIR), letter, `${letter.body}\n\n# Closing note\nCANARY-AMBULANCE-2219 for the trust.`, letter.version);
		const current = (await getLetter(db, letter.id))!;
		const outcome = await issueLetter(db, services(), ctx(CHAIR), current, { name: 'Chair of Northmere', origin: 'https://portal.example' }, current.version, '2026-11-30');
		expect(outcome.ok).toBe(true);
		issued = (await getLetter(db, letter.id))!;
		pdf = await bytesOf(await storage.read(issued.pdf!.key));
		docx = await bytesOf(await storage.read(issued.docx!.key));
	});

	it('stores the PDF and the Word file under the partnership, with the hashes recorded', () => {
		expect(issued).toMatchObject({ state: 'issued', signedName: 'Chair of Northmere', signedRole: 'Independent Chair', signedOn: '2026-11-30' });
		expect(issued.pdf!.key).toBe(`letters/${ids.partnerships.northmere}/${issued.pdf!.sha256}`);
		expect(createHash('sha256').update(pdf).digest('hex')).toBe(issued.pdf!.sha256);
		expect(createHash('sha256').update(docx).digest('hex')).toBe(issued.docx!.sha256);
		expect(pdf.length).toBe(issued.pdf!.size);
	});

	it('is a tagged PDF titled for the organisation, with its own content and not another organisation’s', () => {
		const info = pdfTool('pdfinfo', pdf);
		expect(info).toMatch(/^Tagged:\s+yes$/m);
		expect(info).toMatch(new RegExp(`^Title:\\s+Feedback letter: ${AMBULANCE}`, 'm'));
		const text = pdfTool('pdftotext', pdf);
		expect(text).toContain('CANARY-AMBULANCE-2219');
		expect(text).toContain('Self grade');
		expect(text).toContain('Independent Chair');
		expect(text).toContain('30 November 2026');
		expect(text).not.toContain('CANARY-POLICE');
		expect(text).not.toContain(POLICE);
		const tree = pdfTool('pdfinfo', pdf, '-struct-text');
		expect(tree).toMatch(/H2[^\n]*\n\s+"Closing note"/);
		expect(tree).toMatch(/TH:\s+\/Scope \/Column\s+"Agreed grade"/);
	});

	it('is a Word file with the same content, and not another organisation’s', async () => {
		const text = await docxText(docx);
		expect(text).toContain('CANARY-AMBULANCE-2219');
		expect(text).toContain('Agreed grade');
		expect(text).not.toContain('CANARY-POLICE');
		expect(text).not.toContain(POLICE);
	});

	it('tells the organisation’s leads, with a link and no attachment, and logs the issue', async () => {
		const mails = await db.query<{ to_address: string; body_text: string }>(`select to_address, body_text from mail_outbox where subject like 'Your feedback letter for %'`);
		const leads = await db.query<{ email: string }>(`select u.email from organisation_roles r join users u on u.id = r.user_id where r.organisation_id = $1 and r.role = 'lead'`, [ids.organisations[AMBULANCE]]);
		for (const lead of leads) expect(mails.find((m) => m.to_address === lead.email)?.body_text).toContain(`https://portal.example/organisations/${ids.organisations[AMBULANCE]}`);
		const [audit] = await db.query<{ detail: { pdfSha256: string } }>(`select detail from audit_log where action = 'letter.issue' and subject_id = $1`, [issued.id]);
		expect(audit.detail.pdfSha256).toBe(issued.pdf!.sha256);
	});

	it('refuses a second issue and any further wording', async () => {
		const again = await issueLetter(db, services(), ctx(CHAIR), issued, { name: 'X', origin: 'https://portal.example' }, issued.version);
		expect(again).toMatchObject({ ok: false, reason: 'issued' });
		expect(await saveWording(db, ctx(CHAIR), issued, 'Changed', issued.version)).toMatchObject({ ok: false, reason: 'issued' });
	});

	it('cannot be changed or deleted in the database itself', async () => {
		await expect(db.query(`update feedback_letters set body = 'Tampered' where id = $1`, [issued.id])).rejects.toThrow(/issued and cannot change/);
		await expect(db.query(`update feedback_letters set state = 'draft', issued_at = null where id = $1`, [issued.id])).rejects.toThrow(/issued and cannot change/);
		await expect(db.query('delete from feedback_letters where id = $1', [issued.id])).rejects.toThrow(/issued and cannot change/);
		expect((await getLetter(db, issued.id))!.body).toContain('CANARY-AMBULANCE-2219');
	});
});
