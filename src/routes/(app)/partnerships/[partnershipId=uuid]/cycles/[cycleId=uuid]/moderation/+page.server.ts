import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { getTemplate } from '$lib/server/templates';
import { moderationWorkspace, moderatorsOf } from '$lib/server/moderation-workspace';
import { assignModerations } from '$lib/server/moderation-steps';
import { auditContext } from '$lib/server/request';
import { invalid } from '$lib/server/forms';
import { applyWorkspaceQuery, readWorkspaceQuery, workspaceView } from '$lib/domain/moderation-workspace';
import { uuid } from '$lib/domain/text';
import { pageOf } from '$lib/domain/paging';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'partnership:moderation');
	const template = found(await getTemplate(db(), cycle.templateId));
	// Business unit and chair see every submission; a moderator only those assigned to them.
	const seesAll = can(user, 'moderation:view', { moderation: { partnershipId: cycle.partnershipId, moderatorId: null } });
	const canAssign = can(user, 'partnership:assign', { partnershipId: cycle.partnershipId });
	const [rows, moderators] = await Promise.all([moderationWorkspace(db(), cycle.id, seesAll ? null : user.id), canAssign ? moderatorsOf(db(), cycle.partnershipId) : []]);
	const scale = template.definition.scale;
	const views = rows.map((r) => workspaceView(scale, cycle.standardCodes, { ...r, submittedAt: r.submittedAt.toISOString() }));
	const query = readWorkspaceQuery(url.searchParams, cycle.standardCodes);
	// A region's cycle has ~2,000 submissions: a page at a time (all of them were 4.6 MB of HTML).
	const matching = applyWorkspaceQuery(scale, views, query);
	const paged = pageOf(matching, query.page);
	return {
		title: `Moderation: ${cycle.title}`,
		flash: url.searchParams.get('done'),
		cycle: { id: cycle.id, title: cycle.title, standardCodes: cycle.standardCodes },
		grades: scale.grades.map((g) => ({ value: g.value, label: g.label, colour: g.colour ?? null })),
		seesAll,
		canAssign,
		readsEvents: can(user, 'event:read', { partnershipId: cycle.partnershipId }),
		plansEvents: can(user, 'event:manage', { partnershipId: cycle.partnershipId }),
		moderators: moderators.sort((a, b) => a.name.localeCompare(b.name)),
		sectors: [...new Set(views.map((v) => v.sector))].sort(),
		total: views.length,
		query: { ...query, page: paged.page },
		matching: matching.length,
		first: paged.first,
		pages: paged.pages,
		rows: paged.rows
	};
};

export const actions: Actions = {
	assign: async (event) => {
		const user = requireUser(event.locals, event.url);
		const cycle = await cycleFor(user, event.params.partnershipId!, event.params.cycleId!, 'partnership:assign');
		const form = await event.request.formData();
		const chosen = form.getAll('organisationId').map((v) => uuid.safeParse(v)).filter((r) => r.success).map((r) => r.data);
		const moderator = String(form.get('moderatorId') ?? '');
		const moderators = await moderatorsOf(db(), cycle.partnershipId);
		if (!chosen.length) return invalid(400, { organisationId: 'Choose at least one submission to assign' }, { moderatorId: moderator });
		if (moderator !== 'none' && !moderators.some((m) => m.id === moderator)) return invalid(400, { moderatorId: 'Choose a moderator, or “Nobody” to unassign' }, { moderatorId: moderator }, { chosen });
		await assignModerations(db(), auditContext(event), cycle, chosen, moderator === 'none' ? null : moderator);
		redirect(303, `${event.url.pathname}?${keepQuery(event.url)}done=${moderator === 'none' ? 'unassigned' : 'assigned'}`);
	}
};

/** The filters and order the page was showing, kept after assigning. */
function keepQuery(url: URL): string {
	const kept = new URLSearchParams([...url.searchParams].filter(([k]) => ['state', 'sector', 'moderator', 'flag', 'sort', 'order', 'page'].includes(k)));
	const s = kept.toString();
	return s ? `${s}&` : '';
}
