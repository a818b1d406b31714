import fs from 'node:fs/promises';
import path from 'node:path';
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { invalid } from '$lib/server/forms';
import { receiveMultipart } from '$lib/server/evidence/receive';
import { spoolDir } from '$lib/server/storage/spool';
import { readRegisterFile } from '$lib/server/import/gias-csv';
import { getImport, partnershipLaCodes, saveImport } from '$lib/server/register-imports';
import { applyImport } from '$lib/server/register-apply';
import { previewView } from '$lib/server/register-view';
import { fileTooLarge, FILE_NOT_UPLOADED } from '$lib/server/uploads';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { LA_CODES_MESSAGE, parseLaCodes } from '$lib/domain/school-register';
import { uuid } from '$lib/domain/text';

/** The register is about 60 MB; room for it to grow. */
const MAX_BYTES = 200 * 1024 * 1024;
const SELECT = 'Select the establishment CSV file from Get Information About Schools';
const EXPIRED = 'This preview has expired: upload the file again to see what the register says now';
const APPLIED = 'This preview has already been applied';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'register:import');
	const id = url.searchParams.get('import');
	const title = `Import schools from the register – ${partnership.name}`;
	if (id === null) return { title, laCodes: (await partnershipLaCodes(db(), partnership.id)).join(', '), preview: null };
	const found = uuid.safeParse(id).success ? await getImport(db(), partnership.id, id) : null;
	if (!found) error(404, 'Not found');
	const expired = !found.appliedAt && found.expiresAt <= new Date();
	return {
		title,
		laCodes: found.laCodes.join(', '),
		preview: {
			id: found.id,
			fileName: found.fileName,
			encoding: found.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252',
			laCodes: found.laCodes,
			uploaderName: found.uploaderName,
			uploadedAt: found.uploadedAt,
			expiresAt: found.expiresAt,
			rowsRead: found.rowsRead,
			malformed: found.malformed,
			malformedCount: found.malformedCount,
			appliedAt: found.appliedAt,
			outcome: found.outcome,
			expired,
			view: found.appliedAt || expired ? null : await previewView(db(), found)
		}
	};
};

export const actions: Actions = {
	preview: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'register:import');
		const received = await receiveMultipart(event.request, { dir: spoolDir(path.resolve(config().DATA_DIR)), maxFileBytes: MAX_BYTES, quotaLeft: MAX_BYTES, maxFiles: 1 });
		const typed = received.fields.get('laCodes') ?? '';
		const values = { laCodes: typed };
		const file = received.files[0];
		try {
			const laCodes = parseLaCodes(typed);
			const errors: Record<string, string> = {};
			if (!laCodes) errors.laCodes = LA_CODES_MESSAGE;
			if (received.failure === 'too_many_files') errors.file = 'Select one file';
			else if (received.failure) errors.file = received.failure === 'not_multipart' ? SELECT : FILE_NOT_UPLOADED;
			else if (!file) errors.file = SELECT;
			else if (file.problem === 'too_large') errors.file = fileTooLarge(MAX_BYTES);
			else if (file.problem === 'empty' || !file.spooled) errors.file = 'The selected file is empty';
			if (!laCodes || !file?.spooled || Object.keys(errors).length) return invalid(errors.file && file?.problem === 'too_large' ? 413 : 400, errors, values);
			const read = await readRegisterFile(file.spooled.path, laCodes);
			if (!read.ok) return invalid(400, { file: read.error }, values);
			if (!read.rows.length && !read.malformedCount) {
				return invalid(400, { laCodes: `The file has no open or closed establishments with local authority code ${laCodes.join(' or ')}: check the codes` }, values);
			}
			const id = await saveImport(db(), { partnershipId: partnership.id, uploadedBy: user.id, fileName: file.name, laCodes, ...read });
			redirect(303, `?import=${id}`);
		} finally {
			if (file?.spooled) await fs.rm(file.spooled.path, { force: true });
		}
	},
	apply: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'register:import');
		const id = String((await event.request.formData()).get('importId') ?? '');
		if (!uuid.safeParse(id).success) return invalid(400, { _form: 'Upload the register file and check the preview first' });
		const result = await applyImport(db(), partnership.id, id, { ctx: auditContext(event), origin: config().origin });
		if (!result.ok && result.reason === 'not_found') error(404, 'Not found');
		if (!result.ok) return invalid(result.reason === 'expired' ? 410 : 409, { _form: result.reason === 'expired' ? EXPIRED : APPLIED });
		redirect(303, `?import=${id}`);
	}
};
