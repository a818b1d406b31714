import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { challengeThrough } from '$lib/server/guards';
import { answerChallenge } from '$lib/server/challenges';
import { challengeHistory } from '$lib/server/challenge-log';
import { actionBelongsTo, actionChoices, libraryChoices } from '$lib/server/challenge-refs';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import type { SessionUser } from '$lib/server/users';
import { readAnswerForm } from '$lib/domain/challenge-forms';
import { canAnswerFrom, isOverdue } from '$lib/domain/challenges';
import { ukToday } from '$lib/domain/cycles';
import { formValues } from '$lib/domain/forms';
import { rowVersion } from '$lib/domain/row-version';

const mayAnswer = (user: SessionUser, organisationId: string) => can(user, 'challenge:answer', { organisation: { id: organisationId, partnershipIds: [] } });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const challenge = await challengeThrough(user, { organisationId: params.organisationId, permission: 'challenge:view_own' }, params.challengeId);
	const answering = mayAnswer(user, challenge.organisationId) && canAnswerFrom(challenge.status);
	const [steps, documents, actions] = await Promise.all([
		challengeHistory(db(), challenge.id),
		answering ? libraryChoices(db(), challenge.organisationId) : Promise.resolve([]),
		answering ? actionChoices(db(), challenge.organisationId) : Promise.resolve([])
	]);
	return {
		title: `Challenge from ${challenge.partnershipName}`,
		base: `/organisations/${challenge.organisationId}`,
		challenge: { ...challenge, overdue: isOverdue(challenge, ukToday()) },
		steps,
		answering,
		documents,
		actions,
		mailed: Boolean(config().SMTP_URL)
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const user = requireUser(event.locals, event.url);
		const challenge = await challengeThrough(user, { organisationId: event.params.organisationId, permission: 'challenge:answer' }, event.params.challengeId);
		const form = await event.request.formData();
		const values = { ...formValues(form, ['documents']), documents: form.getAll('documents').filter((d) => typeof d === 'string').join(',') };
		const version = rowVersion.safeParse(form.get('version'));
		if (!version.success) return invalid(400, { _form: version.error.issues[0].message }, values);
		const parsed = readAnswerForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const library = new Map((await libraryChoices(db(), challenge.organisationId)).map((d) => [d.documentId, d.revisionId]));
		if (parsed.data.documentIds.some((d) => !library.has(d))) return invalid(400, { documents: 'Choose documents from your evidence library' }, values);
		if (parsed.data.actionId && !(await actionBelongsTo(db(), challenge.organisationId, parsed.data.actionId))) {
			return invalid(400, { action: 'Choose an action from your action plan' }, values);
		}
		const answer = { text: parsed.data.text, revisionIds: parsed.data.documentIds.map((d) => library.get(d)!), actionId: parsed.data.actionId };
		const result = await answerChallenge(db(), { ctx: auditContext(event), name: user.name, origin: config().origin }, challenge, answer, version.data);
		if (!result.ok && result.reason === 'stale') {
			return invalid(
				409,
				{ _form: 'Someone else acted on this challenge while you had it open. Its current state and history are shown; your answer is still in the form and has not been sent. Check it, then send it again.' },
				{ ...values, version: String(result.current.version) }
			);
		}
		if (!result.ok) return invalid(400, { [result.field]: result.message }, values);
		return { done: 'answer' as const };
	}
};
