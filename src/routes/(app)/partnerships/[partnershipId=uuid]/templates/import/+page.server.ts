import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { saveDraftTemplate } from '$lib/server/templates';
import { parseTemplateText, type TemplateProblem } from '$lib/server/template-files';
import { MAX_WORKBOOK_BYTES, readTemplateWorkbook } from '$lib/server/import/template-xlsx';
import { decodeText } from '$lib/server/import/text';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	return { title: `Import a template – ${partnership.name}` };
};

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return invalid(400, { file: 'Select a template file' }, {}, { problems: [] as TemplateProblem[] });
		if (file.size > MAX_WORKBOOK_BYTES) return invalid(400, { file: 'The file must be smaller than 5 MB' }, {}, { problems: [] as TemplateProblem[] });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const isWorkbook = XLSX_MAGIC.every((b, i) => bytes[i] === b);
		const parsed = isWorkbook ? await readTemplateWorkbook(bytes) : parseTemplateText(decodeText(bytes).text);
		if (!parsed.ok) {
			return invalid(400, { file: `The template has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}: fix them and upload it again` }, {}, { problems: parsed.problems });
		}
		const saved = await saveDraftTemplate(db(), auditContext(event), partnership.id, parsed.template);
		if (!saved.ok) return invalid(409, { file: saved.message }, {}, { problems: [] as TemplateProblem[] });
		redirect(303, `/partnerships/${partnership.id}/templates/${saved.template.id}?imported`);
	}
};
