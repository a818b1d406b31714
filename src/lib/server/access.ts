// The one place that decides who may do what. Every load and every action
// calls it; nothing else compares roles. Deny by default. Outside a user's
// scope the answer is 404 (so ids cannot be probed); inside the scope but
// without the permission it is 403.
import { error, redirect } from '@sveltejs/kit';
import type { OrganisationRole, PartnershipRole } from '../domain/roles';
import type { SessionUser } from './users';

/** Permissions held through an organisation role (or, where listed, a partnership role over a member). */
const ORGANISATION_PERMISSIONS = {
	'organisation:view': { organisation: ['contributor', 'lead', 'signatory'], partnership: ['business_unit', 'chair'] },
	/** The organisation's own workspace (its live returns): never partnership roles. */
	'organisation:workspace': { organisation: ['contributor', 'lead', 'signatory'], partnership: [] },
	'organisation:edit': { organisation: [], partnership: ['business_unit'] },
	'organisation:invite_lead': { organisation: ['lead'], partnership: ['business_unit'] },
	'organisation:users': { organisation: ['lead'], partnership: [] },
	/** Answering a partnership's request to add the organisation (see membership-requests.ts)... */
	'organisation:membership': { organisation: ['lead'], partnership: [] },
	/** ...or, while it has no lead, a business unit of a partnership it belongs to. */
	'organisation:membership_without_lead': { organisation: ['lead'], partnership: ['business_unit'] },
	'return:view': { organisation: ['contributor', 'lead', 'signatory'], partnership: [] },
	'return:edit': { organisation: ['contributor', 'lead'], partnership: [] },
	'return:sign': { organisation: ['signatory'], partnership: [] },
	'return:submit': { organisation: ['lead'], partnership: [] },
	/** The organisation's evidence library: its own people only; partnerships open evidence through submissions. */
	'evidence:view': { organisation: ['contributor', 'lead', 'signatory'], partnership: [] },
	/** Upload, describe, cite and remove evidence. */
	'evidence:edit': { organisation: ['contributor', 'lead'], partnership: [] },
	/** Told about every document the personal-data check flagged (uploaders are told about their own). */
	'evidence:flags': { organisation: ['lead'], partnership: [] },
	/** The challenges partnerships have raised with the organisation, from its own side. */
	'challenge:view_own': { organisation: ['contributor', 'lead', 'signatory'], partnership: [] },
	'challenge:answer': { organisation: ['contributor', 'lead'], partnership: [] },
	/** The organisation's own slots at a partnership's challenge events (never the panel's reasons or record). */
	'event:view_own': { organisation: ['contributor', 'lead', 'signatory'], partnership: [] },
	/** The organisation's issued feedback letters (never a draft), from its own side. */
	'letter:view_own': { organisation: ['contributor', 'lead', 'signatory'], partnership: [] },
	/** Everything the organisation has kept in the portal, as one download, so nobody is locked in. */
	'organisation:export': { organisation: ['lead'], partnership: [] }
} as const satisfies Record<string, { organisation: OrganisationRole[]; partnership: PartnershipRole[] }>;

/** Permissions held through a partnership role. */
const PARTNERSHIP_PERMISSIONS = {
	'partnership:view': ['business_unit', 'chair', 'moderator', 'board_member'],
	'partnership:manage': ['business_unit'],
	'partnership:users': ['business_unit'],
	'partnership:audit': ['business_unit', 'chair'],
	'partnership:reports': ['business_unit', 'chair', 'moderator', 'board_member'],
	'partnership:submissions': ['business_unit', 'chair', 'moderator'],
	/** A cycle's moderation workspace (moderators see only what is assigned to them). */
	'partnership:moderation': ['business_unit', 'chair', 'moderator'],
	/** Assigning submissions to moderators. */
	'partnership:assign': ['business_unit', 'chair'],
	'partnership:templates': ['business_unit', 'chair'],
	/** The challenge log: read by every partnership role, raised by those who review, decided by the chair. */
	'challenge:read': ['business_unit', 'chair', 'moderator', 'board_member'],
	'challenge:raise': ['business_unit', 'chair', 'moderator'],
	'challenge:decide': ['chair'],
	/** Challenge events: read by every partnership role, planned and recorded by the chair. */
	'event:read': ['business_unit', 'chair', 'moderator', 'board_member'],
	'event:manage': ['chair'],
	/** Every pre-read pack of an event at once (each pack alone follows the submission's own readers). */
	'event:packs': ['business_unit', 'chair'],
	/** A cycle's feedback letters, drafts included: read by the business unit and the board, worded and issued by the chair. */
	'letter:read': ['business_unit', 'chair', 'board_member'],
	'letter:write': ['chair'],
	/** Compliance dashboards and the board paper: the business unit, the chair and the board. */
	'report:read': ['business_unit', 'chair', 'board_member'],
	/** The workbook and CSVs of every response, narrative and action (submission data): those who read submissions. */
	'report:export': ['business_unit', 'chair'],
	/** Chasing returns: reminders now and the schedule; the chair reads what was sent. */
	'reminder:read': ['business_unit', 'chair'],
	'reminder:send': ['business_unit'],
	/** Importing schools from the national register (and agencies from CSV). */
	'register:import': ['business_unit']
} as const satisfies Record<string, PartnershipRole[]>;

