import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { eventFor } from '$lib/server/guards';
import { getSlot, moveSlot, saveRecord, type Slot } from '$lib/server/challenge-event-slots';
import { recordView } from '$lib/server/event-record-view';
import { packSubmission } from '$lib/server/packs/pre-read-pack';
import { sendSlotInvitation } from '$lib/server/event-invitations';
import { raiseChallenge } from '$lib/server/challenges';
import { checkReferences } from '$lib/server/challenge-refs';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { questionKeys, readRecordForm, rowCount, rowIntent, withoutRow } from '$lib/domain/challenge-events';
import { readRaiseForm } from '$lib/domain/challenge-forms';
import { readTime, ukDateAndTime, ukMoment } from '$lib/domain/event-times';
import { formatDate } from '$lib/domain/dates';
import { formValues } from '$lib/domain/forms';

const slotFor = async (req: Pick<RequestEvent, 'locals' | 'url' | 'params'>, permission: 'event:read' | 'event:manage') => {
	const user = requireUser(req.locals, req.url);
	const { cycle, event } = await eventFor(user, req.params.partnershipId, req.params.cycleId, req.params.eventId, permission);
	return { user, cycle, event, slot: found(await getSlot(db(), event.id, req.params.slotId)) };
};

/** A slot's record as its form's fields. */
const recordValues = (slot: Slot): Record<string, string> => ({
	attendees: slot.attendees,
	outcome: slot.outcome ?? '',
	...Object.fromEntries(slot.questions.flatMap((q, i) => [[questionKeys(i).question, q.question], [questionKeys(i).answer, q.answer]]))
});

export const load: PageServerLoad = async (req) => {
	const { user, cycle, event, slot } = await slotFor(req, 'event:read');
	const view = await recordView(db(), cycle, event, slot.organisationId);
	const packOf = await packSubmission(db(), cycle.id, slot.organisationId);
	return {
		/** The organisation's pre-read pack: none until it submits; only for those who may read its submission. */
		pack: !packOf ? 'none' : can(user, 'submission:view', { submission: { organisationId: packOf.organisationId, partnershipId: packOf.partnershipId, moderatorId: packOf.moderatorId } }) ? 'readable' : 'not_yours',
		title: `${slot.organisationName}: ${event.title}`,
		flash: req.url.searchParams.get('done'),
		cycle: { id: cycle.id, title: cycle.title },
		event: { id: event.id, title: event.title, startsAt: event.startsAt.toISOString(), cancelled: event.status === 'cancelled' },
		canManage: can(user, 'event:manage', { partnershipId: cycle.partnershipId }) && event.status !== 'cancelled',
		slot: { ...slot, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), recordedAt: slot.recordedAt?.toISOString() ?? null, startTime: ukDateAndTime(slot.startsAt).time },
		values: recordValues(slot),
		rows: slot.questions.length + 1,
		...view
	};
};

export const actions: Actions = {
	record: async (req) => {
		const { cycle, event, slot } = await slotFor(req, 'event:manage');
		const form = await req.request.formData();
		const rows = rowCount(form);
		const values = formValues(form);
		const intent = rowIntent(form, rows);
		if (intent) return { which: 'record', values: intent.remove === null ? values : withoutRow(values, questionKeys, rows, intent.remove), errors: {} as Record<string, string>, rows: intent.rows };
		if (!Number.isInteger(Number(form.get('version') ?? 'x'))) return invalid(400, { _form: 'The form was missing its version: reload the page and enter the record again' }, values, { which: 'record', rows });
		if (event.status === 'cancelled') return invalid(409, { _form: 'This event has been cancelled, so its record cannot change' }, values, { which: 'record', rows });
		const view = await recordView(db(), cycle, event, slot.organisationId);
		const parsed = readRecordForm(form, rows, view.standards.map((s) => s.code), view.grades.map((g) => g.value));
		if (!parsed.ok) return invalid(400, parsed.errors, values, { which: 'record', rows });
		const saved = await saveRecord(db(), auditContext(req), { ...event }, slot, parsed.data, Number(form.get('version')), `Agreed at ${event.title}, ${formatDate(event.startsAt)}`);
		if (!saved.ok) return invalid(409, { _form: 'Someone saved this record while you were editing it. Their version is shown beside yours: nothing you typed is lost. Check it and save again.' }, { ...values, version: String(saved.current.version) }, { which: 'record', rows, theirs: recordValues(saved.current) });
		redirect(303, `${req.url.pathname}?done=recorded`);
	},
	move: async (req) => {
		const { user, event, slot } = await slotFor(req, 'event:manage');
		const form = await req.request.formData();
		const values = formValues(form);
		const time = readTime(String(form.get('startTime') ?? ''));
		const minutes = Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000);
		if (!time) return invalid(400, { startTime: 'Enter the new start time like 10:30am or 14:00' }, values, { which: 'move' });
		const startsAt = ukMoment(ukDateAndTime(event.startsAt).date, time);
		const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
		if (startsAt < event.startsAt || endsAt > event.endsAt) return invalid(400, { startTime: 'The slot must fit within the event’s start and end times' }, values, { which: 'move' });
		if (event.status === 'cancelled') return invalid(409, { _form: 'This event has been cancelled' }, values, { which: 'move' });
		const moved = await db().transaction(async (tx) => {
			const done = await moveSlot(tx, auditContext(req), event.partnershipId, slot, startsAt, endsAt, Number(form.get('version')));
			if (done.ok) await sendSlotInvitation(tx, event, done.slot, 'moved', { origin: config().origin, organiser: user });
			return done;
		});
		if (!moved.ok) return invalid(409, { _form: 'Someone changed this slot while you were reading it: check its time and try again' }, values, { which: 'move' });
		redirect(303, `${req.url.pathname}?done=moved`);
	},
	raise: async (req) => {
		const { user, cycle, event, slot } = await slotFor(req, 'event:manage');
		const form = await req.request.formData();
		const values = formValues(form);
		if (event.status === 'cancelled') return invalid(409, { _form: 'This event has been cancelled' }, values, { which: 'raise' });
		form.set('organisation', slot.organisationId);
		form.set('cycle', cycle.id);
		form.set('source', 'challenge_event');
		const parsed = readRaiseForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { which: 'raise' });
		const refs = await checkReferences(db(), cycle.partnershipId, parsed.data);
		if (!refs.ok) return invalid(400, refs.errors, values, { which: 'raise' });
		await raiseChallenge(db(), { ctx: auditContext(req), name: user.name, origin: config().origin }, { ...parsed.data, ...refs.refs, partnershipId: cycle.partnershipId, actionId: null, challengeEventId: event.id });
		redirect(303, `${req.url.pathname}?done=raised#challenges`);
	}
};
