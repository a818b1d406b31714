import type { PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { libraryFor, libraryOf } from '$lib/server/guards';
import { listLibrary } from '$lib/server/evidence';
import { citedRequirements } from '$lib/server/evidence-citations';
import { typeLabel } from '$lib/server/evidence-view';
import { db } from '$lib/server/runtime';
import { ukToday } from '$lib/domain/cycles';
import { readLibraryFilter, reviewFlag } from '$lib/domain/evidence';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await libraryFor(user, params.organisationId, 'evidence:view');
	const filter = readLibraryFilter(url.searchParams);
	const today = ukToday();
	const [library, requirements] = await Promise.all([listLibrary(db(), organisation.id, filter, today), citedRequirements(db(), organisation.id)]);
	return {
		title: 'Evidence library',
		organisation: { id: organisation.id, name: organisation.name },
		canUpload: can(user, 'evidence:edit', libraryOf(organisation)),
		filter,
		filtered: Boolean(filter.q || filter.flag || filter.type || filter.requirement),
		total: library.total,
		page: filter.page,
		pages: Math.max(1, Math.ceil(library.total / library.pageSize)),
		types: library.types.map((t) => ({ value: t.mediaType, label: typeLabel(t.mediaType) })),
		requirements,
		documents: library.documents.map((d) => ({
			id: d.id,
			title: d.title,
			type: typeLabel(d.current.mediaType),
			size: d.current.size,
			documentDate: d.documentDate,
			reviewBy: d.reviewBy,
			flag: reviewFlag(d.reviewBy, today),
			uploadedBy: d.current.uploadedByName,
			uploadedAt: d.current.uploadedAt.toISOString(),
			citations: d.citations,
			personalData: d.current.findings.length > 0
		}))
	};
};
