// Load a resource and check access in one step, so a route cannot do one
// without the other. A missing id and a foreign id give the same 404.
import { error } from '@sveltejs/kit';
import { can, canAnswerMembershipRequest, found, requireAccess, requireMembershipAnswerer, type ModerationPermission, type OrganisationPermission, type PartnershipPermission, type Target } from './access';
import { getModeration, type Moderation } from './moderation';
import { getOrganisation, type Organisation } from './organisations';
import { getPartnership, type Partnership } from './partnerships';
import type { SessionUser } from './users';
import { db } from './runtime';
import { getTemplate, type TemplateVersion } from './templates';
import { getCycle, type Cycle } from './cycles';
import { getReturn, type LiveReturn } from './returns';
import { getSubmission, type Submission } from './submissions';
import { documentRevision, submissionRevision } from './evidence-downloads';
import { getDocument, type EvidenceDocument, type EvidenceRevision } from './evidence';
import { getChallenge, type Challenge } from './challenge-log';
import { getEvent, type ChallengeEvent } from './challenge-events';
import { slotOfOrganisation, type Slot } from './challenge-event-slots';
import { getMembershipRequest, hasActiveLead, requestsToOrganisation, type MembershipRequest } from './membership-requests';

export async function organisationFor(
	user: SessionUser,
	organisationId: string,
	permission: OrganisationPermission
): Promise<Organisation> {
	const organisation = found(await getOrganisation(db(), organisationId));
	requireAccess(user, permission, { organisation });
	return organisation;
}

export async function partnershipFor(
	user: SessionUser,
	partnershipId: string,
	permission: PartnershipPermission
): Promise<Partnership> {
	requireAccess(user, permission, { partnershipId });
	return found(await getPartnership(db(), partnershipId));
}

/** An organisation seen from a partnership: it must be (or, to read its history, have been) a member of that partnership. */
export async function memberFor(
	user: SessionUser,
	partnershipId: string,
	organisationId: string,
	permission: OrganisationPermission
): Promise<Organisation> {
	requireAccess(user, 'partnership:view', { partnershipId });
	const organisation = found(await getOrganisation(db(), organisationId));
	if (!organisation.partnershipIds.includes(partnershipId)) found(null);
	const scope = memberScope(organisation, partnershipId);
	if (needsCurrentMembership(organisation, partnershipId, permission)) {
		requireAccess(user, 'organisation:view', scope);
		error(403, 'This organisation is no longer a member of the partnership');
	}
	requireAccess(user, permission, scope);
	return organisation;
}

const memberScope = (organisation: Organisation, partnershipId: string): Target => ({ organisation: { id: organisation.id, partnershipIds: [partnershipId] } });

/** A former member's history stays readable; anything more needs a current membership. */
const needsCurrentMembership = (organisation: Organisation, partnershipId: string, permission: OrganisationPermission) =>
	permission !== 'organisation:view' && !organisation.activePartnershipIds.includes(partnershipId);

/** Whether memberFor would let this person do `permission` to the organisation: a member's page offers only those controls. */
export function canForMember(user: SessionUser, organisation: Organisation, partnershipId: string, permission: OrganisationPermission): boolean {
	return (
		can(user, 'partnership:view', { partnershipId }) &&
		organisation.partnershipIds.includes(partnershipId) &&
		!needsCurrentMembership(organisation, partnershipId, permission) &&
		can(user, permission, memberScope(organisation, partnershipId))
	);
}

/**
 * A partnership's member organisations as a whole, as the target of an
 * organisation permission: the list belongs to no one organisation, so only
 * the user's partnership roles count (the empty id matches no organisation role).
 */
export const membersOf = (partnershipId: string): Target => ({ organisation: { id: '', partnershipIds: [partnershipId] } });

/** A partnership whose member list the user may read: whoever may read its members' pages. */
export async function memberListFor(user: SessionUser, partnershipId: string): Promise<Partnership> {
	requireAccess(user, 'partnership:view', { partnershipId });
	requireAccess(user, 'organisation:view', membersOf(partnershipId));
	return found(await getPartnership(db(), partnershipId));
}

/** A template version a partnership can see: a shipped one or its own. */
export async function templateFor(
	user: SessionUser,
	partnershipId: string,
	templateId: string,
	permission: PartnershipPermission
): Promise<TemplateVersion> {
	requireAccess(user, permission, { partnershipId });
	const template = found(await getTemplate(db(), templateId));
	if (template.partnershipId && template.partnershipId !== partnershipId) found(null);
	return template;
}

