// PGlite is one process's database: a second process on the same directory
// silently loses writes. Like PostgreSQL's postmaster.pid, the data directory
// holds a lock file naming its owner; a live owner means refuse, a dead one
// means the lock is stale and may be taken.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'portal.lock';

export class DataDirectoryLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly ownerPid: number
	) {
		super(
			`The data directory ${dataDir} is in use by another portal process (pid ${ownerPid}). ` +
				`Stop that process first, or set DATA_DIR to another directory. ` +
				`If no portal is running, delete ${path.join(dataDir, LOCK_FILE)}.`
		);
		this.name = 'DataDirectoryLockedError';
	}
}

export interface DirectoryLock {
	release(): void;
}

interface LockOwner {
	pid: number;
	host: string;
}

function readOwner(file: string): LockOwner | null {
	try {
		const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
		return typeof owner.pid === 'number' ? { pid: owner.pid, host: String(owner.host ?? '') } : null;
	} catch {
		return null;
	}
}

function isAlive(owner: LockOwner): boolean {
	// A lock written on another host (shared volume) cannot be checked: treat it as held.
	if (owner.host !== os.hostname()) return true;
	if (owner.pid === process.pid) return false;
	try {
		process.kill(owner.pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function tryCreate(file: string): boolean {
	try {
		const fd = fs.openSync(file, 'wx', 0o600);
		fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date() }));
		fs.closeSync(fd);
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw e;
	}
}

/** Takes the directory's lock or throws DataDirectoryLockedError. */
export function lockDataDirectory(dataDir: string): DirectoryLock {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, LOCK_FILE);
	for (let attempt = 0; attempt < 3; attempt++) {
		if (tryCreate(file)) {
			return {
				release() {
					const owner = readOwner(file);
					if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
				}
			};
		}
		const owner = readOwner(file);
		if (owner && isAlive(owner)) throw new DataDirectoryLockedError(dataDir, owner.pid);
		// Stale: move it aside atomically so that of two starters only one removes it.
		const aside = `${file}.stale-${process.pid}`;
		try {
			fs.renameSync(file, aside);
		} catch {
			continue;
		}
		const moved = readOwner(aside);
		if (moved && isAlive(moved)) {
			// Another starter took the lock between our read and our rename: give it back.
			fs.renameSync(aside, file);
			throw new DataDirectoryLockedError(dataDir, moved.pid);
		}
		fs.rmSync(aside, { force: true });
	}
	const owner = readOwner(file);
	throw new DataDirectoryLockedError(dataDir, owner?.pid ?? 0);
}
