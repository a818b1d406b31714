import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { isOverdue } from '$lib/server/return-view';
import { listActions } from '$lib/server/actions';
import { db } from '$lib/server/runtime';
import { allRequirements } from '$lib/domain/template';
import { ukToday } from '$lib/domain/cycles';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, ret } = await returnFor(user, params.organisationId, params.returnId, 'return:view');
	const actions = await listActions(db(), ret.id);
	const requirements = allRequirements(ret.template.definition);
	const today = ukToday();
	return {
		title: `Action plan – ${ret.template.title}`,
		organisation: { id: organisation.id, name: organisation.name },
		ret: { id: ret.id, title: ret.template.title },
		canEdit: can(user, 'return:edit', { organisation }),
		flash: url.searchParams.get('done'),
		actions: actions.map((a) => ({
			id: a.id,
			requirementCode: a.requirementCode,
			standardCode: requirements.find((r) => r.code === a.requirementCode)?.standardCode ?? null,
			description: a.description,
			owner: a.owner,
			dueOn: a.dueOn,
			status: a.status,
			overdue: isOverdue(a, today),
			carriedForward: a.carriedForward
		}))
	};
};
