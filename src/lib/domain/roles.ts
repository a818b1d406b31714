// Roles as the access model defines them (DESIGN.md). Organisation roles are
// held on one organisation, partnership roles on one partnership.
import type { OrganisationKind } from './organisations';

export const ORGANISATION_ROLES = ['contributor', 'lead', 'signatory'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export const PARTNERSHIP_ROLES = ['business_unit', 'chair', 'moderator', 'board_member'] as const;
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];

export type Role = OrganisationRole | PartnershipRole;

/** The capacity in which a signatory signs off a return. */
export const SIGNATORY_CAPACITIES = ['headteacher', 'governor', 'executive_lead'] as const;
export type SignatoryCapacity = (typeof SIGNATORY_CAPACITIES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	contributor: 'Contributor',
	lead: 'Safeguarding lead',
	signatory: 'Signatory',
	business_unit: 'Business unit',
	chair: 'Independent chair',
	moderator: 'Moderator',
	board_member: 'Board member'
};

/** What each role can do in the portal today: no more (a test holds them to it). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	contributor: 'Completes the self-assessment, uploads its evidence, keeps its action plan up to date, answers the partnership’s challenges, sees its slots at challenge events and reads the feedback letters issued to it',
	lead: 'Everything a contributor does, plus managing the organisation’s users, submitting, and downloading everything the organisation keeps in the portal as one export; each lead is sent the organisation’s calendar invitations to challenge events',
	signatory: 'Reads the self-assessment and signs it off before it is submitted; reads the partnership’s challenges, the organisation’s slots at challenge events and the feedback letters issued to it',
	business_unit: 'Runs audit cycles and templates, manages member organisations (and imports schools from the national register) and partnership users, assigns submissions to moderators, reads submissions, the partnership’s dashboard (every cycle at a glance), each cycle’s dashboard (return rate, grades, answers per requirement, the board paper) and heatmap of self and partnership grades, the audit log and challenge events, raises challenges in the challenge log, reminds organisations that have not returned (now, and on each cycle’s schedule), sets the logo on feedback letters and reads them, and downloads each cycle’s export (a workbook and CSVs)',
	chair: 'Reads the partnership’s dashboard and its audit cycles with their dashboards, board papers and heatmaps, submissions, templates, member organisations and audit log; assigns and moderates submissions and completes moderation with the agreed grades; raises challenges and decides on them in the challenge log; plans challenge events (panel, slots, calendar invitations) and records each organisation’s outcome and agreed grades; drafts, words and issues feedback letters; downloads each cycle’s export (a workbook and CSVs); reads the reminders sent to organisations that have not returned',
	moderator: 'Moderates the submissions assigned to them (a moderated grade per standard, the review criteria, then requesting changes or accepting) and raises challenges in the challenge log; reads challenge events',
	board_member: 'Sees the partnership’s overview page and dashboard (every audit’s return rate over the years), the dashboards of its audits (return rate, grades, answers per requirement, the board paper) and their heatmaps of self and partnership grades, and reads its challenge log, challenge events and feedback letters'
};

export const CAPACITY_LABELS: Record<SignatoryCapacity, string> = {
	headteacher: 'Headteacher or principal',
	governor: 'Governor (chair of governors or safeguarding governor)',
	executive_lead: 'Executive lead for safeguarding (director or board member)'
};

/** The capacities each kind of organisation's own return is signed off in (the shipped templates' sign-off). */
const KIND_CAPACITIES: Record<OrganisationKind, readonly SignatoryCapacity[]> = {
	school: ['headteacher', 'governor'],
	agency: ['executive_lead'],
	other: ['executive_lead']
};

/**
 * The capacities a signatory of an organisation may be invited in: its kind's,
 * and any a template it is asked to answer signs off in (a school answering a
 * themed template signed off by an executive lead). In the usual order.
 */
export function signatoryCapacitiesFor(kind: OrganisationKind, asked: readonly SignatoryCapacity[]): SignatoryCapacity[] {
	return SIGNATORY_CAPACITIES.filter((c) => KIND_CAPACITIES[kind].includes(c) || asked.includes(c));
}

export function isSignatoryCapacity(value: string): value is SignatoryCapacity {
	return (SIGNATORY_CAPACITIES as readonly string[]).includes(value);
}

export function isOrganisationRole(value: string): value is OrganisationRole {
	return (ORGANISATION_ROLES as readonly string[]).includes(value);
}

export function isPartnershipRole(value: string): value is PartnershipRole {
	return (PARTNERSHIP_ROLES as readonly string[]).includes(value);
}

const CAPACITY_SHORT: Record<SignatoryCapacity, string> = {
	headteacher: 'headteacher',
	governor: 'governor',
	executive_lead: 'executive lead'
};

/** "Signatory (headteacher)", "Safeguarding lead": how a role reads in lists. */
export function roleLabel(role: Role, capacity?: SignatoryCapacity | null): string {
	return capacity ? `${ROLE_LABELS[role]} (${CAPACITY_SHORT[capacity]})` : ROLE_LABELS[role];
}
