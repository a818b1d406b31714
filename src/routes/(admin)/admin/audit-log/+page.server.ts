import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/admin-guard';
import { auditRow, listAudit } from '$lib/server/audit-log';
import { readAuditFilter } from '$lib/domain/audit-filter';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	const filter = readAuditFilter(url.searchParams);
	const result = await listAudit(db(), filter);
	return { title: 'Audit log', filter, total: result.total, pages: result.pages, entries: result.entries.map(auditRow) };
};
