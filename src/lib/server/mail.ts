// Mail goes through an outbox: the message is written in the transaction that
// caused it (so a rolled-back invitation sends nothing), then delivered over
// SMTP by whichever instance picks it up first. Without SMTP it stays in the
// outbox, which a system admin reads in the portal.
import nodemailer from 'nodemailer';
import type { Queryable } from './db';
import type { Logger } from './log';

/** A file sent with a message. A calendar invitation names its METHOD, so mail programs offer to accept or update it. */
export interface MailAttachment {
	filename: string;
	contentType: string;
	content: string;
	method?: 'REQUEST' | 'CANCEL';
}

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	attachments?: MailAttachment[];
}

export interface OutboxMessage {
	id: string;
	to: string;
	subject: string;
	text: string;
	createdAt: Date;
	sentAt: Date | null;
	attempts: number;
	lastError: string | null;
	attachments: MailAttachment[];
}

export async function enqueueMail(db: Queryable, mail: OutgoingMail, now = new Date()): Promise<string> {
	const rows = await db.query<{ id: string }>(
		`insert into mail_outbox (to_address, subject, body_text, created_at, next_attempt_at, attachments)
		 values ($1, $2, $3, $4, $4, $5) returning id`,
		[mail.to, mail.subject, mail.text, now, mail.attachments ?? []]
	);
	onQueued?.(mail);
	return rows[0].id;
}

export async function listOutbox(db: Queryable, limit = 100): Promise<OutboxMessage[]> {
	const rows = await db.query<{
		id: string;
		to_address: string;
		subject: string;
		body_text: string;
		created_at: Date;
		sent_at: Date | null;
		attempts: number;
		last_error: string | null;
		attachments: MailAttachment[];
	}>('select * from mail_outbox order by created_at desc limit $1', [limit]);
	return rows.map((r) => ({
		id: r.id,
		to: r.to_address,
		subject: r.subject,
		text: r.body_text,
		createdAt: r.created_at,
		sentAt: r.sent_at,
		attempts: r.attempts,
		lastError: r.last_error,
		attachments: r.attachments ?? []
	}));
}

export interface Transport {
	send(from: string, mail: OutgoingMail): Promise<void>;
}

export function smtpTransport(url: string): Transport {
	const transporter = nodemailer.createTransport(url);
	return {
		async send(from, mail) {
			const files = mail.attachments ?? [];
			// An invitation goes as the message's calendar part too, which Outlook and Google show with Accept/Decline.
			const invitation = files.find((f) => f.method);
			await transporter.sendMail({
				from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				attachments: files.map((f) => ({ filename: f.filename, content: f.content, contentType: f.contentType })),
				...(invitation ? { icalEvent: { method: invitation.method, content: invitation.content } } : {})
			});
		}
	};
}

const MAX_ATTEMPTS = 8;
const BATCH = 20;

/**
 * Sends what is due. Rows are claimed with SKIP LOCKED so several instances
 * never send the same message twice. A delivered message's body is cleared:
 * it may carry a single-use link that should not outlive its delivery.
 */
export async function deliverDue(db: Queryable, transport: Transport, from: string, now = new Date()): Promise<number> {
	let sent = 0;
	const claimed = await db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string; to_address: string; subject: string; body_text: string; attempts: number; attachments: MailAttachment[] }>(
			`select id, to_address, subject, body_text, attempts, attachments from mail_outbox
			 where sent_at is null and attempts < $1 and next_attempt_at <= $2
			 order by next_attempt_at limit $3 for update skip locked`,
			[MAX_ATTEMPTS, now, BATCH]
		);
		// Push the claim into the future so a crash mid-send retries later, not at once.
		if (rows.length) {
			await tx.query(
				`update mail_outbox set attempts = attempts + 1, next_attempt_at = $2 where id = any($1::uuid[])`,
				[rows.map((r) => r.id), new Date(now.getTime() + 5 * 60_000)]
			);
		}
		return rows;
	});
	for (const row of claimed) {
		try {
			await transport.send(from, { to: row.to_address, subject: row.subject, text: row.body_text, attachments: row.attachments ?? [] });
			await db.query(
				`update mail_outbox set sent_at = now(), last_error = null,
				 body_text = '(delivered; body removed)', attachments = '[]' where id = $1`,
				[row.id]
			);
			sent++;
		} catch (e) {
			const backoffMs = Math.min(2 ** row.attempts * 30_000, 6 * 3_600_000);
			await db.query('update mail_outbox set last_error = $2, next_attempt_at = $3 where id = $1', [
				row.id,
				(e instanceof Error ? e.message : String(e)).slice(0, 500),
				new Date(Date.now() + backoffMs)
			]);
		}
	}
	return sent;
}

interface Mailer {
	kick(): void;
	stop(): void;
}

let onQueued: ((mail: OutgoingMail) => void) | undefined;

/** What happens when a message is queued: a prompt SMTP run, or a note on the console. */
export function onMailQueued(hook: ((mail: OutgoingMail) => void) | undefined): void {
	onQueued = hook;
}

/** Starts background delivery when SMTP is configured; enqueueMail then triggers a prompt send. */
export function startMailer(db: Queryable, transport: Transport, from: string, log: Logger, intervalMs = 15_000): Mailer {
	let running = false;
	let again = false;
	const run = async () => {
		if (running) {
			again = true;
			return;
		}
		running = true;
		try {
			do {
				again = false;
				await deliverDue(db, transport, from);
			} while (again);
		} catch (e) {
			log.error({ err: e }, 'mail delivery failed');
		} finally {
			running = false;
		}
	};
	const timer = setInterval(run, intervalMs);
	timer.unref();
	// The message may still be inside an uncommitted transaction: try soon, then again.
	const kick = () => {
		setTimeout(run, 200).unref();
		setTimeout(run, 2000).unref();
	};
	onMailQueued(kick);
	void run();
	return {
		kick,
		stop: () => {
			clearInterval(timer);
			onMailQueued(undefined);
		}
	};
}
