import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { challengeThrough } from '$lib/server/guards';
import { decideChallenge } from '$lib/server/challenges';
import { challengeHistory } from '$lib/server/challenge-log';
import { actionBelongsTo, actionChoices } from '$lib/server/challenge-refs';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { readDecisionForm } from '$lib/domain/challenge-forms';
import { decisionsFrom, isOverdue } from '$lib/domain/challenges';
import { ukToday } from '$lib/domain/cycles';
import { formValues } from '$lib/domain/forms';
import { rowVersion } from '$lib/domain/row-version';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const challenge = await challengeThrough(user, { partnershipId: params.partnershipId, permission: 'challenge:read' }, params.challengeId);
	const canDecide = can(user, 'challenge:decide', { partnershipId: challenge.partnershipId });
	const [steps, actions] = await Promise.all([challengeHistory(db(), challenge.id), canDecide ? actionChoices(db(), challenge.organisationId) : Promise.resolve([])]);
	const base = `/partnerships/${challenge.partnershipId}`;
	return {
		title: `Challenge to ${challenge.organisationName}`,
		base,
		challenge: { ...challenge, overdue: isOverdue(challenge, ukToday()) },
		steps,
		submissionHref: challenge.submissionId && can(user, 'partnership:submissions', { partnershipId: challenge.partnershipId }) ? `${base}/submissions/${challenge.submissionId}` : null,
		decisions: canDecide ? decisionsFrom(challenge.status) : [],
		actions,
		done: url.searchParams.get('done'),
		mailed: Boolean(config().SMTP_URL)
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const user = requireUser(event.locals, event.url);
		const challenge = await challengeThrough(user, { partnershipId: event.params.partnershipId, permission: 'challenge:decide' }, event.params.challengeId);
		const form = await event.request.formData();
		const values = formValues(form);
		const version = rowVersion.safeParse(form.get('version'));
		if (!version.success) return invalid(400, { _form: version.error.issues[0].message }, values);
		const parsed = readDecisionForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		if (parsed.data.actionId && !(await actionBelongsTo(db(), challenge.organisationId, parsed.data.actionId))) {
			return invalid(400, { action: 'Choose one of the organisation’s actions' }, values);
		}
		const result = await decideChallenge(db(), { ctx: auditContext(event), name: user.name, origin: config().origin }, challenge, parsed.data, version.data);
		if (!result.ok && result.reason === 'stale') {
			return invalid(
				409,
				{ _form: 'Someone else acted on this challenge while you had it open. Its current state and history are shown; your decision is still in the form and has not been saved. Check it, then send it again.' },
				{ ...values, version: String(result.current.version) }
			);
		}
		if (!result.ok) return invalid(400, { [result.field]: result.message }, values);
		return { done: parsed.data.decision };
	}
};
