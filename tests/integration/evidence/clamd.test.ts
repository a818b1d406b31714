// Virus scanning against a real ClamAV daemon (Debian's clamav-daemon), whose
// only signature is the EICAR test file, written by the test helper.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamdScanner, scannerFrom } from '../../../src/lib/server/evidence/clamd';
import { noScanner, ScannerUnavailable } from '../../../src/lib/server/evidence/scanner';
import { eicar, startClamd, TEST_SIGNATURE, type TestClamd } from '../../helpers/clamd';
import { freePort } from '../../helpers/test-server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-scan-'));
const file = (name: string, content: Buffer | string) => {
	const p = path.join(dir, name);
	fs.writeFileSync(p, content);
	return p;
};
let clamd: TestClamd;

beforeAll(async () => {
	clamd = await startClamd();
});
afterAll(async () => {
	await clamd?.stop();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('clamd scanner', () => {
	it('passes a clean file', async () => {
		const scanner = clamdScanner(clamd.socket);
		expect(scanner.enabled).toBe(true);
		expect(await scanner.scan(file('policy.txt', 'Our safeguarding policy, reviewed yearly.\n'))).toEqual({ clean: true });
	});

	it('refuses the EICAR test file, naming its signature', async () => {
		const result = await clamdScanner(clamd.socket).scan(file('eicar.txt', eicar()));
		expect(result.clean).toBe(false);
		expect(result.clean === false && result.signature).toContain(TEST_SIGNATURE);
	});

	it('passes a 30 MB clean file, streamed in chunks', async () => {
		const big = path.join(dir, 'big.bin');
		const block = randomBytes(1024 * 1024);
		fs.writeFileSync(big, '');
		for (let i = 0; i < 30; i++) fs.appendFileSync(big, block);
		expect(await clamdScanner(clamd.socket).scan(big)).toEqual({ clean: true });
	});

	it('is unavailable when nobody listens at the address (fail closed)', async () => {
		const port = await freePort();
		await expect(clamdScanner(`127.0.0.1:${port}`).scan(file('a.txt', 'x'))).rejects.toBeInstanceOf(ScannerUnavailable);
		await expect(clamdScanner(path.join(dir, 'no-such.sock')).scan(file('b.txt', 'x'))).rejects.toBeInstanceOf(ScannerUnavailable);
	});

	it('is unavailable when the daemon answers nothing in time', async () => {
		const silent = net.createServer(() => {});
		const port = await freePort();
		await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
		try {
			const scan = clamdScanner(`127.0.0.1:${port}`, { timeoutMs: 500 }).scan(file('c.txt', 'x'));
			await expect(scan).rejects.toBeInstanceOf(ScannerUnavailable);
			await expect(scan).rejects.toThrow(/no answer/);
		} finally {
			silent.close();
		}
	});

	it('is unavailable when the daemon answers something it does not understand', async () => {
		const odd = net.createServer((socket) => socket.end('UNKNOWN COMMAND\0'));
		const port = await freePort();
		await new Promise<void>((r) => odd.listen(port, '127.0.0.1', r));
		try {
			await expect(clamdScanner(`127.0.0.1:${port}`).scan(file('d.txt', 'x'))).rejects.toBeInstanceOf(ScannerUnavailable);
		} finally {
			odd.close();
		}
	});

	it('is off without CLAMD_SOCKET and clamd with it', () => {
		expect(scannerFrom({ CLAMD_SOCKET: undefined })).toBe(noScanner);
		expect(scannerFrom({ CLAMD_SOCKET: clamd.socket }).enabled).toBe(true);
	});

	// Last: stops the daemon.
	it('is unavailable once the daemon has stopped', async () => {
		const scanner = clamdScanner(clamd.socket);
		await clamd.stop();
		await expect(scanner.scan(file('e.txt', 'x'))).rejects.toBeInstanceOf(ScannerUnavailable);
	});
});

describe('clamd with a StreamMaxLength below the upload limit', () => {
	let small: TestClamd;
	beforeAll(async () => {
		small = await startClamd({ streamMaxLength: '1M' });
	});
	afterAll(() => small?.stop());

	it('is unavailable for a larger file, rather than passing it unscanned', async () => {
		const big = file('over-limit.bin', randomBytes(3 * 1024 * 1024));
		const scan = clamdScanner(small.socket).scan(big);
		await expect(scan).rejects.toBeInstanceOf(ScannerUnavailable);
		// clamd answers "INSTREAM size limit exceeded" and closes; the answer can be lost to the reset.
		await expect(scan).rejects.toThrow(/size limit exceeded|StreamMaxLength/);
	});
});
