// Reads a multipart upload as it arrives: each file goes straight to a spool
// file on disk (memory stays flat whatever the size), with the per-file limit
// and the organisation's quota enforced while it streams. Nothing here is kept:
// the caller checks each spooled file and then commits or deletes it.
import { Readable, PassThrough } from 'node:stream';
import fs from 'node:fs/promises';
import busboy from 'busboy';
import { spool, TooLarge, type Spooled } from '../storage/spool';

export type FileProblem = 'too_large' | 'over_quota' | 'empty' | 'not_accepted';

export interface ReceivedFile {
	field: string;
	/** The name the uploader's browser gave, untouched: clean it before showing or storing it. */
	name: string;
	spooled: Spooled | null;
	problem: FileProblem | null;
}

export interface Received {
	fields: Map<string, string>;
	files: ReceivedFile[];
	/** The body could not be read to its end: every spooled file has already been removed. */
	failure: null | 'truncated' | 'malformed' | 'not_multipart' | 'too_many_files';
}

export interface ReceiveOptions {
	dir: string;
	maxFileBytes: number;
	/** Bytes the organisation may still store. */
	quotaLeft: number;
	maxFiles: number;
	/** Asked before the first file, with the fields sent before it: false discards every file. */
	acceptFiles?: (fields: Map<string, string>) => boolean;
}

const FIELD_LIMITS = { fields: 50, fieldSize: 100_000, parts: 200 };

export async function receiveMultipart(request: Request, options: ReceiveOptions): Promise<Received> {
	const fields = new Map<string, string>();
	const files: ReceivedFile[] = [];
	const type = request.headers.get('content-type') ?? '';
	if (!request.body || !/^multipart\/form-data;/i.test(type)) return { fields, files, failure: 'not_multipart' };
	let parser: busboy.Busboy;
	try {
		// One more file than allowed, so "too many" is noticed rather than silently dropped.
		parser = busboy({ headers: { 'content-type': type }, limits: { ...FIELD_LIMITS, files: options.maxFiles + 1 }, defParamCharset: 'utf8' });
	} catch {
		return { fields, files, failure: 'not_multipart' };
	}
	let used = 0;
	let accepted: boolean | null = null;
	let failure: Received['failure'] = null;
	/** Files not yet fully spooled: a body that breaks off fails them all. */
	const open = new Set<PassThrough>();
	let queue = Promise.resolve();

	parser.on('field', (name, value) => {
		if (!fields.has(name)) fields.set(name, value);
	});
	parser.on('file', (field, stream, info) => {
		if (files.length >= options.maxFiles) {
			failure = 'too_many_files';
			stream.resume();
			return;
		}
		accepted ??= options.acceptFiles ? options.acceptFiles(fields) : true;
		const file: ReceivedFile = { field, name: info.filename ?? '', spooled: null, problem: null };
		files.push(file);
		// A browser sends an empty part with no name when no file was chosen.
		if (!accepted || (!info.filename && !file.name)) {
			stream.resume();
			if (accepted) files.pop();
			else file.problem = 'not_accepted';
			return;
		}
		const pass = new PassThrough();
		// Errors reach spool() through the pipeline; one after it finished must not crash the process.
		pass.on('error', () => undefined);
		stream.on('error', (e) => pass.destroy(e));
		open.add(pass);
		// Piped now, read when its turn comes: until then backpressure holds the rest of the body.
		stream.pipe(pass);
		queue = queue.then(async () => {
			// Files are spooled one after another, so the quota counts every file before this one.
			const limit = Math.min(options.maxFileBytes, Math.max(0, options.quotaLeft - used));
			try {
				const spooled = await spool(pass, options.dir, limit);
				if (spooled.size === 0) {
					file.problem = 'empty';
					await fs.rm(spooled.path, { force: true });
					return;
				}
				used += spooled.size;
				file.spooled = spooled;
			} catch (e) {
				stream.unpipe(pass);
				stream.resume();
				if (e instanceof TooLarge) file.problem = limit < options.maxFileBytes ? 'over_quota' : 'too_large';
				else failure ??= 'truncated';
			} finally {
				open.delete(pass);
			}
		});
	});
	const finished = new Promise<void>((resolve) => {
		parser.on('close', resolve);
		parser.on('error', (e: Error) => {
			// A part header busboy cannot read: in practice a file name holding control characters.
			failure ??= /malformed part header/i.test(e.message) ? 'malformed' : 'truncated';
			for (const pass of open) pass.destroy(new Error('upload did not finish'));
			resolve();
		});
	});
	const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream);
	body.on('error', () => {
		failure ??= 'truncated';
		for (const pass of open) pass.destroy(new Error('upload did not finish'));
		parser.destroy();
	});
	body.pipe(parser);
	await finished;
	await queue;
	if (failure) {
		await discard(files);
	}
	return { fields, files, failure };
}

/** Removes every spooled file of an upload that will not be kept. */
export async function discard(files: ReceivedFile[]): Promise<void> {
	await Promise.all(files.map((f) => (f.spooled ? fs.rm(f.spooled.path, { force: true }) : undefined)));
	for (const f of files) f.spooled = null;
}
