import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { eventFor } from '$lib/server/guards';
import { cancelEvent, eventPanel, panelChoices, setPanel } from '$lib/server/challenge-events';
import { listSlots } from '$lib/server/challenge-event-slots';
import { sendToAllSlots } from '$lib/server/event-invitations';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { guestKeys, readPanelForm, rowCount, rowIntent, withoutRow } from '$lib/domain/challenge-events';
import { formValues } from '$lib/domain/forms';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { cycle, event } = await eventFor(user, params.partnershipId, params.cycleId, params.eventId, 'event:read');
	const canManage = can(user, 'event:manage', { partnershipId: cycle.partnershipId });
	const [panel, choices, slots] = await Promise.all([eventPanel(db(), event.id), canManage ? panelChoices(db(), cycle.partnershipId) : [], listSlots(db(), event.id)]);
	const guests = panel.filter((p) => p.guest);
	return {
		title: event.title,
		flash: url.searchParams.get('done'),
		cycle: { id: cycle.id, title: cycle.title },
		canManage: canManage && event.status !== 'cancelled',
		canDownloadPacks: can(user, 'event:packs', { partnershipId: cycle.partnershipId }),
		event: { ...event, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString(), cancelledAt: event.cancelledAt?.toISOString() ?? null },
		panel,
		choices,
		// The panel form: its users ticked, its guests and one empty row to add another.
		panelValues: Object.fromEntries([...panel.filter((p) => p.userId).map((p) => [`panelUser:${p.userId}`, 'yes']), ...guests.flatMap((g, i) => Object.entries({ [guestKeys(i).name]: g.name, [guestKeys(i).email]: g.email ?? '', [guestKeys(i).role]: g.role }))]),
		guestRows: guests.length + 1,
		slots: slots.map((s) => ({ id: s.id, organisationName: s.organisationName, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), reason: s.reason, outcome: s.outcome }))
	};
};

const managed = async (event: Parameters<Actions[string]>[0]) => {
	const user = requireUser(event.locals, event.url);
	return eventFor(user, event.params.partnershipId!, event.params.cycleId!, event.params.eventId!, 'event:manage');
};

export const actions: Actions = {
	panel: async (req) => {
		const { event } = await managed(req);
		const form = await req.request.formData();
		const rows = rowCount(form);
		const values = { ...formValues(form), ...Object.fromEntries(form.getAll('panelUser').map((id) => [`panelUser:${id}`, 'yes'])) };
		const intent = rowIntent(form, rows);
		if (intent) return { values: intent.remove === null ? values : withoutRow(values, guestKeys, rows, intent.remove), errors: {} as Record<string, string>, guestRows: intent.rows };
		const parsed = readPanelForm(form, rows);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { guestRows: rows });
		if (event.status === 'cancelled') return invalid(409, { _form: 'This event has been cancelled, so its panel cannot change' }, values, { guestRows: rows });
		await setPanel(db(), auditContext(req), event, parsed.data.userIds, parsed.data.guests);
		redirect(303, `${req.url.pathname}?done=panel#panel`);
	},
	cancel: async (req) => {
		const { event } = await managed(req);
		const form = await req.request.formData();
		if (form.get('confirm') !== 'yes') return invalid(400, { confirm: 'Tick the box to confirm you want to cancel the event' });
		const user = requireUser(req.locals, req.url);
		const outcome = await db().transaction(async (tx) => {
			const done = await cancelEvent(tx, auditContext(req), event, Number(form.get('version')));
			if (done.ok) await sendToAllSlots(tx, done.event, 'cancelled', { origin: config().origin, organiser: user });
			return done;
		});
		if (!outcome.ok) return invalid(409, { _form: outcome.reason === 'cancelled' ? 'This event is already cancelled' : 'Someone changed the event while you were reading it: check it and cancel again' });
		redirect(303, `${req.url.pathname}?done=cancelled`);
	}
};
