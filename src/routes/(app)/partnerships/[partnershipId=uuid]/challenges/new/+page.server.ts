import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { raiseChallenge } from '$lib/server/challenges';
import { checkReferences, raiseChoices } from '$lib/server/challenge-refs';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { readRaiseForm } from '$lib/domain/challenge-forms';
import { formValues } from '$lib/domain/forms';
import { isChallengeSource } from '$lib/domain/challenges';

const PREFILL = ['organisation', 'cycle', 'submission', 'standard', 'requirement', 'source'] as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'challenge:raise');
	const prefill: Record<string, string> = Object.fromEntries(PREFILL.map((k) => [k, (url.searchParams.get(k) ?? '').slice(0, 100)]));
	if (!isChallengeSource(prefill.source)) prefill.source = '';
	const choices = await raiseChoices(db(), partnership.id, /^[0-9a-f-]{36}$/i.test(prefill.organisation) ? prefill.organisation : null);
	return { title: `Raise a challenge – ${partnership.name}`, base: `/partnerships/${partnership.id}/challenges`, prefill, ...choices };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'challenge:raise');
		const form = await event.request.formData();
		const values = formValues(form);
		const parsed = readRaiseForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, values);
		const refs = await checkReferences(db(), partnership.id, parsed.data);
		if (!refs.ok) return invalid(400, refs.errors, values);
		const challenge = await raiseChallenge(
			db(),
			{ ctx: auditContext(event), name: user.name, origin: config().origin },
			{ ...parsed.data, ...refs.refs, partnershipId: partnership.id, actionId: null }
		);
		redirect(303, `/partnerships/${partnership.id}/challenges/${challenge.id}?done=raised`);
	}
};
