import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { importOrganisations, previewOrganisationsCsv } from '$lib/server/import/organisations-csv';
import { decodeText } from '$lib/server/import/text';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

const MAX_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	return { title: `Import agencies – ${partnership.name}` };
};

async function readCsv(form: FormData): Promise<{ text: string } | { error: string }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_BYTES) return { error: 'The file must be smaller than 2 MB' };
		return { text: decodeText(new Uint8Array(await file.arrayBuffer())).text };
	}
	const text = form.get('csv');
	if (typeof text === 'string' && text.trim()) return { text: text.slice(0, MAX_BYTES) };
	return { error: 'Select a CSV file' };
}

export const actions: Actions = {
	preview: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const csv = await readCsv(await event.request.formData());
		if ('error' in csv) return invalid(400, { file: csv.error });
		const preview = await previewOrganisationsCsv(db(), partnership.id, csv.text);
		if (!preview.ok) return invalid(400, { file: preview.error });
		return { preview: preview.rows.map(({ input: _input, ...row }) => row), csv: csv.text };
	},
	import: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const csv = await readCsv(await event.request.formData());
		if ('error' in csv) return invalid(400, { file: csv.error });
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
