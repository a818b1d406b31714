// Adding organisations to a partnership, and the requests an organisation
// answers when a partnership asks to add it while it already works with
// another partnership (or already has people here). Joining lets the
// partnership's business unit edit the organisation's details and invite its
// leads, so it needs the organisation's agreement: its lead's, or while it has
// no lead, a business unit's of a partnership it already belongs to.
import type { Queryable } from './db';
import type { OrganisationInput } from '../domain/organisations';
import { recordAudit, type AuditContext } from './audit-log';
import { enqueueMail } from './mail';
import { getPartnership } from './partnerships';
import { createOrganisation, findByIdentifiers, getOrganisation, joinOutcome, linkMember, type Organisation } from './organisations';

export type AddMemberOutcome = 'created' | 'linked' | 'already_member' | 'requested';

/** Who is adding, for the request's record and the link in its email. */
export interface Requester {
	ctx: AuditContext;
	origin: string;
}

/**
 * Adds an organisation to a partnership. One already known by its URN, UKPRN,
 * ODS or GSS code (or, without any, its exact name and kind) is never
 * duplicated: it is linked, or asked to agree (see joinOutcome).
 */
export async function addMember(
	db: Queryable,
	partnershipId: string,
	input: OrganisationInput,
	requester: Requester
): Promise<{ outcome: AddMemberOutcome; organisation: Organisation }> {
	return db.transaction(async (tx) => {
		const existing = await findByIdentifiers(tx, input);
		if (!existing) return { outcome: 'created', organisation: await createOrganisation(tx, partnershipId, input) };
		return joinExisting(tx, partnershipId, existing, requester);
	});
}

/** Makes a known organisation (a new find, or a former member) a member, or asks it to agree. */
export async function joinExisting(
	db: Queryable,
	partnershipId: string,
	existing: Organisation,
	requester: Requester
): Promise<{ outcome: Exclude<AddMemberOutcome, 'created'>; organisation: Organisation }> {
	const outcome = joinOutcome(existing, partnershipId);
	if (outcome === 'already_member') return { outcome, organisation: existing };
	if (outcome === 'request') {
		await requestMembership(db, partnershipId, existing, requester);
		return { outcome: 'requested', organisation: existing };
	}
	await linkMember(db, partnershipId, existing.id);
	return { outcome: 'linked', organisation: (await getOrganisation(db, existing.id))! };
}

async function requestMembership(tx: Queryable, partnershipId: string, organisation: Organisation, { ctx, origin }: Requester) {
	const inserted = await tx.query(
		`insert into membership_requests (partnership_id, organisation_id, requested_by) values ($1, $2, $3)
		 on conflict do nothing returning 1`,
		[partnershipId, organisation.id, ctx.actorId]
	);
	if (!inserted.length) return;
	const partnership = (await getPartnership(tx, partnershipId))!;
	for (const to of await deciderEmails(tx, organisation)) {
		await enqueueMail(tx, {
			to,
			subject: `${partnership.name} asks to add ${organisation.name} as a member`,
			text: [
				`${partnership.name} has asked to add ${organisation.name} to its member organisations in the safeguarding self-assessment portal.`,
				'',
				'If you agree, its business unit will be able to change your organisation’s details, invite its leads and include it in its audit cycles. It will see only what you submit to its cycles, never your live self-assessment.',
				'',
				`Agree or decline: ${origin}/organisations/${organisation.id}/membership-requests/${partnershipId}`
			].join('\n')
		});
	}
	await recordAudit(tx, ctx, {
		action: 'membership.request',
		partnershipId,
		organisationId: organisation.id,
		subjectType: 'organisation',
		subjectId: organisation.id,
		detail: { name: organisation.name }
	});
}

/** The people who answer a request: the organisation's leads, or without one, its partnerships' business units. */
async function deciderEmails(db: Queryable, organisation: Organisation): Promise<string[]> {
	const leads = await activeLeadEmails(db, organisation.id);
	return leads.length ? leads : businessUnitEmails(db, organisation.activePartnershipIds);
}

async function businessUnitEmails(db: Queryable, partnershipIds: string[]): Promise<string[]> {
	const units = await db.query<{ email: string }>(
		`select distinct u.email from partnership_roles r join users u on u.id = r.user_id
		 where r.partnership_id = any($1::uuid[]) and r.role = 'business_unit' and u.disabled_at is null order by u.email`,
		[partnershipIds]
	);
	return units.map((u) => u.email);
}

