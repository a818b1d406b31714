// One evidence upload from start to end: the multipart body is streamed to
// spool files, each file is checked and committed to storage, then the library
// records it (a new document, or a new revision of one) and, from a standard
// page, cites it for the requirement. A file the library does not record is
// never left in storage, and nothing is recorded for a file not fully stored.
import type { Queryable } from '../db';
import type { AuditContext } from '../audit-log';
import { addRevision, createDocument, quotaUsed, type EvidenceDocument, type NewRevision } from '../evidence';
import { linkDocuments } from '../evidence-links';
import { receiveMultipart, type ReceivedFile } from './receive';
import { acceptFile, type AcceptServices } from './accept';
import type { DocumentFinding, TextCheck } from './document-text';
import { cleanFileName } from './file-names';
import { fileTooLarge } from '../uploads';
import { titleFromFileName, formatSize } from '../../domain/evidence';

export const MAX_FILES_PER_UPLOAD = 20;
export const CONFIRM_FIELD = 'noChildData';
export const CONFIRM_MESSAGE = 'Confirm that the documents do not identify children, or have been redacted';
export const SELECT_FILE = 'Select a file to upload';

export type FileOutcome =
	| { ok: true; name: string; documentId: string; title: string; revision: number; reused: boolean; textCheck: TextCheck['status']; findings: DocumentFinding[] }
	| { ok: false; name: string; status: number; message: string };

export type UploadOutcome = { ok: true; files: FileOutcome[] } | { ok: false; status: number; errors: Record<string, string>; files: FileOutcome[] };

export interface UploadTarget {
	organisationId: string;
	/** Cite every new document for this requirement of this return. */
	citeFor?: { ret: { id: string; organisationId: string }; code: string };
	/** Upload a new revision of this document (one file) instead of new documents. */
	revisionOf?: { document: EvidenceDocument; expectedVersion: number };
}

export interface UploadSettings extends AcceptServices {
	db: Queryable;
	spoolDir: string;
	maxFileBytes: number;
	quotaBytes: number;
	/** Already confirmed in this session: no tick needed. */
	confirmedInSession: boolean;
}

export async function receiveEvidence(request: Request, ctx: AuditContext, target: UploadTarget, settings: UploadSettings): Promise<UploadOutcome> {
	const used = await quotaUsed(settings.db, target.organisationId);
	const maxFiles = target.revisionOf ? 1 : MAX_FILES_PER_UPLOAD;
	const received = await receiveMultipart(request, {
		dir: settings.spoolDir,
		maxFileBytes: settings.maxFileBytes,
		quotaLeft: settings.quotaBytes - used,
		maxFiles,
		acceptFiles: (fields) => settings.confirmedInSession || fields.get(CONFIRM_FIELD) === 'yes'
	});
	const fail = (status: number, errors: Record<string, string>, files: FileOutcome[] = []) => ({ ok: false, status, errors, files }) as const;
	if (received.failure === 'truncated') return fail(400, { files: 'The upload did not finish – try again' });
	if (received.failure === 'malformed') return fail(400, { files: 'A file name could not be read: rename the file using letters, numbers and spaces, then try again' });
	if (received.failure === 'not_multipart') return fail(400, { files: SELECT_FILE });
	if (received.failure === 'too_many_files') return fail(413, { files: maxFiles === 1 ? 'Select one file' : `Select up to ${MAX_FILES_PER_UPLOAD} files at a time` });
	if (!received.files.length) return fail(400, { files: SELECT_FILE });
	if (received.files.some((f) => f.problem === 'not_accepted')) return fail(400, { [CONFIRM_FIELD]: CONFIRM_MESSAGE });

	const outcomes: FileOutcome[] = [];
	for (const file of received.files) outcomes.push(await keep(file, ctx, target, settings, used));
	const refused = outcomes.filter((o) => !o.ok);
	if (refused.length) {
		const message = refused.map((o) => (received.files.length > 1 ? `${o.name}: ${o.message}` : o.message)).join('. ');
		return fail(refused.length === outcomes.length ? Math.max(...refused.map((o) => o.status)) : 400, { files: message }, outcomes);
	}
	return { ok: true, files: outcomes };
}

