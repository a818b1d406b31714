import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { mailText, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { deliverDue, enqueueMail, listOutbox, smtpTransport } from '../../../src/lib/server/mail';

let db: Awaited<ReturnType<typeof createTestDb>>;
let smtp: TestSmtp;
const FROM = 'Safeguarding self-assessment <no-reply@portal.example.org>';

beforeAll(async () => {
	[db, smtp] = await Promise.all([createTestDb(), startSmtp()]);
});
afterAll(async () => {
	await db.drop();
	await smtp.stop();
});

describe('mail over SMTP', () => {
	it('delivers queued messages for real and clears their text once sent', async () => {
		await enqueueMail(db, { to: 'reader@example.org', subject: 'Hello', text: 'A link: https://portal.example.org/invitations/abc' });
		expect(await deliverDue(db, smtpTransport(smtp.url), FROM)).toBe(1);
		const mail = await smtp.waitFor((m) => m.to.includes('reader@example.org'));
		expect(mail.from).toBe('no-reply@portal.example.org');
		expect(mailText(mail)).toContain('https://portal.example.org/invitations/abc');
		const [row] = await listOutbox(db);
		expect(row.sentAt).toBeInstanceOf(Date);
		expect(row.text).not.toContain('invitations/abc');
		expect(await deliverDue(db, smtpTransport(smtp.url), FROM)).toBe(0);
	});

	it('delivers a calendar invitation as the message’s calendar part and as an attachment, then clears it', async () => {
		const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:slot-1@portal.example.org', 'SEQUENCE:0', 'DTSTART:20270210T100000Z', 'DTEND:20270210T103000Z', 'SUMMARY:Challenge event', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
		await enqueueMail(db, { to: 'invited@example.org', subject: 'Invitation', text: 'You are invited', attachments: [{ filename: 'invitation.ics', contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics, method: 'REQUEST' }] });
		expect(await deliverDue(db, smtpTransport(smtp.url), FROM)).toBe(1);
		const mail = await smtp.waitFor((m) => m.to.includes('invited@example.org'));
		// Outlook and Google read the text/calendar part with its method; the attachment is for everyone else.
		expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
		expect(mail.raw).toMatch(/filename=invitation\.ics/);
		expect(mail.raw).toContain('UID:slot-1@portal.example.org');
		const row = (await listOutbox(db)).find((m) => m.to === 'invited@example.org')!;
		expect(row.attachments).toEqual([]);
	});

	it('keeps a refused message, records why, and tries again later', async () => {
		smtp.refuse = true;
		await enqueueMail(db, { to: 'bounce@example.org', subject: 'Will fail', text: 'x' });
		expect(await deliverDue(db, smtpTransport(smtp.url), FROM)).toBe(0);
		const failed = (await listOutbox(db)).find((m) => m.to === 'bounce@example.org')!;
		expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
		expect(failed.lastError).toMatch(/mailbox unavailable/);
		smtp.refuse = false;
		// Not due yet: backing off.
		expect(await deliverDue(db, smtpTransport(smtp.url), FROM)).toBe(0);
		expect(await deliverDue(db, smtpTransport(smtp.url), FROM, new Date(Date.now() + 3_600_000))).toBe(1);
	});

	it('sends nothing for a message whose transaction rolled back', async () => {
		await db
			.transaction(async (tx) => {
				await enqueueMail(tx, { to: 'never@example.org', subject: 'Rolled back', text: 'x' });
				throw new Error('abort');
			})
			.catch(() => {});
		expect((await listOutbox(db)).filter((m) => m.to === 'never@example.org')).toEqual([]);
	});
});