/** A cycle of this partnership. */
export async function cycleFor(user: SessionUser, partnershipId: string, cycleId: string, permission: PartnershipPermission): Promise<Cycle> {
	requireAccess(user, permission, { partnershipId });
	const cycle = found(await getCycle(db(), cycleId));
	if (cycle.partnershipId !== partnershipId) found(null);
	return cycle;
}

/** An organisation's live return: only the organisation's own people ever reach it. */
export async function returnFor(
	user: SessionUser,
	organisationId: string,
	returnId: string,
	permission: OrganisationPermission
): Promise<{ organisation: Organisation; ret: LiveReturn }> {
	// Read together (one round trip's wait, not two); nothing of the return is used before the access check.
	const [org, maybeRet] = await Promise.all([getOrganisation(db(), organisationId), getReturn(db(), returnId)]);
	const organisation = found(org);
	requireAccess(user, permission, { organisation });
	const ret = found(maybeRet);
	if (ret.organisationId !== organisation.id) found(null);
	return { organisation, ret };
}

/**
 * An organisation's evidence library belongs to its own people alone: to a
 * partnership's roles it does not exist (404), since they open evidence only
 * through the submissions made to them.
 */
export const libraryOf = (organisation: { id: string }): Target => ({ organisation: { id: organisation.id, partnershipIds: [] } });

export async function libraryFor(user: SessionUser, organisationId: string, permission: OrganisationPermission): Promise<Organisation> {
	const organisation = found(await getOrganisation(db(), organisationId));
	requireAccess(user, permission, libraryOf(organisation));
	return organisation;
}

/** A document in an organisation's evidence library: only the organisation's own people reach it. */
export async function documentFor(
	user: SessionUser,
	organisationId: string,
	documentId: string,
	permission: OrganisationPermission
): Promise<{ organisation: Organisation; document: EvidenceDocument }> {
	const organisation = await libraryFor(user, organisationId, permission);
	return { organisation, document: found(await getDocument(db(), organisation.id, documentId)) };
}

/** A submission, read by its organisation or the partnership it was sent to. */
export async function submissionFor(user: SessionUser, submissionId: string): Promise<Submission> {
	const submission = found(await getSubmission(db(), submissionId));
	requireAccess(user, 'submission:view', { submission });
	return submission;
}

export type SubmissionSide = { partnershipId: string } | { organisationId: string };

/**
 * A submission reached through a partnership's pages (it must have been sent
 * to that partnership) or an organisation's (it must be the organisation's).
 * The same submission through the wrong one is a 404.
 */
export async function submissionThrough(user: SessionUser, via: { partnershipId: string }, submissionId: string): Promise<{ submission: Submission; organisation: null }>;
export async function submissionThrough(user: SessionUser, via: { organisationId: string }, submissionId: string): Promise<{ submission: Submission; organisation: Organisation }>;
export async function submissionThrough(user: SessionUser, via: SubmissionSide, submissionId: string): Promise<{ submission: Submission; organisation: Organisation | null }>;
export async function submissionThrough(user: SessionUser, via: SubmissionSide, submissionId: string): Promise<{ submission: Submission; organisation: Organisation | null }> {
	if ('partnershipId' in via) {
		requireAccess(user, 'partnership:submissions', { partnershipId: via.partnershipId });
		const submission = await submissionFor(user, submissionId);
		if (submission.partnershipId !== via.partnershipId) found(null);
		return { submission, organisation: null };
	}
	const organisation = await organisationFor(user, via.organisationId, 'organisation:workspace');
	const submission = await submissionFor(user, submissionId);
	if (submission.organisationId !== organisation.id) found(null);
	return { submission, organisation };
}

/** Exactly a revision the submission cites: any other revision id, wherever it exists, is a 404. */
export async function submissionRevisionFor(submission: Submission, revisionId: string): Promise<EvidenceRevision> {
	return found(await submissionRevision(db(), submission.id, revisionId));
}

/** A revision (by its number) of one of the organisation's documents, for the organisation's own people. */
export async function documentRevisionFor(user: SessionUser, organisationId: string, documentId: string, revision: string): Promise<{ organisation: Organisation; revision: EvidenceRevision }> {
	const organisation = await libraryFor(user, organisationId, 'evidence:view');
	const number = /^[1-9]\d{0,8}$/.test(revision) ? Number(revision) : null;
	return { organisation, revision: found(number ? await documentRevision(db(), organisation.id, documentId, number) : null) };
}

