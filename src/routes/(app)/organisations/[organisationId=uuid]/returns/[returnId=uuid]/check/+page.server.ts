import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { returnState } from '$lib/server/return-view';
import { readiness, signReturn, submitReturn } from '$lib/server/submissions';
import { askForSignOff, findSignOffRequest, signOffAskees } from '$lib/server/sign-off-requests';
import { invalid } from '$lib/server/forms';
import { auditContext, mailIsDelivered } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { parseForm } from '$lib/domain/forms';
import { capacitiesToSign, capacityWords, signOffSchema, submitSchema } from '$lib/domain/sign-off';
import { listWords } from '$lib/domain/text';
import { CAPACITY_LABELS, type SignatoryCapacity } from '$lib/domain/roles';
import { gradeLabel } from '$lib/domain/completion';
import { isLate } from '$lib/domain/cycles';
import { uuid } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, ret } = await returnFor(user, params.organisationId, params.returnId, 'return:view');
	const def = ret.template.definition;
	const canSubmit = can(user, 'return:submit', { organisation });
	const asked = uuid.safeParse(url.searchParams.get('asked'));
	const [state, ready, request] = await Promise.all([
		returnState(ret),
		readiness(db(), ret),
		canSubmit ? findSignOffRequest(db(), ret.id, asked.success ? asked.data : undefined) : null
	]);
	const askees = canSubmit ? await signOffAskees(db(), ret, ready.signOffs) : null;
	const answers = new Map(state.responses.map((r) => [r.requirementCode, r]));
	const toSign = capacitiesToSign(def.signOff.capacities, ready.signOffs);
	// Only what this person can still sign: once they have signed the return as it stands, the form goes.
	const myCapacities = user.organisationRoles
		.filter((r) => r.organisationId === organisation.id && r.role === 'signatory' && r.capacity)
		.map((r) => r.capacity as SignatoryCapacity)
		.filter((c) => toSign.includes(c));
	const people = (list: { name: string; capacity: SignatoryCapacity }[]) => listWords(list.map((r) => `${r.name} (${capacityWords(r.capacity)})`));
	return {
		title: `Check your answers – ${ret.template.title}`,
		organisation: { id: organisation.id, name: organisation.name },
		ret: { id: ret.id, title: ret.template.title },
		standards: state.progress.map((s) => ({
			code: s.code,
			title: s.title,
			complete: s.complete,
			total: s.total,
			requirements: s.checks.map((c) => {
				const a = answers.get(c.code);
				const grade = gradeLabel(def.scale, a?.grade) ?? 'Not graded';
				return { code: c.code, grade, narrative: a?.narrative ?? '', status: c.status, problems: c.problems, prompts: c.prompts, personalData: c.personalData.map((w) => w.message) };
			})
		})),
		signOffs: def.signOff.capacities.map((capacity) => {
			const s = ready.signOffs.find((o) => o.capacity === capacity);
			return { capacity, label: CAPACITY_LABELS[capacity], signedName: s?.signedName ?? null, signedRole: s?.signedRole ?? null, signedAt: s?.signedAt.toISOString() ?? null, stale: s?.stale ?? false };
		}),
		cycles: ready.cycles.map((c) => ({
			id: c.cycle.id,
			title: c.cycle.title,
			partnershipName: c.cycle.partnershipName,
			deadline: c.deadline,
			wouldBeLate: isLate(c.deadline, new Date()),
			problems: c.problems.map((p) => ({ message: p.message, standardCode: p.standardCode ?? null, requirementCode: p.requirementCode ?? null })),
			previousVersions: c.previousVersions
		})),
		me: { name: user.name, capacities: myCapacities.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })) },
		canEdit: can(user, 'return:edit', { organisation }),
		canSign: can(user, 'return:sign', { organisation }) && myCapacities.length > 0,
		canSubmit,
		ask: askees && {
			needed: askees.toSign.length > 0,
			recipients: people(askees.recipients),
			unheld: listWords(askees.unheld.map(capacityWords)),
			usersHref: can(user, 'organisation:users', { organisation }) ? `/organisations/${organisation.id}/users` : null,
			last: request && { id: request.id, at: request.requestedAt.toISOString(), by: request.requestedByName, to: request.recipients.map((r) => ({ name: r.name, email: r.email, capacity: capacityWords(r.capacity) })) },
			justAsked: asked.success && request?.id === asked.data,
			// Without a mail server the message waits in the outbox: the page must not say it was emailed.
			mailDelivered: mailIsDelivered()
		},
		signed: url.searchParams.has('signed')
	};
};

export const actions: Actions = {
	sign: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { organisation, ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:sign');
		const parsed = parseForm(signOffSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, { ...parsed.values, form: 'sign' });
		const holds = user.organisationRoles.some((r) => r.organisationId === organisation.id && r.role === 'signatory' && r.capacity === parsed.data.capacity);
		if (!holds || !ret.template.definition.signOff.capacities.includes(parsed.data.capacity)) {
			return invalid(403, { capacity: 'You cannot sign in that capacity for this organisation' }, { name: parsed.data.name, role: parsed.data.role, form: 'sign' });
		}
		await signReturn(db(), auditContext(event), ret, { userId: user.id, capacity: parsed.data.capacity, name: parsed.data.name, role: parsed.data.role });
		redirect(303, `${event.url.pathname}?signed`);
	},
	askSignOff: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { organisation, ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:submit');
		const result = await askForSignOff(db(), auditContext(event), ret, organisation.name, { name: user.name, email: user.email }, config().origin);
		if (result.ok) redirect(303, `${event.url.pathname}?asked=${result.request.id}`);
		const message =
			result.reason === 'signed'
				? 'Everyone who needs to sign has signed the return as it stands: there is nobody to ask'
				: `Nobody at ${organisation.name} can sign it off as ${listWords(result.unheld.map(capacityWords))}: invite a signatory first`;
		return invalid(409, { askSignOff: message }, { form: 'ask' });
	},
	submit: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { organisation, ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:submit');
		const parsed = parseForm(submitSchema, await event.request.formData(), { arrays: ['cycleIds'] });
		if (!parsed.ok) return invalid(400, { cycleIds: parsed.errors.cycleIds ?? 'Choose at least one cycle to submit to' }, { form: 'submit' });
		const result = await submitReturn(db(), auditContext(event), ret, organisation.name, parsed.data.cycleIds, { name: user.name, email: user.email });
		if (!result.ok) return invalid(409, { cycleIds: result.problems.map((p) => p.message).join('. ') }, { form: 'submit' });
		const ids = result.submissions.map((s) => s.id).join(',');
		redirect(303, `/organisations/${organisation.id}/submissions/${result.submissions[0].id}?submitted=${encodeURIComponent(ids)}`);
	}
};
