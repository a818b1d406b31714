// Telling signatories a return waits for them: the lead asks by email (through
// the outbox, logged), and each signatory's home page lists the returns that
// need their signature, so nobody has to be chased by hand.
import type { Queryable } from './db';
import { recordAudit, type AuditContext } from './audit-log';
import { enqueueMail } from './mail';
import { getReturn, listReturns, type LiveReturn } from './returns';
import { readiness, type SignOff } from './submissions';
import { capacitiesToSign, capacityWords } from '../domain/sign-off';
import { formatDate } from '../domain/dates';
import type { SignatoryCapacity } from '../domain/roles';

export interface Signatory {
	userId: string;
	name: string;
	email: string;
	capacity: SignatoryCapacity;
}

export interface SignOffAskees {
	/** Capacities the template asks for with no signature of the return as it stands. */
	toSign: SignatoryCapacity[];
	/** The organisation's signatories (who can sign in) holding one of those capacities. */
	recipients: Signatory[];
	/** Capacities still to sign that nobody at the organisation holds: someone has to be invited. */
	unheld: SignatoryCapacity[];
}

/** Whom asking for sign-off would reach now. */
export async function signOffAskees(db: Queryable, ret: LiveReturn, signOffs: readonly SignOff[]): Promise<SignOffAskees> {
	const toSign = capacitiesToSign(ret.template.definition.signOff.capacities, signOffs);
	if (!toSign.length) return { toSign, recipients: [], unheld: [] };
	const rows = await db.query<{ user_id: string; name: string; email: string; capacity: SignatoryCapacity }>(
		`select u.id as user_id, u.name, u.email, r.capacity from organisation_roles r join users u on u.id = r.user_id
		 where r.organisation_id = $1 and r.role = 'signatory' and u.disabled_at is null and r.capacity = any($2::text[])
		 order by r.capacity, lower(u.name), u.email`,
		[ret.organisationId, toSign]
	);
	const recipients = rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, capacity: r.capacity }));
	return { toSign, recipients, unheld: toSign.filter((c) => !recipients.some((r) => r.capacity === c)) };
}

export interface SignOffRequest {
	id: string;
	requestedAt: Date;
	requestedByName: string | null;
	recipients: Signatory[];
}

export type AskResult =
	| { ok: true; request: SignOffRequest; unheld: SignatoryCapacity[] }
	| { ok: false; reason: 'signed' }
	| { ok: false; reason: 'nobody'; unheld: SignatoryCapacity[] };

/**
 * Emails the signatories whose signature the return still needs as it stands,
 * naming the return, the lead who asks and the page to sign it on; records
 * the request and logs it. Nothing is sent when nobody can be asked.
 */
export async function askForSignOff(
	db: Queryable,
	ctx: AuditContext,
	ret: LiveReturn,
	organisationName: string,
	lead: { name: string; email: string },
	origin: string,
	now = new Date()
): Promise<AskResult> {
	return db.transaction(async (tx) => {
		const { signOffs } = await readiness(tx, ret, now);
		const { toSign, recipients, unheld } = await signOffAskees(tx, ret, signOffs);
		if (!toSign.length) return { ok: false, reason: 'signed' } as const;
		if (!recipients.length) return { ok: false, reason: 'nobody', unheld } as const;
		const rows = await tx.query<{ id: string }>(
			// As text, cast in SQL: both drivers would otherwise take a JS array for a PostgreSQL array.
			'insert into sign_off_requests (return_id, requested_by, requested_at, recipients) values ($1, $2, $3, $4::text::jsonb) returning id',
			[ret.id, ctx.actorId, now, JSON.stringify(recipients)]
		);
		const title = ret.template.title;
		const link = `${origin}/organisations/${ret.organisationId}/returns/${ret.id}/check`;
		for (const r of recipients) {
			const before = signOffs.find((s) => s.capacity === r.capacity);
			await enqueueMail(tx, {
				to: r.email,
				subject: `Please sign off the ${title} for ${organisationName}`,
				text: [
					`Hello ${r.name},`,
					'',
					`${lead.name} (${lead.email}) asks you to sign off the ${title} for ${organisationName} as ${capacityWords(r.capacity)}.`,
					...(before ? ['', `It has changed since ${before.signedName} signed it on ${formatDate(before.signedAt)}, so it needs signing again.`] : []),
					'',
					'Read it and sign it off:',
					link,
					'',
					'You sign the self-assessment as it stands: if it changes afterwards, it needs signing again before it is submitted.'
				].join('\n')
			});
		}
		await recordAudit(tx, ctx, {
			action: 'return.sign_off_request',
			organisationId: ret.organisationId,
			subjectType: 'return',
			subjectId: ret.id,
			detail: { template: title, recipients: recipients.map((r) => `${r.email} (${r.capacity})`) }
		});
		return { ok: true, request: { id: rows[0].id, requestedAt: now, requestedByName: lead.name, recipients }, unheld } as const;
	});
}

