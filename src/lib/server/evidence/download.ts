// A stored evidence revision sent to a browser: streamed from storage, with
// the stored type (never the uploader's browser's), a safe saved name, byte
// ranges for large PDFs, and headers that stop a browser from running
// anything in it. Every download is written to the audit log.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Readable } from 'node:stream';
import { contentDisposition, contentRange, parseRange } from '../../domain/downloads';
import { recordAudit } from '../audit-log';
import type { EvidenceRevision } from '../evidence';
import { auditContext } from '../request';
import { db, evidenceServices } from '../runtime';
import { downloadName } from './file-names';
import { kindOfMediaType } from './file-types';

/**
 * Headers every evidence file carries. `sandbox` replaces the page CSP: a
 * file opened in a tab runs no script and has an origin of its own.
 */
export const FILE_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Content-Security-Policy': 'sandbox',
	'Cache-Control': 'private, no-store'
} as const;

export const PURGED_MESSAGE =
	"This file was deleted at the end of the partnership's retention period for evidence. The record of what was submitted remains.";

/**
 * A Node stream as a web stream that reads only as fast as the client takes it.
 * Up to 4 MB is read ahead, so the next chunks are ready while the socket
 * drains: with none, the server waited for the client to take each chunk before
 * reading the next, and a 1 GB ZIP took half as long again.
 */
export function webStream(stream: Readable): ReadableStream<Uint8Array> {
	const chunks = stream[Symbol.asyncIterator]();
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				const { value, done } = await chunks.next();
				if (done) controller.close();
				else controller.enqueue(value instanceof Uint8Array ? value : new TextEncoder().encode(String(value)));
			},
			cancel() {
				stream.destroy();
			}
		},
		new ByteLengthQueuingStrategy({ highWaterMark: READ_AHEAD })
	);
}

const READ_AHEAD = 4 * 1024 * 1024;

export interface DownloadOf {
	revision: EvidenceRevision;
	organisationId: string;
	/** Set when the file is opened through a submission: its partnership and id. */
	submission?: { id: string; partnershipId: string };
	/** Set when the file is opened through a challenge's answer: its partnership and id. */
	challenge?: { id: string; partnershipId: string };
}

/** The revision as a response to `event` (Range and `?inline=1` honoured), audit-logged. */
export async function downloadRevision(event: RequestEvent, { revision, organisationId, submission, challenge }: DownloadOf): Promise<Response> {
	if (revision.purgedAt) error(410, PURGED_MESSAGE);
	const kind = kindOfMediaType(revision.mediaType);
	const inline = event.url.searchParams.get('inline') === '1' && kind?.inline === true;
	const etag = `"${revision.sha256}"`;
	const ifRange = event.request.headers.get('if-range');
	const asked = ifRange && ifRange !== etag ? null : event.request.headers.get('range');
	const range = parseRange(asked, revision.size);
	const headers = new Headers({
		...FILE_HEADERS,
		'Content-Type': revision.mediaType,
		'Content-Disposition': contentDisposition(kind ? downloadName(revision.fileName, kind) : revision.fileName, inline ? 'inline' : 'attachment'),
		'Accept-Ranges': 'bytes',
		ETag: etag
	});
	if (range.kind === 'unsatisfiable') {
		headers.set('Content-Range', contentRange(revision.size));
		return new Response(null, { status: 416, headers });
	}
	const part = range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
	const stream = await evidenceServices().storage.read(revision.storageKey, part);
	await recordAudit(db(), auditContext(event), {
		action: 'evidence.download',
		organisationId,
		partnershipId: submission?.partnershipId ?? challenge?.partnershipId ?? null,
		subjectType: 'evidence_document',
		subjectId: revision.documentId,
		detail: {
			revision: revision.revision,
			revisionId: revision.id,
			submission: submission?.id ?? null,
			...(challenge ? { challenge: challenge.id } : {}),
			range: part ? `${part.start}-${part.end}` : null,
			inline
		}
	}).catch((e: unknown) => {
		stream.destroy();
		throw e;
	});
	headers.set('Content-Length', String(part ? part.end - part.start + 1 : revision.size));
	if (part) headers.set('Content-Range', contentRange(revision.size, part));
	return new Response(webStream(stream), { status: part ? 206 : 200, headers });
}
