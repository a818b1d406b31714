import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryLockedError, LOCK_FILE, lockDataDirectory } from '../../../src/lib/server/db/lock';

const dirs: string[] = [];
const tempDir = () => {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
	dirs.push(d);
	return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const writeLock = (dir: string, pid: number, host = os.hostname()) =>
	fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, host }));

describe('the data directory lock', () => {
	it('is taken, refused to a second taker, and released', () => {
		const dir = tempDir();
		const lock = lockDataDirectory(dir);
		writeLock(dir, process.ppid); // as if another live process held it
		expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryLockedError);
		writeLock(dir, process.pid);
		lock.release();
		expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
	});

	it('names the owner and the way out in its message', () => {
		const dir = tempDir();
		writeLock(dir, process.ppid);
		expect(() => lockDataDirectory(dir)).toThrow(new RegExp(`in use by another portal process \\(pid ${process.ppid}\\).*delete .*${LOCK_FILE}`));
	});

	it('takes over a lock left by a process that no longer exists', () => {
		const dir = tempDir();
		writeLock(dir, 2 ** 22 + 12345); // above Linux's pid_max default: never alive
		const lock = lockDataDirectory(dir);
		expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
		lock.release();
	});

	it('treats a lock written on another host as held (a shared volume)', () => {
		const dir = tempDir();
		writeLock(dir, 1, 'some-other-host');
		expect(() => lockDataDirectory(dir)).toThrow(DataDirectoryLockedError);
	});

	it('creates the directory when it does not exist yet', () => {
		const dir = path.join(tempDir(), 'nested', 'data');
		lockDataDirectory(dir).release();
		expect(fs.existsSync(dir)).toBe(true);
	});
});
