// An organisation's live return: always editable by the organisation, never
// seen by a partnership (partnerships read submissions). Every response and
// action row carries a version, so a stale write is refused, never applied.
import { createHash } from 'node:crypto';
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { getTemplate, type TemplateVersion } from './templates';
import { listActions } from './actions';
import { citationsFingerprint } from './evidence-links';
import { NOT_APPLICABLE, type ResponseState } from '../domain/completion';
import type { PostedAnswer } from '../domain/answers';

export interface LiveReturn {
	id: string;
	organisationId: string;
	template: TemplateVersion;
	carriedFrom: string | null;
	createdAt: Date;
}

export async function getReturn(db: Queryable, id: string): Promise<LiveReturn | null> {
	const rows = await db.query<{ id: string; organisation_id: string; template_id: string; carried_from: string | null; created_at: Date }>(
		'select * from returns where id = $1',
		[id]
	);
	const r = rows[0];
	if (!r) return null;
	const template = await getTemplate(db, r.template_id);
	if (!template) throw new Error(`return ${id} has no template ${r.template_id}`);
	return { id: r.id, organisationId: r.organisation_id, template, carriedFrom: r.carried_from, createdAt: r.created_at };
}

export interface ReturnSummary {
	id: string;
	templateTitle: string;
	templateVersion: number;
	answered: number;
	updatedAt: Date | null;
}

export async function listReturns(db: Queryable, organisationId: string): Promise<ReturnSummary[]> {
	const rows = await db.query<{ id: string; title: string; version: number; answered: number; updated_at: Date | null }>(
		`select r.id, t.title, t.version,
			(select count(*) from responses x where x.return_id = r.id and x.grade is not null) as answered,
			(select max(updated_at) from responses x where x.return_id = r.id) as updated_at
		 from returns r join templates t on t.id = r.template_id
		 where r.organisation_id = $1 order by t.title, t.version desc`,
		[organisationId]
	);
	return rows.map((r) => ({ id: r.id, templateTitle: r.title, templateVersion: r.version, answered: r.answered, updatedAt: r.updated_at }));
}

export interface StoredResponse extends ResponseState {
	version: number;
	updatedAt: Date;
	updatedByName: string | null;
}

type ResponseRow = {
	requirement_code: string;
	grade: string | null;
	na_reason: string;
	narrative: string;
	carried_forward: boolean;
	version: number;
	updated_at: Date;
	updated_by_name: string | null;
};

const RESPONSES = `select x.*, u.name as updated_by_name from responses x left join users u on u.id = x.updated_by where x.return_id = $1`;

const toResponse = (r: ResponseRow): StoredResponse => ({
	requirementCode: r.requirement_code,
	grade: r.grade,
	naReason: r.na_reason,
	narrative: r.narrative,
	carriedForward: r.carried_forward,
	version: r.version,
	updatedAt: r.updated_at,
	updatedByName: r.updated_by_name
});

export async function listResponses(db: Queryable, returnId: string): Promise<StoredResponse[]> {
	return (await db.query<ResponseRow>(RESPONSES, [returnId])).map(toResponse);
}

/**
 * One requirement's answer (null if it has none) and how many documents it
 * cites, in one statement: what an autosave checks before it writes.
 */
export async function answerAndEvidence(db: Queryable, returnId: string, code: string): Promise<{ current: StoredResponse | null; evidence: number }> {
	const [row] = await db.query<ResponseRow & { evidence_count: number }>(
		`select x.*, u.name as updated_by_name,
			(select count(*)::int from evidence_links e where e.return_id = $1 and e.requirement_code = $2) as evidence_count
		 from (values (1)) as one (n)
		 left join responses x on x.return_id = $1 and x.requirement_code = $2
		 left join users u on u.id = x.updated_by`,
		[returnId, code]
	);
	return { current: row.requirement_code === null ? null : toResponse(row), evidence: row.evidence_count };
}

/** One requirement's answer, if it has one. */
export async function getResponse(db: Queryable, returnId: string, code: string): Promise<StoredResponse | null> {
	const [row] = await db.query<ResponseRow>(`${RESPONSES} and x.requirement_code = $2`, [returnId, code]);
	return row ? toResponse(row) : null;
}

export interface ResponseInput {
	grade: string | null;
	naReason: string;
	narrative: string;
}

export type SaveOutcome =
	| { ok: true; version: number; updatedAt: Date }
	| { ok: false; reason: 'stale'; current: StoredResponse | null };

