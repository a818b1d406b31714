// Issuing a feedback letter: its PDF and Word files are rendered once from the
// wording and the grades as they are now, spooled (hashed on the way),
// committed to storage under letters/<partnership>/<sha256>, and recorded with
// their hashes in one transaction that also freezes the letter, logs the issue
// and queues a notice to the organisation's leads (a link, no attachment).
import { Readable } from 'node:stream';
import type { Queryable } from '../db';
import { recordAudit, type AuditContext } from '../audit-log';
import { enqueueMail } from '../mail';
import { activeLeadEmails } from '../membership-requests';
import { spool } from '../storage/spool';
import { letterKey, type Storage } from '../storage/types';
import { getLetter, getLogo, type Letter } from '../letters';
import { letterFacts } from '../letter-facts';
import { letterContent, type LetterContent } from './content';
import { letterPdf } from './render-pdf';
import { letterDocx } from './render-docx';
import { CHAIR_ROLE, canDraftFrom, type Signature } from '../../domain/letters';
import { ukToday } from '../../domain/cycles';

/** Issued files are small; anything near this is a fault, not a letter. */
const MAX_FILE = 50 * 1024 * 1024;

/** The letter as it would be issued now (or, for a preview, as it stands). */
export async function contentOf(db: Queryable, letter: Letter, signature: Signature, draft: boolean): Promise<LetterContent | null> {
	const found = await letterFacts(db, letter.cycleId, letter.organisationId);
	if (!found) return null;
	return letterContent(found.facts, letter.body, signature, await getLogo(db, letter.partnershipId), draft);
}

/** The name a draft is signed with in previews: the partnership's chair, today. */
export async function draftSignature(db: Queryable, partnershipId: string, today = ukToday()): Promise<Signature> {
	const [chair] = await db.query<{ name: string }>(
		`select u.name from partnership_roles r join users u on u.id = r.user_id
		 where r.partnership_id = $1 and r.role = 'chair' and u.disabled_at is null order by u.name limit 1`,
		[partnershipId]
	);
	return { name: chair?.name ?? 'The Independent Chair', role: CHAIR_ROLE, signedOn: today };
}

export type IssueOutcome =
	| { ok: true; letter: Letter }
	| { ok: false; reason: 'stale' | 'issued' | 'not_ready'; current: Letter };

interface Services {
	storage: Storage;
	spoolDir: string;
}

async function store(services: Services, partnershipId: string, bytes: Readable | Buffer) {
	const spooled = await spool(bytes instanceof Readable ? bytes : Readable.from([bytes]), services.spoolDir, MAX_FILE);
	const key = letterKey(partnershipId, spooled.sha256);
	await services.storage.commit(spooled.path, key);
	return { key, sha256: spooled.sha256, size: spooled.size };
}

export async function issueLetter(
	db: Queryable,
	services: Services,
	ctx: AuditContext,
	letter: Letter,
	chair: { name: string; origin: string },
	expectedVersion: number,
	today = ukToday()
): Promise<IssueOutcome> {
	if (letter.state === 'issued') return { ok: false, reason: 'issued', current: letter };
	if (letter.version !== expectedVersion) return { ok: false, reason: 'stale', current: letter };
	const state = (await db.query<{ state: string }>('select state from moderations where cycle_id = $1 and organisation_id = $2', [letter.cycleId, letter.organisationId]))[0]?.state;
	const signature: Signature = { name: chair.name, role: CHAIR_ROLE, signedOn: today };
	const content = canDraftFrom(state) ? await contentOf(db, letter, signature, false) : null;
	if (!content) return { ok: false, reason: 'not_ready', current: letter };
	const pdf = await store(services, letter.partnershipId, letterPdf(content));
	const docx = await store(services, letter.partnershipId, await letterDocx(content));
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update feedback_letters set state = 'issued', issued_at = now(), issued_by = $2, signed_name = $3, signed_role = $4, signed_on = $5,
				pdf_sha256 = $6, pdf_storage_key = $7, pdf_size = $8, docx_sha256 = $9, docx_storage_key = $10, docx_size = $11,
				version = version + 1, updated_at = now(), updated_by = $2
			 where id = $1 and version = $12 and state = 'draft' returning id`,
			[letter.id, ctx.actorId, signature.name, signature.role, signature.signedOn, pdf.sha256, pdf.key, pdf.size, docx.sha256, docx.key, docx.size, expectedVersion]
		);
		const current = (await getLetter(tx, letter.id))!;
		if (!rows.length) return { ok: false, reason: current.state === 'issued' ? 'issued' : 'stale', current } as const;
		await recordAudit(tx, ctx, {
			action: 'letter.issue',
			partnershipId: letter.partnershipId,
			organisationId: letter.organisationId,
			subjectType: 'feedback_letter',
			subjectId: letter.id,
			detail: { pdfSha256: pdf.sha256, docxSha256: docx.sha256 }
		});
		const link = `${chair.origin}/organisations/${letter.organisationId}#feedback-letters`;
		for (const to of await activeLeadEmails(tx, letter.organisationId)) {
			await enqueueMail(tx, {
				to,
				subject: `Your feedback letter for ${letter.cycleTitle} is ready`,
				text: [
					`${content.partnershipName} has issued ${letter.organisationName}’s feedback letter for ${letter.cycleTitle}, signed by ${signature.name}, ${signature.role}.`,
					'',
					`Read and download it (PDF or Word) in the portal: ${link}`
				].join('\n')
			});
		}
		return { ok: true, letter: current } as const;
	});
}
