import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { isOverdue, returnState } from '$lib/server/return-view';
import { participationsOf } from '$lib/server/cycle-participants';
import { db } from '$lib/server/runtime';
import { cycleStatus, ukToday } from '$lib/domain/cycles';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, ret } = await returnFor(user, params.organisationId, params.returnId, 'return:view');
	const today = ukToday();
	const [state, participations] = await Promise.all([returnState(ret), participationsOf(db(), organisation.id, today)]);
	const total = state.progress.reduce((n, s) => n + s.total, 0);
	const complete = state.progress.reduce((n, s) => n + s.complete, 0);
	return {
		title: `${ret.template.title} – ${organisation.name}`,
		organisation: { id: organisation.id, name: organisation.name },
		ret: { id: ret.id, title: ret.template.title, version: ret.template.version, kind: ret.template.kind },
		carriedNotice: Number(url.searchParams.get('carried')) || 0,
		carriedForward: state.carriedForward,
		total,
		complete,
		standards: state.progress.map((s) => ({ code: s.code, title: s.title, total: s.total, complete: s.complete, status: s.status })),
		actions: { total: state.actions.length, open: state.actions.filter((a) => a.status !== 'done').length, overdue: state.actions.filter((a) => isOverdue(a, today)).length },
		cycles: participations
			.filter((p) => p.cycle.templateId === ret.template.id && cycleStatus(p.cycle, today) === 'open' && p.member)
			.map((p) => ({ id: p.cycle.id, title: p.cycle.title, partnershipName: p.cycle.partnershipName, deadline: p.deadline, state: p.state, standards: p.cycle.standardCodes, changedSinceSent: p.changedSinceSent })),
		canEdit: can(user, 'return:edit', { organisation }),
		canSubmitOrSign: can(user, 'return:submit', { organisation }) || can(user, 'return:sign', { organisation })
	};
};
