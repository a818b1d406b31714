import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { cycleLetters, draftLetters } from '$lib/server/letters';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { invalid } from '$lib/server/forms';
import { canDraftFrom } from '$lib/domain/letters';
import { MODERATION_STATE_LABELS, type ModerationState } from '$lib/domain/moderation';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'letter:read');
	const rows = await cycleLetters(db(), cycle.id);
	return {
		title: `Feedback letters: ${cycle.title}`,
		flash: url.searchParams.get('drafted'),
		base: `/partnerships/${cycle.partnershipId}/cycles/${cycle.id}`,
		cycle: { id: cycle.id, title: cycle.title },
		canWrite: can(user, 'letter:write', { partnershipId: cycle.partnershipId }),
		rows: rows.map((r) => ({
			...r,
			issuedAt: r.issuedAt?.toISOString() ?? null,
			moderationLabel: r.moderationState ? MODERATION_STATE_LABELS[r.moderationState as ModerationState] : 'Not moderated yet',
			draftable: !r.letterId && canDraftFrom(r.moderationState)
		}))
	};
};

export const actions: Actions = {
	draft: async (event) => {
		const user = requireUser(event.locals, event.url);
		const cycle = await cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'letter:write');
		const made = await draftLetters(db(), auditContext(event), cycle);
		if (!made) return invalid(400, { _form: 'There is no organisation to draft a letter for: a letter is drafted once its moderation is accepted or complete, and only once.' });
		redirect(303, `${event.url.pathname}?drafted=${made}`);
	}
};
