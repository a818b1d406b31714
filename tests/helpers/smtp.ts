// A real SMTP server for tests (smtp-server), collecting what it is sent.
import { SMTPServer } from 'smtp-server';
import { freePort } from './test-server';

export interface ReceivedMail {
	from: string;
	to: string[];
	raw: string;
}

export interface TestSmtp {
	url: string;
	received: ReceivedMail[];
	/** Refuse every recipient while true (to test retries). */
	refuse: boolean;
	waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
	stop(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
	const port = await freePort();
	const state: TestSmtp = {
		url: `smtp://127.0.0.1:${port}`,
		received: [],
		refuse: false,
		async waitFor(predicate, timeoutMs = 20_000) {
			const until = Date.now() + timeoutMs;
			while (Date.now() < until) {
				const hit = state.received.find(predicate);
				if (hit) return hit;
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error('no matching mail arrived');
		},
		stop: () => new Promise((resolve) => server.close(() => resolve()))
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (state.refuse) return callback(new Error('mailbox unavailable'));
			callback();
		},
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				state.received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return state;
}

/** The text of a mail body with quoted-printable soft line breaks undone. */
export function mailText(mail: ReceivedMail): string {
	return mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
}
