import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/admin-guard';
import { setUpPartnership } from '$lib/server/admin';
import { parseForm } from '$lib/domain/forms';
import { newPartnershipSchema } from '$lib/domain/partnerships';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	return { title: 'Create a partnership' };
};

export const actions: Actions = {
	default: async (event) => {
		requireAdmin(event.locals, event.url);
		const parsed = parseForm(newPartnershipSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const result = await setUpPartnership(db(), auditContext(event), parsed.data, config().origin);
		if (!result.ok) return invalid(400, { name: 'A partnership with this name already exists' }, parsed.data);
		redirect(303, `/admin?created=${encodeURIComponent(result.partnership.name)}`);
	}
};