/** A refused write's answer: the newer response the person must see. */
async function stale(db: Queryable, returnId: string, code: string): Promise<SaveOutcome> {
	return { ok: false, reason: 'stale', current: await getResponse(db, returnId, code) };
}

/**
 * Saves one answer if `expectedVersion` is still current (0 when there is no
 * answer yet), or if the answer stored is already exactly this one. Saving
 * confirms a carried-forward answer.
 */
export async function saveResponse(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	code: string,
	input: ResponseInput,
	expectedVersion: number
): Promise<SaveOutcome> {
	const naReason = input.grade === NOT_APPLICABLE ? input.naReason : '';
	return db.transaction(async (tx) => {
		const rows =
			expectedVersion === 0
				? await tx.query<{ version: number; updated_at: Date }>(
						`insert into responses (return_id, requirement_code, grade, na_reason, narrative, updated_by)
						 values ($1, $2, $3, $4, $5, $6) on conflict (return_id, requirement_code) do nothing
						 returning version, updated_at`,
						[ret.id, code, input.grade, naReason, input.narrative, ctx.actorId]
					)
				: await tx.query<{ version: number; updated_at: Date }>(
						`update responses set grade = $3, na_reason = $4, narrative = $5, carried_forward = false,
							updated_at = now(), updated_by = $6, version = version + 1
						 where return_id = $1 and requirement_code = $2 and version = $7
						 returning version, updated_at`,
						[ret.id, code, input.grade, naReason, input.narrative, ctx.actorId, expectedVersion]
					);
		if (!rows.length) {
			const refused = await stale(tx, ret.id, code);
			// The same answer arriving twice (sent as a page closed, then put back and sent again by the next) is not a conflict.
			const current = refused.ok ? null : refused.current;
			if (current && !current.carriedForward && current.grade === input.grade && current.naReason === naReason && current.narrative === input.narrative) {
				return { ok: true, version: current.version, updatedAt: current.updatedAt } as const;
			}
			return refused;
		}
		await recordAudit(tx, ctx, {
			action: 'response.save',
			organisationId: ret.organisationId,
			subjectType: 'return',
			subjectId: ret.id,
			detail: { requirement: code, grade: input.grade, version: rows[0].version }
		});
		return { ok: true, version: rows[0].version, updatedAt: rows[0].updated_at } as const;
	});
}

/** Confirms a carried-forward answer unchanged. */
export async function confirmResponse(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	code: string,
	expectedVersion: number
): Promise<SaveOutcome> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ version: number; updated_at: Date }>(
			`update responses set carried_forward = false, updated_at = now(), updated_by = $3, version = version + 1
			 where return_id = $1 and requirement_code = $2 and version = $4 returning version, updated_at`,
			[ret.id, code, ctx.actorId, expectedVersion]
		);
		if (!rows.length) return stale(tx, ret.id, code);
		await recordAudit(tx, ctx, {
			action: 'response.confirm',
			organisationId: ret.organisationId,
			subjectType: 'return',
			subjectId: ret.id,
			detail: { requirement: code }
		});
		return { ok: true, version: rows[0].version, updatedAt: rows[0].updated_at } as const;
	});
}

/**
 * A fingerprint of what a signatory signs: every answer, action and cited
 * document (its newest revision). Any change
 * afterwards changes it, and the sign-off no longer counts.
 */
