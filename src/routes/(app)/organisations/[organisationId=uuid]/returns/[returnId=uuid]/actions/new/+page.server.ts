import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { found, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { addAction } from '$lib/server/actions';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { readActionForm } from '$lib/domain/actions';
import { allRequirements } from '$lib/domain/template';

function requirementOf(ret: { template: { definition: Parameters<typeof allRequirements>[0] } }, code: string | null) {
	return found(allRequirements(ret.template.definition).find((r) => r.code === code));
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, ret } = await returnFor(user, params.organisationId, params.returnId, 'return:edit');
	const requirement = requirementOf(ret, url.searchParams.get('requirement'));
	return {
		title: `Add an action for ${requirement.code}`,
		organisation: { id: organisation.id, kind: organisation.kind },
		ret: { id: ret.id, title: ret.template.title },
		requirement: { code: requirement.code, text: requirement.text, standardCode: requirement.standardCode }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:edit');
		const requirement = requirementOf(ret, event.url.searchParams.get('requirement'));
		const form = await event.request.formData();
		const parsed = readActionForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, Object.fromEntries(form));
		await addAction(db(), auditContext(event), ret, requirement.code, parsed.data);
		redirect(303, `/organisations/${ret.organisationId}/returns/${ret.id}/standards/${requirement.standardCode}?action=added#heading-${requirement.code.replace(/\./g, '-')}`);
	}
};