/**
 * A partnership's request to add an organisation, for someone who may answer
 * it: the organisation's lead, or while it has none, a business unit of a
 * partnership it currently belongs to. The asking partnership cannot answer.
 */
export async function membershipRequestFor(
	user: SessionUser,
	organisationId: string,
	partnershipId: string
): Promise<{ organisation: Organisation; request: MembershipRequest }> {
	const organisation = found(await getOrganisation(db(), organisationId));
	requireMembershipAnswerer(user, organisation, partnershipId, await hasActiveLead(db(), organisation.id));
	return { organisation, request: found(await getMembershipRequest(db(), partnershipId, organisation.id)) };
}

/**
 * The requests to add an organisation that this person may answer, for the
 * pages that offer the answer (the same rule as membershipRequestFor), and
 * whether the organisation has a lead, who then answers them.
 */
export async function requestsToAnswer(
	user: SessionUser,
	organisation: { id: string; activePartnershipIds: string[] }
): Promise<{ requests: MembershipRequest[]; hasLead: boolean }> {
	// The wider of the two permissions: without it, no request can be this person's to answer.
	const scope = { organisation: { id: organisation.id, partnershipIds: organisation.activePartnershipIds } };
	if (!can(user, 'organisation:membership_without_lead', scope)) return { requests: [], hasLead: true };
	const [hasLead, requests] = await Promise.all([hasActiveLead(db(), organisation.id), requestsToOrganisation(db(), organisation.id)]);
	return { requests: requests.filter((r) => canAnswerMembershipRequest(user, organisation, r.partnershipId, hasLead)), hasLead };
}

/**
 * A submission's moderation, through the partnership it was sent to. A
 * moderator reaches only the submissions assigned to them: any other is a 404.
 * The moderation is null until someone assigns it or starts moderating.
 */
export async function moderationThrough(user: SessionUser, partnershipId: string, submissionId: string, permission: ModerationPermission): Promise<{ submission: Submission; moderation: Moderation | null }> {
	requireAccess(user, 'partnership:moderation', { partnershipId });
	const submission = found(await getSubmission(db(), submissionId));
	if (submission.partnershipId !== partnershipId) found(null);
	const moderation = await getModeration(db(), submission.cycleId, submission.organisationId);
	requireAccess(user, permission, { moderation: { partnershipId, moderatorId: moderation?.moderatorId ?? null } });
	return { submission, moderation };
}

/**
 * A challenge through a partnership's pages (raised by that partnership) or an
 * organisation's (raised with it). The same challenge through the wrong one is a 404.
 */
export async function challengeThrough(
	user: SessionUser,
	via: { partnershipId: string; permission: PartnershipPermission } | { organisationId: string; permission: OrganisationPermission },
	challengeId: string
): Promise<Challenge> {
	if ('partnershipId' in via) {
		requireAccess(user, via.permission, { partnershipId: via.partnershipId });
		const challenge = found(await getChallenge(db(), challengeId));
		if (challenge.partnershipId !== via.partnershipId) found(null);
		return challenge;
	}
	const organisation = await organisationFor(user, via.organisationId, via.permission);
	const challenge = found(await getChallenge(db(), challengeId));
	if (challenge.organisationId !== organisation.id) found(null);
	return challenge;
}

/** A challenge event of this partnership's cycle: through any other partnership or cycle it is a 404. */
export async function eventFor(user: SessionUser, partnershipId: string, cycleId: string, eventId: string, permission: PartnershipPermission): Promise<{ cycle: Cycle; event: ChallengeEvent }> {
	const cycle = await cycleFor(user, partnershipId, cycleId, permission);
	const event = found(await getEvent(db(), eventId));
	if (event.cycleId !== cycle.id) found(null);
	return { cycle, event };
}

/** An organisation's slot at an event, for its own people: another organisation's slot is a 404. */
export async function ownSlotFor(user: SessionUser, organisationId: string, slotId: string): Promise<{ organisation: Organisation; event: ChallengeEvent; slot: Slot }> {
	const organisation = await organisationFor(user, organisationId, 'event:view_own');
	const slot = found(await slotOfOrganisation(db(), organisation.id, slotId));
	return { organisation, event: found(await getEvent(db(), slot.eventId)), slot };
}
