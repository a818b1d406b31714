import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { getRetention, setRetention } from '$lib/server/evidence-retention';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { readRetentionForm } from '$lib/domain/evidence';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	const months = await getRetention(db(), partnership.id);
	return {
		title: 'How long to keep evidence',
		months,
		saved: url.searchParams.has('saved'),
		values: { keep: months === null ? 'forever' : 'months', months: months === null ? '' : String(months) }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const read = readRetentionForm(await event.request.formData());
		if (!read.ok) return invalid(400, read.errors, read.values);
		await setRetention(db(), auditContext(event), partnership.id, read.months);
		redirect(303, `/partnerships/${partnership.id}/evidence-retention?saved`);
	}
};
