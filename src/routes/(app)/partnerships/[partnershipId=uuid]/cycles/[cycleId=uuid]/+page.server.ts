import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { setCycleClosed } from '$lib/server/cycles';
import { addParticipants, isParticipant, listParticipants, nonParticipants, setExtension } from '$lib/server/cycle-participants';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { countStates, cycleStatus, inStateFilter, PAST_DEADLINE, readDateInput, readStateFilter, ukToday } from '$lib/domain/cycles';
import { formValues, type FieldErrors } from '$lib/domain/forms';
import { applyPicker, readPicker } from '$lib/domain/participant-picker';
import { uuid } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'partnership:submissions');
	const today = ukToday();
	const canManage = can(user, 'partnership:manage', { partnershipId: cycle.partnershipId });
	// A moderator opens only the submissions assigned to them, from the moderation workspace.
	const opensSubmissions = can(user, 'moderation:view', { moderation: { partnershipId: cycle.partnershipId, moderatorId: null } });
	const moderates = can(user, 'partnership:moderation', { partnershipId: cycle.partnershipId });
	const readsEvents = can(user, 'event:read', { partnershipId: cycle.partnershipId });
	const readsLetters = can(user, 'letter:read', { partnershipId: cycle.partnershipId });
	const readsReports = can(user, 'report:read', { partnershipId: cycle.partnershipId });
	const exports = can(user, 'report:export', { partnershipId: cycle.partnershipId });
	const readsReminders = can(user, 'reminder:read', { partnershipId: cycle.partnershipId });
	const [participants, others] = await Promise.all([listParticipants(db(), cycle, today), canManage ? nonParticipants(db(), cycle) : []]);
	const stateFilter = readStateFilter(url.searchParams.get('state'));
	const counts = countStates(participants);
	return {
		title: cycle.title,
		flash: url.searchParams.get('done'),
		canManage,
		opensSubmissions,
		moderates,
		readsEvents,
		readsLetters,
		readsReports,
		exports,
		readsReminders,
		cycle: { id: cycle.id, title: cycle.title, templateTitle: cycle.templateTitle, templateVersion: cycle.templateVersion, standardCodes: cycle.standardCodes, opensOn: cycle.opensOn, closesOn: cycle.closesOn, status: cycleStatus(cycle, today) },
		counts,
		returnRate: participants.length ? Math.round((100 * (counts.submitted + counts.late)) / participants.length) : 0,
		stateFilter,
		participants: participants
			.filter((p) => inStateFilter(p.state, stateFilter))
			.map((p) => ({ ...p, firstSubmittedAt: p.firstSubmittedAt?.toISOString() ?? null })),
		others
	};
};

const CLOSED = { _form: 'This cycle is closed, so its deadlines cannot change. Reopen the cycle to give an organisation more time.' };

const ADD_CLOSED = { _form: 'This cycle is closed, so no organisations can be added. Reopen the cycle to add one.' };

const managed = async (event: Parameters<Actions[string]>[0]) => {
	const user = requireUser(event.locals, event.url);
	return cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'partnership:manage');
};

export const actions: Actions = {
	extend: async (event) => {
		const cycle = await managed(event);
		if (cycle.closedAt) return invalid(409, CLOSED);
		const form = await event.request.formData();
		const values = formValues(form);
		const organisationId = uuid.safeParse(form.get('organisationId'));
		if (!organisationId.success || !(await isParticipant(db(), cycle.id, organisationId.data))) return invalid(400, { organisationId: 'Choose an organisation in this cycle' }, values);
		const clear = form.get('clear') === 'yes';
		const date = readDateInput(String(form.get('extendedTo-day') ?? ''), String(form.get('extendedTo-month') ?? ''), String(form.get('extendedTo-year') ?? ''), 'new deadline');
		if (!clear && !date.ok) return invalid(400, { extendedTo: date.message }, values);
		if (!clear && date.ok && date.date <= cycle.closesOn) return invalid(400, { extendedTo: 'An extension must be later than the cycle’s deadline' }, values);
		if (!clear && date.ok && date.date < ukToday() && form.get('pastDeadline') !== 'yes') return invalid(400, { pastDeadline: PAST_DEADLINE }, values);
		const outcome = await setExtension(db(), auditContext(event), cycle, organisationId.data, clear || !date.ok ? null : date.date);
		if (outcome === 'cycle_closed') return invalid(409, CLOSED, values);
		if (outcome === 'not_participant') return invalid(400, { organisationId: 'Choose an organisation in this cycle' }, values);
		redirect(303, `${event.url.pathname}?done=extended`);
	},
	add: async (event) => {
		const cycle = await managed(event);
		if (cycle.closedAt) return invalid(409, ADD_CLOSED);
		const picker = readPicker(await event.request.formData());
		const extra = { chosen: applyPicker(await nonParticipants(db(), cycle), picker), filter: picker.filter };
		// "Filter" or "Select all" without JavaScript: the list back with every choice kept.
		if (picker.intent) return { values: {} as Record<string, string>, errors: {} as FieldErrors, ...extra };
		if (!picker.chosen.length) return invalid(400, { organisationIds: 'Choose at least one organisation to add' }, {}, extra);
		const added = await addParticipants(db(), auditContext(event), cycle, picker.chosen);
		if (!added.ok) return invalid(409, ADD_CLOSED);
		redirect(303, `${event.url.pathname}?done=added`);
	},
	close: async (event) => {
		const cycle = await managed(event);
		if ((await event.request.formData()).get('confirm') !== 'yes') return invalid(400, { confirm: 'Tick the box to confirm you want to close the cycle' });
		await setCycleClosed(db(), auditContext(event), cycle, true);
		redirect(303, `${event.url.pathname}?done=closed`);
	},
	reopen: async (event) => {
		const cycle = await managed(event);
		await setCycleClosed(db(), auditContext(event), cycle, false);
		redirect(303, `${event.url.pathname}?done=reopened`);
	}
};