/**
 * A submission belongs to an organisation and to the partnership whose cycle
 * it was sent to: the organisation's people and that partnership's business
 * unit and chair may read it, and a moderator once it is assigned to them;
 * nobody else learns it exists.
 */
const SUBMISSION_READERS = {
	organisation: ['contributor', 'lead', 'signatory'],
	partnership: ['business_unit', 'chair'],
	assigned: ['moderator']
} as const satisfies { organisation: OrganisationRole[]; partnership: PartnershipRole[]; assigned: PartnershipRole[] };

/**
 * A moderation, through its partnership: `all` roles act on every one, `assigned`
 * roles only on those assigned to them. To anyone else in the partnership a
 * moderation not assigned to them does not exist (404).
 */
const MODERATION_PERMISSIONS = {
	'moderation:view': { all: ['business_unit', 'chair'], assigned: ['moderator'] },
	/** Drafting moderated grades and the review, requesting changes, accepting. */
	'moderation:edit': { all: ['chair'], assigned: ['moderator'] },
	/** Sending an accepted moderation back, completing it, agreed grades. */
	'moderation:complete': { all: ['chair'], assigned: [] }
} as const satisfies Record<string, { all: PartnershipRole[]; assigned: PartnershipRole[] }>;

export type OrganisationPermission = keyof typeof ORGANISATION_PERMISSIONS;
export type PartnershipPermission = keyof typeof PARTNERSHIP_PERMISSIONS;
export type ModerationPermission = keyof typeof MODERATION_PERMISSIONS;
export type Permission = OrganisationPermission | PartnershipPermission | ModerationPermission | 'submission:view' | 'admin:manage';

/** What a permission is checked against: just enough of the resource to know its scope. */
export type Target =
	| { installation: true }
	| { partnershipId: string }
	| { organisation: { id: string; partnershipIds: readonly string[] } }
	| { submission: { organisationId: string; partnershipId: string; moderatorId: string | null } }
	| { moderation: { partnershipId: string; moderatorId: string | null } };

export type Decision = 'allow' | 'forbidden' | 'not_found';

function partnershipRolesIn(user: SessionUser, partnershipIds: readonly string[]): PartnershipRole[] {
	return user.partnershipRoles.filter((r) => partnershipIds.includes(r.partnershipId)).map((r) => r.role);
}

function organisationRolesIn(user: SessionUser, organisationId: string): OrganisationRole[] {
	return user.organisationRoles.filter((r) => r.organisationId === organisationId).map((r) => r.role);
}

const overlaps = <T>(held: readonly T[], needed: readonly T[]) => held.some((r) => needed.includes(r));

