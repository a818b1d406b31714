// A real ClamAV daemon for tests (Debian's clamav-daemon), with no downloaded
// signatures: its database is one line this helper writes, the MD5 and size of
// the EICAR test file. The EICAR string is put together at run time, so the
// repository itself holds no signature a scanner would flag.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CLAMD = '/usr/sbin/clamd';
/** The name the test database gives the signature; clamd reports it with ".UNOFFICIAL" added. */
export const TEST_SIGNATURE = 'Portal.Test.EICAR';

/** The industry's harmless test "virus", from pieces. */
export function eicar(): Buffer {
	const pieces = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-', 'FILE!$H+H*'];
	return Buffer.from(pieces.join(''), 'latin1');
}

export interface TestClamd {
	socket: string;
	stop(): Promise<void>;
}

function ping(socket: string): Promise<boolean> {
	return new Promise((resolve) => {
		const client = net.connect({ path: socket });
		let reply = '';
		client.setTimeout(2000, () => client.destroy());
		client.on('connect', () => client.write('zPING\0'));
		client.on('data', (d) => (reply += d.toString('latin1')));
		client.on('error', () => resolve(false));
		client.on('close', () => resolve(reply.replace(/\0/g, '').trim() === 'PONG'));
	});
}

/** `streamMaxLength`: the largest file clamd accepts over INSTREAM, in clamd's notation (1100M). */
export async function startClamd({ timeoutMs = 90_000, streamMaxLength = '1100M' } = {}): Promise<TestClamd> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-clamd-'));
	const db = path.join(dir, 'db');
	fs.mkdirSync(db);
	const test = eicar();
	const md5 = createHash('md5').update(test).digest('hex');
	fs.writeFileSync(path.join(db, 'test.hdb'), `${md5}:${test.length}:${TEST_SIGNATURE}\n`);
	const socket = path.join(dir, 'clamd.sock');
	const config = path.join(dir, 'clamd.conf');
	const lines = [
		'Foreground yes',
		...(process.getuid?.() === 0 ? ['User root'] : []),
		`LocalSocket ${socket}`,
		`DatabaseDirectory ${db}`,
		`LogFile ${path.join(dir, 'clamd.log')}`,
		`PidFile ${path.join(dir, 'clamd.pid')}`,
		`TemporaryDirectory ${dir}`,
		`StreamMaxLength ${streamMaxLength}`,
		'MaxFileSize 1100M',
		'MaxScanSize 1100M'
	];
	fs.writeFileSync(config, `${lines.join('\n')}\n`);
	const child: ChildProcess = spawn(CLAMD, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr?.on('data', (d) => (stderr += String(d)));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	let gone = false;
	void exited.then(() => (gone = true));

	const stop = async () => {
		if (!gone) {
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
			if (!gone) child.kill('SIGKILL');
			await exited;
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};

	const until = Date.now() + timeoutMs;
	while (!(await ping(socket))) {
		if (gone || Date.now() > until) {
			const logFile = path.join(dir, 'clamd.log');
			const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
			await stop();
			throw new Error(`clamd did not start: ${stderr}${log}`.slice(0, 2000));
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	return { socket, stop };
}
