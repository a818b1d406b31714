import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { canForMember, cycleFor, memberFor, partnershipFor, requestsToAnswer } from '$lib/server/guards';
import { parseForm } from '$lib/domain/forms';
import { leadInviteSchema } from '$lib/domain/invitations';
import { KIND_LABELS, SECTOR_LABELS } from '$lib/domain/organisations';
import { createInvitation, listInvitations } from '$lib/server/auth/invitations';
import { listOrganisationPeople } from '$lib/server/people';
import { invitationRows, peopleRows } from '$lib/server/people-view';
import { removeAction, revokeAction } from '$lib/server/people-actions';
import { endMembershipAction, joinCycleAction, rejoinAction } from '$lib/server/membership-actions';
import { auditContext, invitationNotice } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { cyclesToJoin } from '$lib/server/cycle-participants';
import { openChallengesOf } from '$lib/server/challenge-log';
import { defaultKindsFor, getCycle } from '$lib/server/cycles';
import { cycleStatus, ukToday } from '$lib/domain/cycles';
import { uuid } from '$lib/domain/text';
import { registerRows } from '$lib/domain/school-register';

const FLASH: Record<string, string> = {
	created: 'Organisation added.',
	linked: 'The portal already knew this organisation, so it has been linked rather than added again.',
	already_member: 'This organisation is already a member.',
	saved: 'Changes saved.',
	deactivated: 'The organisation is no longer a member. Its past returns stay available.',
	reactivated: 'The organisation is a member again.',
	asked: 'The organisation works with another partnership or has people here, so it has been asked to agree to rejoin. It will be a member again when it agrees.',
	removed: 'Role removed. They have been signed out.',
	agreed: 'You agreed: the other partnership can now include this organisation in its audit cycles.',
	declined: 'You declined the other partnership’s request.'
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await memberFor(user, params.partnershipId, params.organisationId, 'organisation:view');
	// A former member's page offers only what its history allows: reading it, or making it a member again.
	const canEdit = canForMember(user, organisation, params.partnershipId, 'organisation:edit');
	const member = organisation.activePartnershipIds.includes(params.partnershipId);
	const canManage = can(user, 'partnership:manage', { partnershipId: params.partnershipId });
	const addedToId = url.searchParams.get('addedTo');
	const target = { partnershipId: params.partnershipId };
	const challengesBase = `/partnerships/${params.partnershipId}/challenges`;
	const [people, invitations, toAnswer, cycles, addedTo, challenges] = await Promise.all([
		listOrganisationPeople(db(), organisation.id),
		listInvitations(db(), { organisationId: organisation.id }),
		requestsToAnswer(user, organisation),
		canEdit && canManage ? cyclesToJoin(db(), params.partnershipId, organisation.id) : [],
		addedToId && uuid.safeParse(addedToId).success ? getCycle(db(), addedToId) : null,
		can(user, 'challenge:read', target)
			? openChallengesOf(db(), { organisationId: organisation.id, partnershipId: params.partnershipId }, ukToday(), challengesBase, `${challengesBase}?organisation=${organisation.id}`)
			: null
	]);
	const today = ukToday();
	// Without a lead, the business units of its partnerships answer requests to add it; a lead answers on the organisation's own page.
	const requests = toAnswer.hasLead ? [] : toAnswer.requests;
	const flashKey = [url.searchParams.get('membership'), ...url.searchParams.keys()].find((k) => k && Object.hasOwn(FLASH, k));
	const invited = url.searchParams.get('invited');
	const withdrawn = url.searchParams.get('withdrawn');
	return {
		title: organisation.name,
		canEdit,
		canRejoin: !member && canManage,
		challenges,
		raiseHref: member && can(user, 'challenge:raise', target) ? `${challengesBase}/new?organisation=${organisation.id}` : null,
		flash: invited ? invitationNotice(invited) : withdrawn ? `Invitation to ${withdrawn} withdrawn` : addedTo?.partnershipId === params.partnershipId ? `Added to ${addedTo.title}` : flashKey ? FLASH[flashKey] : null,
		// Open (or scheduled) cycles it could join, on a template meant for its kind of organisation.
		cycles: cycles
			.filter((c) => defaultKindsFor(c.templateKind).includes(organisation.kind))
			.map((c) => ({ id: c.id, title: c.title, closesOn: c.closesOn, scheduled: cycleStatus(c, today) === 'scheduled' })),
		organisation: {
			id: organisation.id,
			name: organisation.name,
			kind: KIND_LABELS[organisation.kind],
			sector: SECTOR_LABELS[organisation.sector],
			urn: organisation.urn,
			ukprn: organisation.ukprn,
			odsCode: organisation.odsCode,
			gssCode: organisation.gssCode,
			address: organisation.address,
			postcode: organisation.postcode,
			register: organisation.register.importedAt ? registerRows(organisation.register) : null,
			member,
			otherPartnerships: organisation.activePartnershipIds.filter((p) => p !== params.partnershipId).length
		},
		membershipRequests: requests,
		people: peopleRows(people, (role) => canEdit && role === 'lead'),
		invitations: invitationRows(invitations)
	};
};

async function editable(event: Parameters<Actions[string]>[0]) {
	const user = requireUser(event.locals, event.url);
	const organisation = await memberFor(user, event.params.partnershipId!, event.params.organisationId!, 'organisation:edit');
	return { user, organisation, partnershipId: event.params.partnershipId! };
}

export const actions: Actions = {
	inviteLead: async (event) => {
		const { user, organisation } = await editable(event);
		const parsed = parseForm(leadInviteSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const result = await createInvitation(
			db(),
			auditContext(event),
			{ ...parsed.data, scope: { organisationId: organisation.id, role: 'lead', capacity: null }, invitedBy: user.id },
			config().origin
		);
		if (!result.ok) return invalid(400, { email: `${parsed.data.email} is already a lead here` }, parsed.data);
		redirect(303, `${event.url.pathname}?invited=${encodeURIComponent(parsed.data.email)}`);
	},
	revoke: async (event) => {
		const { organisation } = await editable(event);
		return revokeAction(event, { organisationId: organisation.id }, await event.request.formData(), event.url.pathname);
	},
	remove: async (event) => {
		const { organisation } = await editable(event);
		return removeAction(event, { organisationId: organisation.id }, await event.request.formData(), ['lead'], event.url.pathname);
	},
	deactivate: async (event) => {
		const { organisation, partnershipId } = await editable(event);
		return endMembershipAction(event, organisation, partnershipId);
	},
	reactivate: async (event) => {
		const user = requireUser(event.locals, event.url);
		const organisation = await memberFor(user, event.params.partnershipId, event.params.organisationId, 'organisation:view');
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		return rejoinAction(event, organisation, partnership.id);
	},
	addToCycle: async (event) => {
		const user = requireUser(event.locals, event.url);
		// Taking part in cycles is for current members, as changing their details is.
		const organisation = await memberFor(user, event.params.partnershipId, event.params.organisationId, 'organisation:edit');
		const cycleId = uuid.safeParse((await event.request.formData()).get('cycleId'));
		if (!cycleId.success) return invalid(400, { _form: 'Choose a cycle' });
		return joinCycleAction(event, organisation, await cycleFor(user, event.params.partnershipId, cycleId.data, 'partnership:manage'));
	}
};
