// Feedback letters as stored: a cycle's organisations with their letter's
// state, one letter, drafting from the moderation, saving the wording with the
// version rule, and the partnership's logo. Issuing is in letters/issue.ts.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { canDraftFrom, draftBody, type LetterState } from '../domain/letters';
import { CHALLENGE_STATUS_LABELS, type ChallengeStatus } from '../domain/challenges';
import { letterFacts } from './letter-facts';
import type { Logo } from './letters/content';

export interface Letter {
	id: string;
	partnershipId: string;
	cycleId: string;
	organisationId: string;
	organisationName: string;
	cycleTitle: string;
	partnershipName: string;
	submissionId: string;
	state: LetterState;
	body: string;
	version: number;
	updatedAt: Date;
	updatedByName: string | null;
	issuedAt: Date | null;
	issuedByName: string | null;
	signedName: string | null;
	signedRole: string | null;
	signedOn: string | null;
	pdf: { sha256: string; key: string; size: number } | null;
	docx: { sha256: string; key: string; size: number } | null;
}

type Row = Record<string, unknown> & {
	id: string; partnership_id: string; cycle_id: string; organisation_id: string; organisation_name: string; cycle_title: string; partnership_name: string;
	submission_id: string; state: LetterState; body: string; version: number; updated_at: Date; updated_by_name: string | null;
	issued_at: Date | null; issued_by_name: string | null; signed_name: string | null; signed_role: string | null; signed_on: string | null;
	pdf_sha256: string | null; pdf_storage_key: string | null; pdf_size: number | null;
	docx_sha256: string | null; docx_storage_key: string | null; docx_size: number | null;
};

const toLetter = (r: Row): Letter => ({
	id: r.id,
	partnershipId: r.partnership_id,
	cycleId: r.cycle_id,
	organisationId: r.organisation_id,
	organisationName: r.organisation_name,
	cycleTitle: r.cycle_title,
	partnershipName: r.partnership_name,
	submissionId: r.submission_id,
	state: r.state,
	body: r.body,
	version: r.version,
	updatedAt: r.updated_at,
	updatedByName: r.updated_by_name,
	issuedAt: r.issued_at,
	issuedByName: r.issued_by_name,
	signedName: r.signed_name,
	signedRole: r.signed_role,
	signedOn: r.signed_on,
	pdf: r.pdf_sha256 && r.pdf_storage_key ? { sha256: r.pdf_sha256, key: r.pdf_storage_key, size: r.pdf_size ?? 0 } : null,
	docx: r.docx_sha256 && r.docx_storage_key ? { sha256: r.docx_sha256, key: r.docx_storage_key, size: r.docx_size ?? 0 } : null
});

const SELECT = `select l.*, o.name as organisation_name, c.title as cycle_title, p.name as partnership_name, uu.name as updated_by_name, ui.name as issued_by_name
	from feedback_letters l join organisations o on o.id = l.organisation_id join cycles c on c.id = l.cycle_id join partnerships p on p.id = l.partnership_id
	left join users uu on uu.id = l.updated_by left join users ui on ui.id = l.issued_by`;

export async function getLetter(db: Queryable, id: string): Promise<Letter | null> {
	const [row] = await db.query<Row>(`${SELECT} where l.id = $1`, [id]);
	return row ? toLetter(row) : null;
}

export interface CycleLetterRow {
	organisationId: string;
	organisationName: string;
	moderationState: string | null;
	letterId: string | null;
	letterState: LetterState | null;
	issuedAt: Date | null;
}

/** Every organisation that submitted to the cycle, with its moderation's state and its letter, by name. */
export async function cycleLetters(db: Queryable, cycleId: string): Promise<CycleLetterRow[]> {
	const rows = await db.query<{ organisation_id: string; organisation_name: string; moderation_state: string | null; letter_id: string | null; letter_state: LetterState | null; issued_at: Date | null }>(
		`select o.id as organisation_id, o.name as organisation_name, m.state as moderation_state, l.id as letter_id, l.state as letter_state, l.issued_at
		 from (select distinct organisation_id from submissions where cycle_id = $1) s
		 join organisations o on o.id = s.organisation_id
		 left join moderations m on m.cycle_id = $1 and m.organisation_id = o.id
		 left join feedback_letters l on l.cycle_id = $1 and l.organisation_id = o.id
		 order by o.name, o.id`,
		[cycleId]
	);
	return rows.map((r) => ({ organisationId: r.organisation_id, organisationName: r.organisation_name, moderationState: r.moderation_state, letterId: r.letter_id, letterState: r.letter_state, issuedAt: r.issued_at }));
}

/** Issued letters of these organisations (never drafts), newest first, for their own people. */
export async function issuedLettersOf(db: Queryable, organisationIds: readonly string[]): Promise<Letter[]> {
	if (!organisationIds.length) return [];
	const rows = await db.query<Row>(`${SELECT} where l.organisation_id = any($1::uuid[]) and l.state = 'issued' order by l.issued_at desc`, [organisationIds]);
	return rows.map(toLetter);
}

/** What the organisation's pages list of an issued letter. */
export const issuedLetterLink = (l: Letter) => ({
	id: l.id,
	organisationId: l.organisationId,
	cycleTitle: l.cycleTitle,
	partnershipName: l.partnershipName,
	issuedAt: l.issuedAt?.toISOString() ?? ''
});

