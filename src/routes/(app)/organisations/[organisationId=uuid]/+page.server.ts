import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { organisationFor, requestsToAnswer } from '$lib/server/guards';
import { partnershipsByIds } from '$lib/server/partnerships';
import { getCycle } from '$lib/server/cycles';
import { isParticipant, participationsOf } from '$lib/server/cycle-participants';
import { listReturns } from '$lib/server/returns';
import { startCycle } from '$lib/server/start-cycle';
import { listSubmissionsOfOrganisation } from '$lib/server/submissions';
import { flaggedDocuments } from '$lib/server/evidence-citations';
import { moderationsToTell } from '$lib/server/moderation';
import { openChallengesOf } from '$lib/server/challenge-log';
import { slotsOfOrganisations } from '$lib/server/challenge-event-slots';
import { issuedLetterLink, issuedLettersOf } from '$lib/server/letters';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { KIND_LABELS } from '$lib/domain/organisations';
import { ROLE_LABELS } from '$lib/domain/roles';
import { cycleStatus, ukToday } from '$lib/domain/cycles';
import { uuid } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await organisationFor(user, params.organisationId, 'organisation:workspace');
	const today = ukToday();
	const target = { organisation };
	// The lead hears of every document that may identify children; whoever uploaded one hears of their own.
	const flaggedFor = can(user, 'evidence:flags', target) ? null : can(user, 'evidence:edit', target) ? user.id : undefined;
	const [partnerships, participations, returns, submissions, toAnswer, flagged, challenges, slots, letters] = await Promise.all([
		partnershipsByIds(db(), organisation.activePartnershipIds),
		participationsOf(db(), organisation.id, today),
		listReturns(db(), organisation.id),
		listSubmissionsOfOrganisation(db(), organisation.id),
		requestsToAnswer(user, organisation),
		flaggedFor === undefined ? 0 : flaggedDocuments(db(), organisation.id, flaggedFor),
		can(user, 'challenge:view_own', target) ? openChallengesOf(db(), { organisationId: organisation.id }, today, `/organisations/${organisation.id}/challenges`) : null,
		can(user, 'event:view_own', target) ? slotsOfOrganisations(db(), [organisation.id]) : [],
		can(user, 'letter:view_own', target) ? issuedLettersOf(db(), [organisation.id]) : []
	]);
	const moderations = await moderationsToTell(db(), organisation.id);
	return {
		title: organisation.name,
		moderations: moderations.map((m) => ({ ...m, stateChangedAt: m.stateChangedAt.toISOString() })),
		welcome: url.searchParams.has('welcome'),
		membership: url.searchParams.get('membership'),
		membershipRequests: toAnswer.requests,
		organisation: { id: organisation.id, name: organisation.name, kind: KIND_LABELS[organisation.kind] },
		partnerships: partnerships.map((p) => p.name),
		roles: user.organisationRoles.filter((r) => r.organisationId === organisation.id).map((r) => ROLE_LABELS[r.role]),
		canManageUsers: can(user, 'organisation:users', target),
		canEdit: can(user, 'return:edit', target),
		library: can(user, 'evidence:view', target),
		canExport: can(user, 'organisation:export', target),
		flagged,
		challenges,
		slots: slots.map((s) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
		letters: letters.map(issuedLetterLink),
		cycles: participations.map((p) => {
			const status = cycleStatus(p.cycle, today);
			return {
				id: p.cycle.id,
				title: p.cycle.title,
				partnershipName: p.cycle.partnershipName,
				templateTitle: p.cycle.templateTitle,
				status,
				opensOn: p.cycle.opensOn,
				deadline: p.deadline,
				extended: p.extendedTo !== null,
				state: p.state,
				returnId: p.returnId,
				started: p.started,
				member: p.member,
				// Nothing more can be sent to it: the row leads to what was sent, never to today's draft.
				final: status === 'closed' || (status === 'open' && !p.member),
				latest: p.latestSubmissionId ? { id: p.latestSubmissionId, version: p.latestVersion, submittedAt: p.latestSubmittedAt!.toISOString() } : null,
				changedSinceSent: status === 'open' && p.member && p.changedSinceSent
			};
		}),
		returns: returns.map((r) => ({ ...r, updatedAt: r.updatedAt?.toISOString() ?? null })),
		submissions: submissions.map((s) => ({ ...s, submittedAt: s.submittedAt.toISOString() }))
	};
};

export const actions: Actions = {
	/** Begin (or carry on) work on a cycle: creates the live return if there is none yet. */
	start: async (event) => {
		const user = requireUser(event.locals, event.url);
		const organisation = await organisationFor(user, event.params.organisationId, 'return:edit');
		const cycleId = uuid.safeParse((await event.request.formData()).get('cycleId'));
		if (!cycleId.success) return invalid(400, { _form: 'Choose a cycle to start' });
		const cycle = found(await getCycle(db(), cycleId.data));
		if (!(await isParticipant(db(), cycle.id, organisation.id))) found(null);
		if (cycleStatus(cycle, ukToday()) !== 'open') return invalid(409, { _form: `${cycle.title} is not open` });
		const outcome = await startCycle(db(), auditContext(event), organisation.id, cycle);
		const note = outcome.carriedForward ? `?carried=${outcome.carriedForward}` : '';
		redirect(303, `/organisations/${organisation.id}/returns/${outcome.returnId}${note}`);
	}
};
