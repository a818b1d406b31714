import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { getSchedule, messageFor, outstandingOrganisations, sendReminder, sentReminders, setSchedule, type Outstanding } from '$lib/server/reminders';
import type { Cycle } from '$lib/server/cycles';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { cycleStatus, ukToday } from '$lib/domain/cycles';
import { formValues } from '$lib/domain/forms';
import { describeSchedule, extraParagraph, nextOccasions, readScheduleForm } from '$lib/domain/reminders';
import { uuid } from '$lib/domain/text';

const NOT_OPEN = { _form: 'This cycle is not open, so nobody can be reminded. Reminders go out while a cycle is open.' };

/** The reminder the first chosen organisation would get: what the business unit checks before sending. */
const preview = (cycle: Cycle, reachable: Outstanding[], chosen: readonly string[], extra: string) => {
	const first = reachable.find((o) => chosen.includes(o.organisationId));
	return first ? { organisationName: first.name, ...messageFor(cycle, first, config().origin, ukToday(), extra) } : null;
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'reminder:read');
	const today = ukToday();
	const [outstanding, schedule, sent] = await Promise.all([outstandingOrganisations(db(), cycle, today), getSchedule(db(), cycle.id), sentReminders(db(), cycle.id)]);
	const reachable = outstanding.filter((o) => o.leads.length);
	return {
		title: `Reminders: ${cycle.title}`,
		base: `/partnerships/${cycle.partnershipId}/cycles/${cycle.id}`,
		flash: url.searchParams.get('sent') ?? url.searchParams.get('done'),
		cycle: { id: cycle.id, title: cycle.title, closesOn: cycle.closesOn },
		open: cycleStatus(cycle, today) === 'open',
		canSend: can(user, 'reminder:send', { partnershipId: cycle.partnershipId }),
		formKey: randomUUID(),
		outstanding,
		preview: preview(cycle, reachable, reachable.map((o) => o.organisationId), ''),
		schedule,
		scheduleText: describeSchedule(schedule),
		next: nextOccasions(schedule, cycle.closesOn, today),
		sent: sent.map((s) => ({ ...s, sentAt: s.sentAt.toISOString() }))
	};
};

async function sending(event: RequestEvent) {
	const user = requireUser(event.locals, event.url);
	const cycle = await cycleFor(user, event.params.partnershipId, event.params.cycleId, 'reminder:send');
	const form = await event.request.formData();
	const chosen = form.getAll('organisationIds').map(String);
	const extra = extraParagraph.safeParse(form.get('extra') ?? '');
	const reachable = (await outstandingOrganisations(db(), cycle, ukToday())).filter((o) => o.leads.length);
	return { cycle, form, chosen, extra, reachable, values: formValues(form, ['organisationIds']) };
}

export const actions: Actions = {
	preview: async (event) => {
		const { cycle, chosen, extra, reachable, values } = await sending(event);
		if (!extra.success) return invalid(400, { extra: extra.error.issues[0].message }, values, { chosen });
		return { values, errors: {} as Record<string, string>, chosen, preview: preview(cycle, reachable, chosen, extra.data) };
	},
	send: async (event) => {
		const { cycle, form, chosen, extra, reachable, values } = await sending(event);
		if (cycleStatus(cycle, ukToday()) !== 'open') return invalid(409, NOT_OPEN, values, { chosen });
		if (!extra.success) return invalid(400, { extra: extra.error.issues[0].message }, values, { chosen });
		const targets = reachable.filter((o) => chosen.includes(o.organisationId));
		if (!targets.length) return invalid(400, { organisationIds: 'Choose at least one organisation to remind' }, values, { chosen });
		// The form's key makes the send idempotent: the same form posted twice reminds nobody twice.
		const key = uuid.safeParse(form.get('formKey'));
		const occasion = { key: `now:${key.success ? key.data : randomUUID()}`, kind: 'now' as const, extra: extra.data };
		let sent = 0;
		for (const o of targets) if (await sendReminder(db(), auditContext(event), cycle, o, occasion, config().origin)) sent++;
		redirect(303, `${event.url.pathname}?sent=${sent}`);
	},
	schedule: async (event) => {
		const user = requireUser(event.locals, event.url);
		const cycle = await cycleFor(user, event.params.partnershipId, event.params.cycleId, 'reminder:send');
		const form = await event.request.formData();
		const values = formValues(form);
		const read = readScheduleForm({ enabled: values.enabled, daysBefore: values.daysBefore, weeklyOverdue: values.weeklyOverdue });
		if (!read.ok) return invalid(400, read.errors, values, { scheduleForm: true });
		await setSchedule(db(), auditContext(event), cycle, read.schedule);
		redirect(303, `${event.url.pathname}?done=schedule`);
	}
};