/** The partnership's cycles that have letters, with how many are drafted and issued. */
export async function cyclesWithLetters(db: Queryable, partnershipId: string): Promise<{ id: string; title: string; drafts: number; issued: number }[]> {
	return db.query(
		`select c.id, c.title, count(*) filter (where l.state = 'draft')::int as drafts, count(*) filter (where l.state = 'issued')::int as issued
		 from feedback_letters l join cycles c on c.id = l.cycle_id where l.partnership_id = $1
		 group by c.id, c.title, c.opens_on order by c.opens_on desc`,
		[partnershipId]
	);
}

/** A cycle's issued letters, by organisation name, for the ZIP of them all. */
export async function issuedLettersOfCycle(db: Queryable, cycleId: string): Promise<Letter[]> {
	const rows = await db.query<Row>(`${SELECT} where l.cycle_id = $1 and l.state = 'issued' order by o.name, l.id`, [cycleId]);
	return rows.map(toLetter);
}

const statusLabel = (s: string) => CHALLENGE_STATUS_LABELS[s as ChallengeStatus] ?? s;

/**
 * Drafts a letter for every organisation of the cycle whose moderation is
 * accepted or complete and which has no letter yet (of those in `only`, if
 * given). Returns how many.
 */
export async function draftLetters(db: Queryable, ctx: AuditContext, cycle: { id: string; partnershipId: string }, only: readonly string[] | null = null): Promise<number> {
	const ready = await db.query<{ organisation_id: string; state: string }>(
		`select m.organisation_id, m.state from moderations m
		 where m.cycle_id = $1 and ($2::uuid[] is null or m.organisation_id = any($2::uuid[]))
		 and not exists (select 1 from feedback_letters l where l.cycle_id = m.cycle_id and l.organisation_id = m.organisation_id)`,
		[cycle.id, only]
	);
	let made = 0;
	for (const r of ready.filter((r) => canDraftFrom(r.state))) {
		const facts = await letterFacts(db, cycle.id, r.organisation_id);
		if (!facts) continue;
		const id = await db.transaction(async (tx) => {
			const inserted = await tx.query<{ id: string }>(
				`insert into feedback_letters (partnership_id, cycle_id, organisation_id, submission_id, body, created_by, updated_by)
				 values ($1, $2, $3, $4, $5, $6, $6) on conflict (cycle_id, organisation_id) do nothing returning id`,
				[cycle.partnershipId, cycle.id, r.organisation_id, facts.submissionId, draftBody(facts.facts, statusLabel), ctx.actorId]
			);
			if (inserted.length) await recordAudit(tx, ctx, { action: 'letter.draft', partnershipId: cycle.partnershipId, organisationId: r.organisation_id, subjectType: 'feedback_letter', subjectId: inserted[0].id });
			return inserted[0]?.id ?? null;
		});
		if (id) made++;
	}
	return made;
}

export type WordingSave = { ok: true; letter: Letter } | { ok: false; reason: 'stale' | 'issued'; current: Letter };

/** Saves the chair's wording if the letter is still the version they edited and still a draft. */
export async function saveWording(db: Queryable, ctx: AuditContext, letter: Letter, body: string, expectedVersion: number): Promise<WordingSave> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update feedback_letters set body = $2, version = version + 1, updated_at = now(), updated_by = $3
			 where id = $1 and version = $4 and state = 'draft' returning id`,
			[letter.id, body, ctx.actorId, expectedVersion]
		);
		const current = (await getLetter(tx, letter.id))!;
		if (!rows.length) return { ok: false, reason: current.state === 'issued' ? 'issued' : 'stale', current } as const;
		await recordAudit(tx, ctx, { action: 'letter.edit', partnershipId: letter.partnershipId, organisationId: letter.organisationId, subjectType: 'feedback_letter', subjectId: letter.id, detail: { version: current.version } });
		return { ok: true, letter: current } as const;
	});
}

export async function getLogo(db: Queryable, partnershipId: string): Promise<(Logo & { fileName: string; uploadedAt: Date }) | null> {
	const [row] = await db.query<{ bytes: Buffer; media_type: Logo['mediaType']; file_name: string; uploaded_at: Date }>(
		'select bytes, media_type, file_name, uploaded_at from partnership_logos where partnership_id = $1',
		[partnershipId]
	);
	return row ? { bytes: row.bytes, mediaType: row.media_type, fileName: row.file_name, uploadedAt: row.uploaded_at } : null;
}

export async function setLogo(db: Queryable, ctx: AuditContext, partnershipId: string, logo: Logo & { fileName: string }): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into partnership_logos (partnership_id, media_type, bytes, file_name, uploaded_by) values ($1, $2, $3, $4, $5)
			 on conflict (partnership_id) do update set media_type = excluded.media_type, bytes = excluded.bytes, file_name = excluded.file_name,
				uploaded_by = excluded.uploaded_by, uploaded_at = now()`,
			[partnershipId, logo.mediaType, logo.bytes, logo.fileName, ctx.actorId]
		);
		await recordAudit(tx, ctx, { action: 'partnership.logo', partnershipId, subjectType: 'partnership', subjectId: partnershipId, detail: { mediaType: logo.mediaType, bytes: logo.bytes.length } });
	});
}