function problemMessage(file: ReceivedFile, settings: UploadSettings, used: number): { status: number; message: string } {
	if (file.problem === 'empty') return { status: 400, message: 'The selected file is empty' };
	if (file.problem === 'over_quota') {
		return { status: 413, message: `Your organisation’s evidence library is full (${formatSize(used)} of ${formatSize(settings.quotaBytes)}): remove documents you no longer need, or ask the service administrator for more space` };
	}
	return { status: 413, message: fileTooLarge(settings.maxFileBytes) };
}

async function keep(file: ReceivedFile, ctx: AuditContext, target: UploadTarget, settings: UploadSettings, used: number): Promise<FileOutcome> {
	const name = cleanFileName(file.name);
	if (!file.spooled) return { ok: false, name, ...problemMessage(file, settings, used) };
	const checked = await acceptFile(settings, target.organisationId, file.name, file.spooled);
	if (!checked.ok) return { ok: false, name, status: checked.status, message: checked.message };
	try {
		return await record(checked.file, ctx, target, settings.db, name);
	} catch (e) {
		await forgetIfUnused(settings, checked.file.storageKey);
		throw e;
	}
}

async function record(file: NewRevision, ctx: AuditContext, target: UploadTarget, db: Queryable, name: string): Promise<FileOutcome> {
	const findings = file.text.status === 'checked' ? file.text.findings : [];
	const done = (documentId: string, title: string, revision: number, reused: boolean): FileOutcome => ({ ok: true, name, documentId, title, revision, reused, textCheck: file.text.status, findings });
	if (target.revisionOf) {
		const { document, expectedVersion } = target.revisionOf;
		const added = await addRevision(db, ctx, document, file, expectedVersion);
		if (!added.ok) return { ok: false, name, status: 409, message: 'Someone else changed this document while you were uploading: check it and upload again' };
		return done(document.id, document.title, added.revision, false);
	}
	const existing = await identicalDocument(db, target.organisationId, file.sha256);
	let doc = existing;
	if (!doc) {
		const title = titleFromFileName(file.fileName);
		const created = await createDocument(db, ctx, target.organisationId, { title, description: '', documentDate: null, reviewBy: null }, file);
		doc = { documentId: created.documentId, title, revision: 1 };
	}
	if (target.citeFor) await linkDocuments(db, ctx, target.citeFor.ret, target.citeFor.code, [doc.documentId], null);
	return done(doc.documentId, doc.title, doc.revision, Boolean(existing));
}

/** A document in the library whose newest revision is exactly this file: uploading it again cites that one. */
async function identicalDocument(db: Queryable, organisationId: string, sha256: string): Promise<{ documentId: string; title: string; revision: number } | null> {
	const rows = await db.query<{ id: string; title: string; revision: number }>(
		`select d.id, d.title, v.revision from evidence_documents d
		 join lateral (select revision, sha256 from evidence_revisions w where w.document_id = d.id order by w.revision desc limit 1) v on true
		 where d.organisation_id = $1 and d.removed_at is null and v.sha256 = $2 order by d.created_at limit 1`,
		[organisationId, sha256]
	);
	return rows[0] ? { documentId: rows[0].id, title: rows[0].title, revision: rows[0].revision } : null;
}

/** After a failed insert: the stored object goes unless a revision already names it (the same file uploaded before). */
async function forgetIfUnused(settings: UploadSettings, key: string): Promise<void> {
	const rows = await settings.db.query('select 1 from evidence_revisions where storage_key = $1 limit 1', [key]);
	if (!rows.length) await settings.storage.delete(key).catch(() => undefined);
}