/** The return's latest request for sign-off, or the one with this id. */
export async function findSignOffRequest(db: Queryable, returnId: string, id?: string): Promise<SignOffRequest | null> {
	const rows = await db.query<{ id: string; requested_at: Date; requested_by_name: string | null; recipients: Signatory[] }>(
		`select q.id, q.requested_at, u.name as requested_by_name, q.recipients
		 from sign_off_requests q left join users u on u.id = q.requested_by
		 where q.return_id = $1 and ($2::uuid is null or q.id = $2::uuid) order by q.requested_at desc limit 1`,
		[returnId, id ?? null]
	);
	const r = rows[0];
	return r ? { id: r.id, requestedAt: r.requested_at, requestedByName: r.requested_by_name, recipients: r.recipients } : null;
}

export interface WaitingReturn {
	organisationId: string;
	organisationName: string;
	returnId: string;
	templateTitle: string;
	/** The person's capacities the return still needs, and any earlier signature in them that a change made stale. */
	capacities: { capacity: SignatoryCapacity; staleSignature: { name: string; at: Date } | null }[];
	/** Each open cycle it is for, and how much is left to finish before it is ready to sign. */
	cycles: { title: string; partnershipName: string; deadline: string; toFinish: number }[];
}

/**
 * Returns waiting for this person's signature: in each organisation where they
 * sign, every return asked for by an open cycle that needs a capacity of
 * theirs signed as it stands (never signed, or changed since).
 */
export async function returnsWaitingFor(
	db: Queryable,
	roles: readonly { organisationId: string; organisationName: string; capacity: SignatoryCapacity }[],
	now = new Date()
): Promise<WaitingReturn[]> {
	const organisations = [...new Map(roles.map((r) => [r.organisationId, r.organisationName])).entries()];
	const perOrganisation = await Promise.all(
		organisations.map(async ([organisationId, organisationName]) => {
			const returns = await Promise.all((await listReturns(db, organisationId)).map((r) => getReturn(db, r.id)));
			return Promise.all(
				returns.map(async (ret): Promise<WaitingReturn | null> => {
					if (!ret) return null;
					const mine = roles.filter((r) => r.organisationId === organisationId).map((r) => r.capacity);
					const { cycles, signOffs } = await readiness(db, ret, now);
					const needed = capacitiesToSign(ret.template.definition.signOff.capacities, signOffs).filter((c) => mine.includes(c));
					if (!cycles.length || !needed.length) return null;
					return {
						organisationId,
						organisationName,
						returnId: ret.id,
						templateTitle: ret.template.title,
						capacities: needed.map((capacity) => {
							const stale = signOffs.find((s) => s.capacity === capacity);
							return { capacity, staleSignature: stale ? { name: stale.signedName, at: stale.signedAt } : null };
						}),
						cycles: cycles.map((c) => ({
							title: c.cycle.title,
							partnershipName: c.cycle.partnershipName,
							deadline: c.deadline,
							toFinish: c.problems.filter((p) => p.kind === 'requirement').length
						}))
					};
				})
			);
		})
	);
	return perOrganisation.flat().filter((w): w is WaitingReturn => w !== null);
}
