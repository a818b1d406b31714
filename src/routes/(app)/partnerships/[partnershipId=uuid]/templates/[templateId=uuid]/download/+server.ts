import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/access';
import { templateFor } from '$lib/server/guards';
import { writeTemplateWorkbook } from '$lib/server/import/template-xlsx-writer';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';

/** The template as an XLSX workbook in the import format, to edit and import back. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event.locals, event.url);
	const template = await templateFor(user, event.params.partnershipId, event.params.templateId, 'partnership:templates');
	const workbook = await writeTemplateWorkbook(template.definition);
	await recordAudit(db(), auditContext(event), {
		action: 'template.download',
		partnershipId: event.params.partnershipId,
		subjectType: 'template',
		subjectId: template.id,
		detail: { slug: template.slug, version: template.version }
	});
	return new Response(new Uint8Array(workbook), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${template.slug}-v${template.version}.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