export function decide(user: SessionUser | null, permission: Permission, target: Target): Decision {
	if (!user) return 'not_found';
	if ('installation' in target) {
		return permission === 'admin:manage' && user.systemAdmin ? 'allow' : 'not_found';
	}
	if ('partnershipId' in target) {
		const held = partnershipRolesIn(user, [target.partnershipId]);
		if (!held.length) return 'not_found';
		const needed: readonly PartnershipRole[] =
			PARTNERSHIP_PERMISSIONS[permission as PartnershipPermission] ?? [];
		return overlaps(held, needed) ? 'allow' : 'forbidden';
	}
	if ('submission' in target) {
		const orgHeld = organisationRolesIn(user, target.submission.organisationId);
		const partnershipHeld = partnershipRolesIn(user, [target.submission.partnershipId]);
		if (!orgHeld.length && !partnershipHeld.length) return 'not_found';
		const assigned = target.submission.moderatorId === user.id && overlaps(partnershipHeld, SUBMISSION_READERS.assigned);
		// To a moderator, and nothing more, a submission not assigned to them does not exist.
		const onlyModerating = partnershipHeld.every((r) => (SUBMISSION_READERS.assigned as readonly PartnershipRole[]).includes(r));
		if (!orgHeld.length && !assigned && onlyModerating) return 'not_found';
		const allowed =
			permission === 'submission:view' &&
			(overlaps(orgHeld, SUBMISSION_READERS.organisation) || overlaps(partnershipHeld, SUBMISSION_READERS.partnership) || assigned);
		return allowed ? 'allow' : 'forbidden';
	}
	if ('moderation' in target) {
		const held = partnershipRolesIn(user, [target.moderation.partnershipId]);
		const grant = MODERATION_PERMISSIONS[permission as ModerationPermission];
		const mine = target.moderation.moderatorId === user.id;
		const sees = overlaps(held, MODERATION_PERMISSIONS['moderation:view'].all) || (mine && overlaps(held, MODERATION_PERMISSIONS['moderation:view'].assigned));
		if (!sees) return 'not_found';
		if (!grant) return 'forbidden';
		return overlaps(held, grant.all) || (mine && overlaps(held, grant.assigned as readonly PartnershipRole[])) ? 'allow' : 'forbidden';
	}
	const { id, partnershipIds } = target.organisation;
	const orgHeld = organisationRolesIn(user, id);
	const partnershipHeld = partnershipRolesIn(user, partnershipIds);
	if (!orgHeld.length && !partnershipHeld.length) return 'not_found';
	const grant = ORGANISATION_PERMISSIONS[permission as OrganisationPermission];
	if (!grant) return 'forbidden';
	const allowed =
		overlaps(orgHeld, grant.organisation) || overlaps(partnershipHeld, grant.partnership as readonly PartnershipRole[]);
	return allowed ? 'allow' : 'forbidden';
}

export function can(user: SessionUser | null, permission: Permission, target: Target): boolean {
	return decide(user, permission, target) === 'allow';
}

/** The signed-in user, or a redirect to sign in that brings them back here. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (locals.user) return locals.user;
	const next = url.pathname + url.search;
	redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
}

/** Throws 404 outside the user's scope and 403 inside it without the permission. */
export function requireAccess(user: SessionUser, permission: Permission, target: Target): void {
	const decision = decide(user, permission, target);
	if (decision === 'not_found') error(404, 'Not found');
	if (decision === 'forbidden') error(403, 'You do not have permission to do this');
}

/**
 * Answering a partnership's request to add an organisation: the organisation's
 * lead, or while it has none, a business unit of a partnership it belongs to;
 * never anyone of the partnership that asked, whatever else they hold.
 */
export function requireMembershipAnswerer(
	user: SessionUser,
	organisation: { id: string; activePartnershipIds: readonly string[] },
	askingPartnershipId: string,
	hasLead: boolean
): void {
	requireAccess(user, membershipPermission(hasLead), { organisation: { id: organisation.id, partnershipIds: organisation.activePartnershipIds } });
	if (partnershipRolesIn(user, [askingPartnershipId]).length) error(403, 'Someone from the partnership that asked cannot answer its request');
}

/** Whether requireMembershipAnswerer lets this person answer: pages offer the answer only to them. */
export function canAnswerMembershipRequest(
	user: SessionUser,
	organisation: { id: string; activePartnershipIds: readonly string[] },
	askingPartnershipId: string,
	hasLead: boolean
): boolean {
	return (
		can(user, membershipPermission(hasLead), { organisation: { id: organisation.id, partnershipIds: organisation.activePartnershipIds } }) &&
		!partnershipRolesIn(user, [askingPartnershipId]).length
	);
}

const membershipPermission = (hasLead: boolean) => (hasLead ? 'organisation:membership' : 'organisation:membership_without_lead');

/** A resource that does not exist answers exactly like one outside the scope. */
export function found<T>(resource: T | null | undefined): T {
	if (resource === null || resource === undefined) error(404, 'Not found');
	return resource;
}

/** Partnerships where the user holds `permission`: for list pages and set-based queries. */
export function partnershipsWith(user: SessionUser, permission: PartnershipPermission): string[] {
	const needed: readonly PartnershipRole[] = PARTNERSHIP_PERMISSIONS[permission];
	return [...new Set(user.partnershipRoles.filter((r) => needed.includes(r.role)).map((r) => r.partnershipId))];
}

/** Organisations where the user holds `permission` through their own organisation roles. */
export function organisationsWith(user: SessionUser, permission: OrganisationPermission): string[] {
	const needed: readonly OrganisationRole[] = ORGANISATION_PERMISSIONS[permission].organisation;
	return [...new Set(user.organisationRoles.filter((r) => needed.includes(r.role)).map((r) => r.organisationId))];
}
