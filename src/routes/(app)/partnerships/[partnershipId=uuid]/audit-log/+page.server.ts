import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { auditRow, listAudit } from '$lib/server/audit-log';
import { readAuditFilter } from '$lib/domain/audit-filter';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:audit');
	const filter = readAuditFilter(url.searchParams);
	const result = await listAudit(db(), { ...filter, partnershipId: partnership.id });
	return { title: `Audit log – ${partnership.name}`, filter, total: result.total, pages: result.pages, entries: result.entries.map(auditRow) };
};
