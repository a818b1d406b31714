import type { PageServerLoad } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { cycleFor } from '$lib/server/guards';
import { db } from '$lib/server/runtime';
import { getTemplate } from '$lib/server/templates';
import { heatmapSources } from '$lib/server/reports/heatmap';
import { applyHeatmapQuery, heatmapPage, heatmapRow, readHeatmapQuery, type CellColour } from '$lib/domain/reports/heatmap';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const cycle = await cycleFor(user, params.partnershipId, params.cycleId, 'report:read');
	const [template, sources] = await Promise.all([getTemplate(db(), cycle.templateId).then(found), heatmapSources(db(), cycle.id)]);
	const scale = template.definition.scale;
	const codes = template.definition.standards.map((s) => s.code).filter((code) => cycle.standardCodes.includes(code));
	const query = readHeatmapQuery(url.searchParams, codes);
	const rows = sources.map((s) => heatmapRow(scale, codes, s));
	const shown = applyHeatmapQuery(rows, query);
	const paged = heatmapPage(shown, query.page);
	const partnershipId = cycle.partnershipId;
	// The board reads the heatmap but not submissions: no links for them (nor for anyone the submission page would refuse).
	const readsSubmissions = can(user, 'partnership:submissions', { partnershipId });
	const opens = (r: (typeof rows)[number]) =>
		r.submissionId !== null && readsSubmissions && can(user, 'submission:view', { submission: { organisationId: r.organisationId, partnershipId, moderatorId: r.moderatorId } });
	return {
		title: `Heatmap: ${cycle.title}`,
		cycle: { id: cycle.id, title: cycle.title },
		readsCycle: readsSubmissions,
		standards: template.definition.standards.filter((s) => codes.includes(s.code)).map((s) => ({ code: s.code, title: s.title })),
		grades: scale.grades.map((g) => ({ label: g.label, colour: (g.colour ?? 'none') as CellColour })),
		sectors: [...new Set(rows.map((r) => r.sector))].sort(),
		schools: rows.some((r) => r.kind === 'school'),
		counts: { all: rows.length, returned: rows.filter((r) => r.cells).length, shown: shown.length },
		query: { ...query, page: paged.page },
		pages: paged.pages,
		rows: paged.rows.map((r) => ({
			organisationId: r.organisationId,
			name: r.organisationName,
			sector: r.sector,
			phase: r.kind === 'school' ? r.phase : undefined,
			submissionId: opens(r) ? r.submissionId : null,
			cells: r.cells ? codes.map((code) => r.cells![code]) : null
		}))
	};
};
