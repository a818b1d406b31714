// Evidence in a local directory (<DATA_DIR>/evidence): one file per key,
// root/<organisation id>/<sha256>. A commit renames a complete, fsynced spool
// file into place and fsyncs the directory, so after a crash a file is either
// whole or absent.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { checkKey, checkRange, isStorageKey } from './keys';
import { StorageNotFound, type ByteRange, type Storage, type StoredObjectInfo } from './types';

/** Stored files are read 1 MB at a time: a 1 GB ZIP takes a sixteenth of the reads 64 KB chunks would. */
const READ_CHUNK = 1024 * 1024;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

async function fsyncDir(dir: string) {
	const handle = await fs.promises.open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

export function localStorage(root: string): Storage {
	const fileOf = (key: string) => path.join(root, ...checkKey(key).split('/'));

	return {
		kind: 'local',

		async commit(spoolPath, key) {
			try {
				const target = fileOf(key);
				const dir = path.dirname(target);
				await fs.promises.mkdir(dir, { recursive: true });
				if (await exists(target)) return;
				await fs.promises.rename(spoolPath, target);
				await fsyncDir(dir);
			} finally {
				await fs.promises.rm(spoolPath, { force: true });
			}
		},

		exists: async (key) => exists(fileOf(key)),

		async read(key, range?: ByteRange): Promise<Readable> {
			const file = fileOf(key);
			const stream = fs.createReadStream(file, { highWaterMark: READ_CHUNK, ...(range ? checkRange(range) : {}) });
			// Open before answering, so a missing file is StorageNotFound here rather than an error mid-response.
			await new Promise<void>((resolve, reject) => {
				const opened = () => {
					stream.off('error', failed);
					resolve();
				};
				const failed = (error: Error) => {
					stream.off('open', opened);
					reject(isMissing(error) ? new StorageNotFound(`No stored object ${key}`) : error);
				};
				stream.once('open', opened).once('error', failed);
			});
			return stream;
		},

		async delete(key) {
			await fs.promises.rm(fileOf(key), { force: true });
		},

		async *list(): AsyncIterable<StoredObjectInfo> {
			const prefixes = [...(await entries(root)), ...(await entries(path.join(root, 'letters'))).map((p) => `letters/${p}`)];
			for (const prefix of prefixes) {
				for (const name of await entries(path.join(root, ...prefix.split('/')))) {
					if (!isStorageKey(`${prefix}/${name}`)) continue;
					const stat = await fs.promises.stat(path.join(root, ...prefix.split('/'), name)).catch(() => null);
					if (stat?.isFile()) yield { key: `${prefix}/${name}`, modifiedAt: stat.mtime };
				}
			}
		}
	};
}

async function exists(file: string) {
	try {
		await fs.promises.access(file);
		return true;
	} catch (error) {
		if (isMissing(error)) return false;
		throw error;
	}
}

async function entries(dir: string): Promise<string[]> {
	try {
		return await fs.promises.readdir(dir);
	} catch (error) {
		if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
		throw error;
	}
}
