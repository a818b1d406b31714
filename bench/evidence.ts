// Evidence through the real built server, on both storages: a 100 MB upload
// through the library's upload form and a 1 GB "Download all evidence" ZIP.
// Samples the server process's resident memory (VmRSS) every 50 ms and prints,
// per storage, the peak growth over the server's resting memory, and the
// throughput as a ratio of a plain fs.copyFile of the same bytes on the same
// disk. `npm run build` first, then `npm run bench:evidence`. Numbers, not assertions.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../src/lib/server/db';
import { createLogger } from '../src/lib/server/log';
import { prepareDatabase } from '../src/lib/server/setup';
import { seedDemo } from '../src/lib/server/seed/demo';
import { createDocument } from '../src/lib/server/evidence';
import { localRoot } from '../src/lib/server/storage';
import { localStorage } from '../src/lib/server/storage/local';
import { s3Storage } from '../src/lib/server/storage/s3';
import { storageKey, type Storage } from '../src/lib/server/storage/types';
import type { EvidenceFile } from '../src/lib/domain/snapshot';
import { Client } from '../tests/helpers/http';
import { freePort } from '../tests/helpers/test-server';
import { startS3, type TestS3 } from '../tests/helpers/s3';
import { submissionCiting } from '../tests/helpers/evidence';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
const UPLOAD_MB = 100;
const PACK_FILES = 10;
const PACK_FILE_MB = 103; // 10 × 103 MB ≈ 1 GB
const LEAD = 'lead@police.example.org';
const CHAIR = 'chair@northmere.example.org';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** A PDF-looking file of random (incompressible) bytes, written in chunks; returns its SHA-256. */
async function makeFile(file: string, megabytes: number): Promise<string> {
	const hash = createHash('sha256');
	const out = fs.createWriteStream(file);
	const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
	hash.update(head);
	out.write(head);
	for (let i = 0; i < megabytes; i++) {
		const chunk = randomBytes(MB);
		hash.update(chunk);
		if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
	}
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
	return hash.digest('hex');
}

