// Feedback letters as people download them. An issued letter is always the
// stored file, byte for byte (its SHA-256 was recorded when it was issued); a
// draft is rendered afresh as a marked preview, for the partnership only.
// Every download is in the audit log.
import { error, type RequestEvent } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import { requireUser } from '../access';
import { recordAudit } from '../audit-log';
import { auditContext } from '../request';
import { db, evidenceServices } from '../runtime';
import { cycleLetterFor, ownLetterFor } from '../letter-guards';
import { cycleFor } from '../guards';
import { issuedLettersOfCycle, type Letter } from '../letters';
import type { Storage } from '../storage/types';
import { FILE_HEADERS, webStream } from '../evidence/download';
import { storedFilesZip } from '../evidence/evidence-zip';
import { contentDisposition } from '../../domain/downloads';
import { letterFileName } from '../../domain/letters';
import { contentOf, draftSignature } from './issue';
import { letterPdf } from './render-pdf';
import { letterDocx } from './render-docx';

export type LetterFormat = 'pdf' | 'docx';
const MEDIA: Record<LetterFormat, string> = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

type Params = Partial<Record<string, string>>;

async function issuedFile(storage: Storage, letter: Letter, format: LetterFormat): Promise<Readable> {
	const file = format === 'pdf' ? letter.pdf : letter.docx;
	if (!file) error(404, 'Not found');
	return storage.read(file.key);
}

async function respond(event: RequestEvent<Params>, letter: Letter, format: LetterFormat, body: Readable) {
	await recordAudit(db(), auditContext(event), {
		action: 'letter.download',
		partnershipId: letter.partnershipId,
		organisationId: letter.organisationId,
		subjectType: 'feedback_letter',
		subjectId: letter.id,
		detail: { format, issued: letter.state === 'issued' }
	});
	const name = `${letterFileName(letter.organisationName, letter.cycleTitle)}${letter.state === 'issued' ? '' : ' DRAFT'}.${format}`;
	return new Response(webStream(body), { headers: { ...FILE_HEADERS, 'Content-Type': MEDIA[format], 'Content-Disposition': contentDisposition(name) } });
}

/** A letter from the partnership's pages: the issued file, or a preview of the draft. */
export async function partnershipLetterFile(event: RequestEvent<Params>, format: LetterFormat): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const { letter } = await cycleLetterFor(user, event.params.partnershipId!, event.params.cycleId!, event.params.letterId!, 'letter:read');
	if (letter.state === 'issued') return respond(event, letter, format, await issuedFile(evidenceServices().storage, letter, format));
	const content = await contentOf(db(), letter, await draftSignature(db(), letter.partnershipId), true);
	if (!content) error(409, 'The moderation this letter reports is no longer available');
	return respond(event, letter, format, format === 'pdf' ? letterPdf(content) : Readable.from([await letterDocx(content)]));
}

/** An issued letter from the organisation's own pages. */
export async function organisationLetterFile(event: RequestEvent<Params>, format: LetterFormat): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const { letter } = await ownLetterFor(user, event.params.organisationId!, event.params.letterId!);
	return respond(event, letter, format, await issuedFile(evidenceServices().storage, letter, format));
}

/** Every issued letter of a cycle (PDF and Word) in one ZIP, each file read from storage only when the ZIP reaches it. */
export async function cycleLettersZip(event: RequestEvent<Params>): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const cycle = await cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'letter:read');
	const letters = await issuedLettersOfCycle(db(), cycle.id);
	if (!letters.length) error(404, 'No letter of this cycle has been issued yet');
	await recordAudit(db(), auditContext(event), { action: 'letter.download_all', partnershipId: cycle.partnershipId, subjectType: 'cycle', subjectId: cycle.id, detail: { letters: letters.length } });
	const used = new Set<string>();
	const files = letters.flatMap((letter) => {
		let base = letterFileName(letter.organisationName, letter.cycleTitle);
		if (used.has(base)) base = `${base} ${letter.id.slice(0, 8)}`;
		used.add(base);
		const mtime = letter.issuedAt ?? new Date();
		return (['pdf', 'docx'] as const).flatMap((format) => {
			const file = format === 'pdf' ? letter.pdf : letter.docx;
			return file ? [{ path: `${base}.${format}`, key: file.key, size: file.size, compress: format === 'pdf', mtime }] : [];
		});
	});
	const out = storedFilesZip(evidenceServices().storage, files);
	const name = `${cycle.partnershipName} ${cycle.title} feedback letters.zip`.replace(/[\\/:*?"<>|]+/g, ' ');
	return new Response(webStream(out), { headers: { ...FILE_HEADERS, 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(name) } });
}
