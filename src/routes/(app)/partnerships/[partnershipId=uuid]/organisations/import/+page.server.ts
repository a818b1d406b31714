import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { importOrganisations, previewOrganisationsCsv } from '$lib/server/import/organisations-csv';
import { decodeText } from '$lib/server/import/text';
import { fileKind } from '$lib/server/import/file-kind';
import { readUploadForm, uploadedFile } from '$lib/server/uploads';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

const MAX_BYTES = 2 * 1024 * 1024;
const NOT_TEXT = 'The selected file is not a text CSV file. In your spreadsheet program, save it as ‘CSV UTF-8 (Comma delimited)’ and select that file';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	return { title: `Import agencies – ${partnership.name}` };
};

/** The CSV text: an uploaded file (checking), or the text the preview page carried on to the import. */
async function readCsv(request: Request): Promise<{ text: string } | { error: string; status: number }> {
	const upload = await readUploadForm(request);
	const carried = upload.ok ? upload.form.get('csv') : null;
	if (typeof carried === 'string' && carried.trim()) return { text: carried.slice(0, MAX_BYTES) };
	const file = await uploadedFile(upload, 'file', { maxBytes: MAX_BYTES, select: 'Select a CSV file' });
	if (!file.ok) return { error: file.message, status: file.status };
	if (fileKind(file.bytes) !== 'text') return { error: NOT_TEXT, status: 400 };
	return { text: decodeText(file.bytes).text };
}

export const actions: Actions = {
	preview: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const csv = await readCsv(event.request);
		if ('error' in csv) return invalid(csv.status, { file: csv.error });
		const preview = await previewOrganisationsCsv(db(), partnership.id, csv.text);
		if (!preview.ok) return invalid(400, { file: preview.error });
		return { preview: preview.rows.map(({ input: _input, ...row }) => row), csv: csv.text };
	},
	import: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const csv = await readCsv(event.request);
		if ('error' in csv) return invalid(csv.status, { file: csv.error });
		const preview = await previewOrganisationsCsv(db(), partnership.id, csv.text);
		if (!preview.ok) return invalid(400, { file: preview.error });
		const skipped = preview.rows.filter((r) => r.outcome === 'error').length;
		const ctx = auditContext(event);
		const result = await db().transaction(async (tx) => {
			const imported = await importOrganisations(tx, partnership.id, preview.rows, { ctx, origin: config().origin });
			await recordAudit(tx, ctx, {
				action: 'organisation.import',
				partnershipId: partnership.id,
				subjectType: 'partnership',
				subjectId: partnership.id,
				detail: { ...imported.counts, skipped }
			});
			return imported;
		});
		const q = new URLSearchParams({
			created: String(result.counts.created),
			linked: String(result.counts.linked),
			requested: String(result.counts.requested),
			skipped: String(skipped)
		});
		redirect(303, `/partnerships/${partnership.id}/organisations/import?done&${q}`);
	}
};
