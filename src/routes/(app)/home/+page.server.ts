import type { PageServerLoad } from './$types';
import { organisationsWith, requireUser } from '$lib/server/access';
import { requestsToAnswer } from '$lib/server/guards';
import { returnsWaitingFor } from '$lib/server/sign-off-requests';
import { moderationsToTell } from '$lib/server/moderation';
import { openChallengeCounts } from '$lib/server/challenge-log';
import { slotsOfOrganisations } from '$lib/server/challenge-event-slots';
import { issuedLetterLink, issuedLettersOf } from '$lib/server/letters';
import { ukToday } from '$lib/domain/cycles';
import { db } from '$lib/server/runtime';
import { capacityWords } from '$lib/domain/sign-off';
import { ROLE_LABELS, roleLabel, type SignatoryCapacity } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const organisations = new Map<string, { id: string; name: string; roles: string[] }>();
	for (const r of user.organisationRoles) {
		const entry = organisations.get(r.organisationId) ?? { id: r.organisationId, name: r.organisationName, roles: [] };
		entry.roles.push(roleLabel(r.role, r.capacity));
		organisations.set(r.organisationId, entry);
	}
	const partnerships = new Map<string, { id: string; name: string; roles: string[] }>();
	for (const r of user.partnershipRoles) {
		const entry = partnerships.get(r.partnershipId) ?? { id: r.partnershipId, name: r.partnershipName, roles: [] };
		entry.roles.push(ROLE_LABELS[r.role]);
		partnerships.set(r.partnershipId, entry);
	}
	// Partnerships waiting for an answer that this person gives, as the organisation's lead,
	// and returns waiting for their signature, where they sign.
	const signsFor = organisationsWith(user, 'return:sign');
	const signing = user.organisationRoles
		.filter((r) => signsFor.includes(r.organisationId) && r.role === 'signatory' && r.capacity)
		.map((r) => ({ organisationId: r.organisationId, organisationName: r.organisationName, capacity: r.capacity as SignatoryCapacity }));
	const [waiting, toSign, moderations, challenges, slots, letters] = await Promise.all([
		Promise.all([...organisations.values()].map((o) => requestsToAnswer(user, { id: o.id, activePartnershipIds: [] }))),
		signing.length ? returnsWaitingFor(db(), signing) : [],
		// Changes a partnership has asked of the person's organisations.
		Promise.all(organisationsWith(user, 'organisation:workspace').map(async (id) => (await moderationsToTell(db(), id)).map((m) => ({ ...m, organisationId: id })))),
		openChallengeCounts(db(), organisationsWith(user, 'challenge:view_own'), ukToday()),
		slotsOfOrganisations(db(), organisationsWith(user, 'event:view_own')),
		// Issued feedback letters only: a draft is never shown to the organisation.
		issuedLettersOf(db(), organisationsWith(user, 'letter:view_own'))
	]);
	const membershipRequests = waiting.flatMap((w) => w.requests);
	return {
		title: 'Home',
		membershipRequests,
		changesRequested: moderations
			.flat()
			.filter((m) => m.state === 'changes_requested')
			.map((m) => ({ ...m, stateChangedAt: m.stateChangedAt.toISOString(), organisationName: organisations.get(m.organisationId)?.name ?? '' })),
		toSign: toSign.map((w) => ({
			...w,
			capacities: w.capacities.map((c) => ({
				words: capacityWords(c.capacity),
				staleSignature: c.staleSignature && { ...c.staleSignature, at: c.staleSignature.at.toISOString() }
			}))
		})),
		name: user.name,
		systemAdmin: user.systemAdmin,
		organisations: [...organisations.values()].map((o) => ({ ...o, challenges: challenges.get(o.id) ?? null, letters: letters.filter((l) => l.organisationId === o.id).map(issuedLetterLink) })),
		partnerships: [...partnerships.values()],
		slots: slots.map((s) => ({ ...s, organisationName: organisations.get(s.organisationId)?.name ?? '', startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }))
	};
};
