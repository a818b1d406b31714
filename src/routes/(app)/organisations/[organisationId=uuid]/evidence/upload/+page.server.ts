import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { libraryFor } from '$lib/server/guards';
import { uploadFormSettings, uploadFromRequest } from '$lib/server/evidence/from-request';
import { uploadedMessage } from '$lib/server/evidence/view';
import { invalid } from '$lib/server/forms';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event.locals, event.url);
	const organisation = await libraryFor(user, event.params.organisationId, 'evidence:edit');
	return {
		title: `Upload evidence – ${organisation.name}`,
		organisation: { id: organisation.id, name: organisation.name },
		upload: uploadFormSettings(event)
	};
};

export const actions: Actions = {
	/** Streamed (body-limit.ts). */
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const organisation = await libraryFor(user, event.params.organisationId, 'evidence:edit');
		const outcome = await uploadFromRequest(event, { organisationId: organisation.id });
		if (!outcome.ok) return invalid(outcome.status, outcome.errors, {}, { saved: outcome.files.filter((f) => f.ok).map((f) => ({ id: f.ok ? f.documentId : '', title: f.ok ? f.title : '' })) });
		if (event.request.headers.get('accept')?.includes('application/json')) return { message: uploadedMessage(outcome.files) };
		const first = outcome.files.find((f) => f.ok);
		// One document: straight to it, to add its dates and description.
		if (outcome.files.length === 1 && first?.ok) redirect(303, `/organisations/${organisation.id}/evidence/${first.documentId}?uploaded`);
		redirect(303, `/organisations/${organisation.id}/evidence?uploaded=${outcome.files.length}`);
	}
};