export async function activeLeadEmails(db: Queryable, organisationId: string): Promise<string[]> {
	const rows = await db.query<{ email: string }>(
		`select u.email from organisation_roles r join users u on u.id = r.user_id
		 where r.organisation_id = $1 and r.role = 'lead' and u.disabled_at is null order by u.email`,
		[organisationId]
	);
	return rows.map((r) => r.email);
}

/** Whether the organisation has a lead who can sign in: then only a lead answers its requests. */
export async function hasActiveLead(db: Queryable, organisationId: string): Promise<boolean> {
	return (await activeLeadEmails(db, organisationId)).length > 0;
}

export interface MembershipRequest {
	partnershipId: string;
	partnershipName: string;
	organisationId: string;
	organisationName: string;
	requestedAt: Date;
}

const REQUEST_SELECT = `select q.partnership_id, p.name as partnership_name, q.organisation_id, o.name as organisation_name, q.requested_at
	from membership_requests q join partnerships p on p.id = q.partnership_id join organisations o on o.id = q.organisation_id`;

type RequestRow = { partnership_id: string; partnership_name: string; organisation_id: string; organisation_name: string; requested_at: Date };
const toRequest = (r: RequestRow): MembershipRequest => ({
	partnershipId: r.partnership_id,
	partnershipName: r.partnership_name,
	organisationId: r.organisation_id,
	organisationName: r.organisation_name,
	requestedAt: r.requested_at
});

export async function getMembershipRequest(db: Queryable, partnershipId: string, organisationId: string): Promise<MembershipRequest | null> {
	const rows = await db.query<RequestRow>(`${REQUEST_SELECT} where q.partnership_id = $1 and q.organisation_id = $2`, [partnershipId, organisationId]);
	return rows[0] ? toRequest(rows[0]) : null;
}

/** Requests waiting for an organisation's answer, oldest first. */
export async function requestsToOrganisation(db: Queryable, organisationId: string): Promise<MembershipRequest[]> {
	return (await db.query<RequestRow>(`${REQUEST_SELECT} where q.organisation_id = $1 order by q.requested_at`, [organisationId])).map(toRequest);
}

/** Requests a partnership has made that are not answered yet. */
export async function requestsOfPartnership(db: Queryable, partnershipId: string): Promise<MembershipRequest[]> {
	return (await db.query<RequestRow>(`${REQUEST_SELECT} where q.partnership_id = $1 order by lower(o.name)`, [partnershipId])).map(toRequest);
}

export type Answer = 'agree' | 'decline' | 'withdraw';

/** Ends a request: agreeing makes the organisation a member. False when there was no such request (already answered). */
export async function answerMembershipRequest(db: Queryable, ctx: AuditContext, request: MembershipRequest, answer: Answer): Promise<boolean> {
	return db.transaction(async (tx) => {
		const deleted = await tx.query(
			'delete from membership_requests where partnership_id = $1 and organisation_id = $2 returning 1',
			[request.partnershipId, request.organisationId]
		);
		if (!deleted.length) return false;
		if (answer === 'agree') await linkMember(tx, request.partnershipId, request.organisationId);
		if (answer !== 'withdraw') await tellAskingPartnership(tx, request, answer);
		await recordAudit(tx, ctx, {
			action: `membership.${answer}`,
			partnershipId: request.partnershipId,
			organisationId: request.organisationId,
			subjectType: 'organisation',
			subjectId: request.organisationId,
			detail: { name: request.organisationName, partnership: request.partnershipName }
		});
		return true;
	});
}

/** The asking partnership's business unit hears the answer. */
async function tellAskingPartnership(tx: Queryable, request: MembershipRequest, answer: 'agree' | 'decline') {
	const agreed = answer === 'agree';
	for (const email of await businessUnitEmails(tx, [request.partnershipId])) {
		await enqueueMail(tx, {
			to: email,
			subject: `${request.organisationName} ${agreed ? 'agreed to join' : 'declined to join'} ${request.partnershipName}`,
			text: agreed
				? `${request.organisationName} agreed to your request: it is now one of ${request.partnershipName}’s member organisations, and you can include it in your audit cycles.`
				: `${request.organisationName} declined ${request.partnershipName}’s request to add it as a member. If you think this is a mistake, contact the organisation.`
		});
	}
}
