import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { parseForm } from '$lib/domain/forms';
import { organisationSchema } from '$lib/domain/organisations';
import { addMember } from '$lib/server/membership-requests';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	return { title: `Add an organisation – ${partnership.name}` };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const parsed = parseForm(organisationSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const ctx = auditContext(event);
		const result = await db().transaction(async (tx) => {
			const added = await addMember(tx, partnership.id, parsed.data, { ctx, origin: config().origin });
			// A request is recorded by addMember; nothing has joined yet.
			if (added.outcome === 'requested' || added.outcome === 'already_member') return added;
			await recordAudit(tx, ctx, {
				action: `organisation.${added.outcome === 'created' ? 'create' : 'link'}`,
				partnershipId: partnership.id,
				organisationId: added.organisation.id,
				subjectType: 'organisation',
				subjectId: added.organisation.id,
				detail: { name: added.organisation.name, outcome: added.outcome }
			});
			return added;
		});
		if (result.outcome === 'requested') redirect(303, `/partnerships/${partnership.id}/organisations?requested`);
		redirect(303, `/partnerships/${partnership.id}/organisations/${result.organisation.id}?${result.outcome}`);
	}
};