function rssOf(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Runs `work` while sampling the server's RSS every 50 ms: its duration and peak growth over the RSS before it. */
async function measure(pid: number, work: () => Promise<number>): Promise<{ seconds: number; bytes: number; growthMb: number }> {
	const before = rssOf(pid);
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
	const start = process.hrtime.bigint();
	try {
		const bytes = await work();
		return { seconds: seconds(start), bytes, growthMb: Math.max(0, peak - before) };
	} finally {
		clearInterval(timer);
	}
}

async function copySeconds(files: string[], dir: string): Promise<number> {
	const start = process.hrtime.bigint();
	for (const [i, f] of files.entries()) await fs.promises.copyFile(f, path.join(dir, `copy-${i}`));
	const s = seconds(start);
	for (const [i] of files.entries()) fs.rmSync(path.join(dir, `copy-${i}`));
	return s;
}

/** The 1 GB pack: files committed to storage, documents in the police's library, a submission citing them all. */
async function preparePack(db: Db, storage: Storage, files: { path: string; sha256: string }[]): Promise<string> {
	const [org] = await db.query<{ id: string }>(`select id from organisations where name = 'Mercia Vale Police'`);
	const [lead] = await db.query<{ id: string }>('select id from users where email = $1', [LEAD]);
	const [nm] = await db.query<{ id: string }>(`select id from partnerships where name like 'Northmere%'`);
	const [from] = await db.query<{ id: string }>('select id from submissions where organisation_id = $1 and partnership_id = $2 order by submitted_at limit 1', [org.id, nm.id]);
	const ctx = { actorId: lead.id, actorEmail: LEAD, ip: null, userAgent: 'bench', requestId: null };
	const evidence: Record<string, EvidenceFile[]> = {};
	for (const [i, f] of files.entries()) {
		const key = storageKey(org.id, f.sha256);
		const spooled = `${f.path}.spool`;
		await fs.promises.copyFile(f.path, spooled);
		await storage.commit(spooled, key);
		const size = fs.statSync(f.path).size;
		const fileName = `Evidence pack ${i + 1}.pdf`;
		const doc = await createDocument(db, ctx, org.id, { title: `Evidence pack ${i + 1}`, description: '', documentDate: null, reviewBy: null }, {
			fileName, mediaType: 'application/pdf', size, sha256: f.sha256, storageKey: key, scan: 'not_scanned', text: { status: 'too_large' }
		});
		const code = `1.${(i % 5) + 1}`;
		(evidence[code] ??= []).push({ documentId: doc.documentId, revisionId: doc.revisionId, revision: 1, name: `Evidence pack ${i + 1}`, fileName, size, mediaType: 'application/pdf', sha256: f.sha256 });
	}
	return submissionCiting(db, from.id, evidence);
}

async function run(kind: 'local' | 's3', work: string, upload: string, pack: { path: string; sha256: string }[]) {
	const dataDir = fs.mkdtempSync(path.join(work, `data-${kind}-`));
	let s3: TestS3 | null = null;
	const env: Record<string, string> = { DATA_DIR: dataDir, UPLOAD_MAX_MB: String(UPLOAD_MB + 10), STORAGE: kind };
	if (kind === 's3') {
		s3 = await startS3();
		const s = s3.settings;
		Object.assign(env, { S3_BUCKET: s.bucket, S3_ENDPOINT: s.endpoint!, S3_REGION: s.region, S3_ACCESS_KEY_ID: s.accessKeyId!, S3_SECRET_ACCESS_KEY: s.secretAccessKey!, S3_FORCE_PATH_STYLE: 'true' });
	}
	const db = await openDatabase({ DATA_DIR: dataDir, DATABASE_URL: undefined });
	await prepareDatabase(db, ROOT, createLogger('warn'));
	await seedDemo(db);
	const storage = kind === 'local' ? localStorage(localRoot(dataDir)) : s3Storage(s3!.settings);
	const submissionId = await preparePack(db, storage, pack);
	const [org] = await db.query<{ id: string }>(`select id from organisations where name = 'Mercia Vale Police'`);
	const [nm] = await db.query<{ id: string }>(`select id from partnerships where name like 'Northmere%'`);
	await db.close();

	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, [path.join(ROOT, 'server.js')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), ORIGIN: url, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
	try {
		for (let i = 0; i < 600; i++) {
			if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const lead = await new Client(url).signIn(LEAD);
		const chair = await new Client(url).signIn(CHAIR);
		// Warm up the routes the measurements use.
		await (await lead.get(`/organisations/${org.id}/evidence/upload`)).text();
		await (await chair.get(`/partnerships/${nm.id}/submissions/${submissionId}`)).text();

		const up = await measure(server.pid!, async () => {
			const form = new FormData();
			form.append('noChildData', 'yes');
			form.append('files', await fs.openAsBlob(upload, { type: 'application/pdf' }), 'Annual safeguarding report.pdf');
			const res = await lead.postMultipart(`/organisations/${org.id}/evidence/upload`, form);
			await res.body?.cancel();
			if (res.status !== 303) throw new Error(`upload answered ${res.status}`);
			return fs.statSync(upload).size;
		});
		const zip = await measure(server.pid!, async () => {
			const res = await chair.get(`/partnerships/${nm.id}/submissions/${submissionId}/evidence.zip`);
			if (res.status !== 200) throw new Error(`ZIP answered ${res.status}`);
			let bytes = 0;
			for await (const chunk of res.body!) bytes += chunk.byteLength;
			return bytes;
		});
		return { up, zip };
	} finally {
		server.kill('SIGTERM');
		await new Promise<void>((r) => server.once('exit', () => r()));
		await s3?.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-evidence-bench-'));
	try {
		const upload = path.join(work, 'upload.pdf');
		await makeFile(upload, UPLOAD_MB);
		const pack: { path: string; sha256: string }[] = [];
		for (let i = 0; i < PACK_FILES; i++) {
			const file = path.join(work, `pack-${i}.pdf`);
			pack.push({ path: file, sha256: await makeFile(file, PACK_FILE_MB) });
		}
		const uploadCopy = await copySeconds([upload], work);
		const packCopy = await copySeconds(pack.map((p) => p.path), work);
		const lines = ['| Storage | What | Bytes | Time | Peak RSS growth | Throughput ÷ fs.copyFile |', '|---|---|---|---|---|---|'];
		for (const kind of ['local', 's3'] as const) {
			const { up, zip } = await run(kind, work, upload, pack);
			const mb = (b: number) => `${Math.round(b / MB)} MB`;
			lines.push(`| ${kind} | Upload through the library's form | ${mb(up.bytes)} | ${up.seconds.toFixed(1)} s | ${up.growthMb.toFixed(0)} MB | ${(uploadCopy / up.seconds).toFixed(2)} |`);
			lines.push(`| ${kind} | Download all evidence (ZIP) | ${mb(zip.bytes)} | ${zip.seconds.toFixed(1)} s | ${zip.growthMb.toFixed(0)} MB | ${(packCopy / zip.seconds).toFixed(2)} |`);
		}
		lines.push('', `fs.copyFile on the same disk: ${UPLOAD_MB} MB in ${uploadCopy.toFixed(2)} s, the ${PACK_FILES} pack files in ${packCopy.toFixed(2)} s. Node ${process.version}, ${os.cpus().length} cores.`);
		process.stdout.write(`${lines.join('\n')}\n`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

await main();
