import { redirect } from '@sveltejs/kit';
import { plural } from '$lib/domain/text';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { saveDraftTemplate } from '$lib/server/templates';
import { parseTemplateText, type TemplateProblem } from '$lib/server/template-files';
import { MAX_WORKBOOK_BYTES, readTemplateWorkbook } from '$lib/server/import/template-xlsx';
import { decodeText } from '$lib/server/import/text';
import { fileKind, namedAsCsv, workbookExtension } from '$lib/server/import/file-kind';
import { readUploadForm, uploadedFile } from '$lib/server/uploads';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	return { title: `Import a template – ${partnership.name}` };
};

const NOT_A_TEMPLATE = 'The selected file must be an Excel workbook (.xlsx), or a YAML or JSON template file';
const renamed = (extension: string) =>
	`The selected file is not an Excel workbook, although its name ends in ${extension}: it may be a CSV file that was renamed. Open it in Excel, save it as ‘Excel Workbook (.xlsx)’ and select that file`;
const CSV = 'The selected file is a CSV file: a template must be an Excel workbook (.xlsx), or a YAML or JSON file. Open it in Excel and save it as ‘Excel Workbook (.xlsx)’';
const noProblems: TemplateProblem[] = [];

/** What kind of template file it is, from its content; a message when it can be none. */
function templateFileKind(name: string, bytes: Uint8Array): 'workbook' | 'text' | { error: string } {
	const kind = fileKind(bytes);
	if (kind === 'zip') return 'workbook';
	if (kind === 'binary') return { error: NOT_A_TEMPLATE };
	const extension = workbookExtension(name);
	if (extension) return { error: renamed(extension) };
	if (namedAsCsv(name)) return { error: CSV };
	return 'text';
}

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const file = await uploadedFile(await readUploadForm(event.request), 'file', { maxBytes: MAX_WORKBOOK_BYTES, select: 'Select a template file' });
		if (!file.ok) return invalid(file.status, { file: file.message }, {}, { problems: noProblems });
		const kind = templateFileKind(file.name, file.bytes);
		if (typeof kind === 'object') return invalid(400, { file: kind.error }, {}, { problems: noProblems });
		const parsed = kind === 'workbook' ? await readTemplateWorkbook(file.bytes) : parseTemplateText(decodeText(file.bytes).text);
		if (!parsed.ok) {
			// A problem with the whole file (not a workbook, not YAML) is said beside the field; others are listed with where they are.
			const [first, ...more] = parsed.problems;
			if (!more.length && first.where === '(whole file)') return invalid(400, { file: first.message }, {}, { problems: noProblems });
			const n = parsed.problems.length;
			return invalid(400, { file: `The template has ${plural(n, 'problem')}: fix ${n === 1 ? 'it' : 'them'} and upload it again` }, {}, { problems: parsed.problems });
		}
		const saved = await saveDraftTemplate(db(), auditContext(event), partnership.id, parsed.template);
		if (!saved.ok) return invalid(409, { file: saved.message }, {}, { problems: noProblems });
		redirect(303, `/partnerships/${partnership.id}/templates/${saved.template.id}?imported`);
	}
};
