import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { getLogo, setLogo } from '$lib/server/letters';
import { checkLogo } from '$lib/server/letters/logo';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	const logo = await getLogo(db(), partnership.id);
	return {
		title: 'Logo for feedback letters',
		partnership: { id: partnership.id, name: partnership.name },
		logo: logo ? { fileName: logo.fileName, uploadedAt: logo.uploadedAt.toISOString(), bytes: logo.bytes.length } : null,
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const checked = await checkLogo((await event.request.formData()).get('logo'));
		if (!checked.ok) return invalid(400, { logo: checked.message });
		await setLogo(db(), auditContext(event), partnership.id, checked.logo);
		redirect(303, `/partnerships/${partnership.id}/logo?saved`);
	}
};
