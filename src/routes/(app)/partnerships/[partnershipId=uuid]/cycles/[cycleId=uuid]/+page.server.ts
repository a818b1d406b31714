import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { setCycleClosed } from '$lib/server/cycles';
import { addParticipants, isParticipant, listParticipants, nonParticipants, setExtension } from '$lib/server/cycle-participants';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { cycleStatus, PARTICIPANT_STATE_LABELS, readDateInput, ukToday, type ParticipantState } from '$lib/domain/cycles';
import { uuid } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'partnership:submissions');
	const today = ukToday();
	const canManage = can(user, 'partnership:manage', { partnershipId: cycle.partnershipId });
	const [participants, others] = await Promise.all([listParticipants(db(), cycle, today), canManage ? nonParticipants(db(), cycle) : []]);
	const stateFilter = url.searchParams.get('state');
	const counts = Object.fromEntries(Object.keys(PARTICIPANT_STATE_LABELS).map((s) => [s, participants.filter((p) => p.state === s).length])) as Record<ParticipantState, number>;
	return {
		title: cycle.title,
		flash: url.searchParams.get('done'),
		canManage,
		cycle: { id: cycle.id, title: cycle.title, templateTitle: cycle.templateTitle, templateVersion: cycle.templateVersion, standardCodes: cycle.standardCodes, opensOn: cycle.opensOn, closesOn: cycle.closesOn, status: cycleStatus(cycle, today) },
		counts,
		returnRate: participants.length ? Math.round((100 * (counts.submitted + counts.late)) / participants.length) : 0,
		stateFilter: stateFilter && stateFilter in PARTICIPANT_STATE_LABELS ? stateFilter : '',
		participants: participants
			.filter((p) => !stateFilter || p.state === stateFilter)
			.map((p) => ({ ...p, firstSubmittedAt: p.firstSubmittedAt?.toISOString() ?? null })),
		others
	};
};

const CLOSED = { _form: 'This cycle is closed, so its deadlines cannot change. Reopen the cycle to give an organisation more time.' };

const managed = async (event: Parameters<Actions[string]>[0]) => {
	const user = requireUser(event.locals, event.url);
	return cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'partnership:manage');
};

export const actions: Actions = {
	extend: async (event) => {
		const cycle = await managed(event);
		if (cycle.closedAt) return invalid(409, CLOSED);
		const form = await event.request.formData();
		const organisationId = uuid.safeParse(form.get('organisationId'));
		if (!organisationId.success || !(await isParticipant(db(), cycle.id, organisationId.data))) return invalid(400, { organisationId: 'Choose an organisation in this cycle' });
		const clear = form.get('clear') === 'yes';
		const date = readDateInput(String(form.get('extendedTo-day') ?? ''), String(form.get('extendedTo-month') ?? ''), String(form.get('extendedTo-year') ?? ''), 'new deadline');
		if (!clear && !date.ok) return invalid(400, { extendedTo: date.message }, { organisationId: organisationId.data });
		if (!clear && date.ok && date.date <= cycle.closesOn) return invalid(400, { extendedTo: 'An extension must be later than the cycle’s deadline' }, { organisationId: organisationId.data });
		const outcome = await setExtension(db(), auditContext(event), cycle, organisationId.data, clear || !date.ok ? null : date.date);
		if (outcome === 'cycle_closed') return invalid(409, CLOSED, { organisationId: organisationId.data });
		if (outcome === 'not_participant') return invalid(400, { organisationId: 'Choose an organisation in this cycle' });
		redirect(303, `${event.url.pathname}?done=extended`);
	},
	add: async (event) => {
		const cycle = await managed(event);
		const ids = (await event.request.formData()).getAll('organisationIds').map(String).filter((v) => uuid.safeParse(v).success);
		if (!ids.length) return invalid(400, { organisationIds: 'Choose at least one organisation to add' });
		await addParticipants(db(), auditContext(event), cycle, ids);
		redirect(303, `${event.url.pathname}?done=added`);
	},
	close: async (event) => {
		const cycle = await managed(event);
		await setCycleClosed(db(), auditContext(event), cycle, true);
		redirect(303, `${event.url.pathname}?done=closed`);
	},
	reopen: async (event) => {
		const cycle = await managed(event);
		await setCycleClosed(db(), auditContext(event), cycle, false);
		redirect(303, `${event.url.pathname}?done=reopened`);
	}
};