export async function contentHash(db: Queryable, returnId: string): Promise<string> {
	const [responses, actions, evidence] = await Promise.all([listResponses(db, returnId), listActions(db, returnId), citationsFingerprint(db, returnId)]);
	const canonical: Record<string, unknown[]> = {
		responses: responses
			.map((r) => [r.requirementCode, r.grade, r.naReason, r.narrative, r.carriedForward])
			.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
		actions: actions
			.map((a) => [a.requirementCode, a.description, a.owner, a.dueOn, a.status, a.progress])
			.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
	};
	// Only when evidence is cited, so returns that cite none keep the fingerprint they were signed with.
	if (evidence.length) canonical.evidence = evidence;
	return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** A requirement with nothing stored, as a page shows it. */
export const NO_ANSWER: ResponseInput = { grade: null, naReason: '', narrative: '' };

/** Fingerprint of an answer's values as a page showed them. */
export function answerFingerprint(a: { grade: string | null; naReason: string; narrative: string }): string {
	return createHash('sha256').update(JSON.stringify([a.grade ?? '', a.naReason, a.narrative])).digest('hex').slice(0, 32);
}

export interface AnswerConflict {
	code: string;
	mine: { grade: string | null; naReason: string; narrative: string };
	/** Null when nothing is stored: the page claimed a version that never existed. */
	theirs: StoredResponse | null;
}

export type StandardSave =
	| { ok: true; saved: number; confirmed: string[]; notConfirmed: string[] }
	| { ok: false; conflicts: AnswerConflict[] };

/**
 * Saves a standard's answers in one transaction. Rows the person did not touch
 * are left alone (whatever happened to them meanwhile); an edited row whose
 * version moved on is a conflict, and then nothing is saved: the page shows
 * both texts and the person decides.
 *
 * `confirmUnchanged` names carried-forward answers to confirm as they are ("confirm
 * all unchanged answers"): each untouched one is confirmed if it is still carried
 * forward at the version the page showed; one changed meanwhile is left for the
 * person to look at again (`notConfirmed`), without holding up the rest.
 */
export async function saveStandardAnswers(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	answers: PostedAnswer[],
	confirmUnchanged: ReadonlySet<string> = new Set()
): Promise<StandardSave> {
	return db.transaction(async (tx) => {
		await tx.query('select id from returns where id = $1 for update', [ret.id]);
		const current = new Map((await listResponses(tx, ret.id)).map((r) => [r.requirementCode, r]));
		const conflicts: AnswerConflict[] = [];
		const notConfirmed: string[] = [];
		const writes: { answer: PostedAnswer; confirmOnly: boolean }[] = [];
		for (const answer of answers) {
			const untouched = answerFingerprint(answer) === answer.original;
			const now = current.get(answer.code);
			if (untouched && confirmUnchanged.has(answer.code)) {
				if (now?.carriedForward && now.version === answer.version) writes.push({ answer, confirmOnly: true });
				else if (!(now && !now.carriedForward && answerFingerprint(now) === answer.original)) notConfirmed.push(answer.code);
				// (already confirmed by someone else, as it was: nothing to do or tell)
				continue;
			}
			if (untouched && !answer.confirm) continue;
			const sameAsStored = now && answerFingerprint(now) === answerFingerprint(answer);
			if ((now?.version ?? 0) !== answer.version) {
				if (sameAsStored && !answer.confirm) continue;
				if (!sameAsStored) {
					conflicts.push({ code: answer.code, mine: { grade: answer.grade, naReason: answer.naReason, narrative: answer.narrative }, theirs: now ?? null });
					continue;
				}
			}
			if (!now && !answer.grade && !answer.narrative && !answer.naReason) continue;
			writes.push({ answer: { ...answer, version: now?.version ?? 0 }, confirmOnly: Boolean(untouched && answer.confirm) });
		}
		if (conflicts.length) return { ok: false, conflicts } as const;
		for (const { answer, confirmOnly } of writes) {
			const outcome = confirmOnly
				? await confirmResponse(tx, ctx, ret, answer.code, answer.version)
				: await saveResponse(tx, ctx, ret, answer.code, answer, answer.version);
			if (!outcome.ok) throw new Error(`answer ${answer.code} changed inside its own transaction`);
		}
		const confirmed = writes.filter((w) => w.confirmOnly).map((w) => w.answer.code);
		return { ok: true, saved: writes.length, confirmed, notConfirmed } as const;
	});
}

/**
 * Writes many answers at once (the demo seed, a future spreadsheet import),
 * overwriting what is there, with one audit entry for the lot.
 */
export async function bulkSaveResponses(
	db: Queryable,
	ctx: AuditContext,
	ret: { id: string; organisationId: string },
	answers: ResponseState[],
	now = new Date()
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.query(
			`insert into responses (return_id, requirement_code, grade, na_reason, narrative, carried_forward, updated_by, updated_at)
			 select $1, x.code, x.grade, x.na_reason, x.narrative, x.carried_forward, $2, $3
			 from jsonb_to_recordset($4::jsonb) as x(code text, grade text, na_reason text, narrative text, carried_forward boolean)
			 on conflict (return_id, requirement_code) do update set grade = excluded.grade, na_reason = excluded.na_reason,
				narrative = excluded.narrative, carried_forward = excluded.carried_forward, updated_by = excluded.updated_by,
				updated_at = excluded.updated_at, version = responses.version + 1`,
			[ret.id, ctx.actorId, now, answers.map((a) => ({ code: a.requirementCode, grade: a.grade, na_reason: a.naReason, narrative: a.narrative, carried_forward: a.carriedForward }))]
		);
		await recordAudit(tx, ctx, { action: 'response.bulk_save', organisationId: ret.organisationId, subjectType: 'return', subjectId: ret.id, detail: { answers: answers.length } });
	});
}
