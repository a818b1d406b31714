import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { linkDocuments, listReturnEvidence, unlinkDocument, type LinkOutcome } from '$lib/server/evidence-links';
import { listLibrary } from '$lib/server/evidence';
import { uploadFormSettings, uploadFromRequest } from '$lib/server/evidence/from-request';
import { evidenceView, uploadedMessage } from '$lib/server/evidence/view';
import { kindOfMediaType } from '$lib/server/evidence/file-types';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { formatSize, readLibraryFilter } from '$lib/domain/evidence';
import { allRequirements } from '$lib/domain/template';
import { ukToday } from '$lib/domain/cycles';
import { rowVersion } from '$lib/domain/row-version';
import { uuid } from '$lib/domain/text';

type Params = { organisationId: string; returnId: string; code: string };

async function requirementFor(event: Pick<RequestEvent<Params>, 'locals' | 'url' | 'params'>, permission: 'return:view' | 'evidence:edit') {
	const user = requireUser(event.locals, event.url);
	const { organisation, ret } = await returnFor(user, event.params.organisationId, event.params.returnId, permission);
	const requirement = found(allRequirements(ret.template.definition).find((r) => r.code === event.params.code));
	return { user, organisation, ret, requirement };
}

export const load: PageServerLoad = async (event) => {
	const { user, organisation, ret, requirement } = await requirementFor(event, 'return:view');
	const canEdit = can(user, 'evidence:edit', { organisation });
	const filter = readLibraryFilter(event.url.searchParams);
	const [cited, library] = await Promise.all([
		listReturnEvidence(db(), ret.id),
		canEdit ? listLibrary(db(), organisation.id, { ...filter, flag: '', type: '', requirement: '' }, ukToday()) : null
	]);
	const current = evidenceView(cited.get(requirement.code));
	const citedIds = new Set(current.documents.map((d) => d.documentId));
	return {
		title: `Evidence for ${requirement.code} – ${ret.template.title}`,
		organisation: { id: organisation.id, name: organisation.name },
		ret: { id: ret.id, title: ret.template.title },
		requirement: { code: requirement.code, text: requirement.text, standardCode: requirement.standardCode, expected: requirement.evidence },
		cited: current,
		canEdit,
		upload: uploadFormSettings(event),
		flash: event.url.searchParams.get('done'),
		q: filter.q,
		library: library && {
			page: filter.page,
			pages: Math.max(1, Math.ceil(library.total / library.pageSize)),
			total: library.total,
			documents: library.documents.map((d) => ({
				id: d.id,
				title: d.title,
				fileName: d.current.fileName,
				type: kindOfMediaType(d.current.mediaType)?.label ?? d.current.mediaType,
				size: formatSize(d.current.size),
				cited: citedIds.has(d.id)
			}))
		}
	};
};

const STALE = 'The evidence for this requirement was changed by someone else while you were looking at it: check the list below and try again';

function answer(event: RequestEvent<Params>, outcome: LinkOutcome, done: string) {
	if (!outcome.ok && outcome.reason === 'stale') return invalid(409, { _form: STALE });
	if (!outcome.ok) return invalid(400, { documents: 'Choose documents from your evidence library' });
	redirect(303, `${event.url.pathname}?done=${done}`);
}

export const actions: Actions = {
	link: async (event) => {
		const { ret, requirement } = await requirementFor(event, 'evidence:edit');
		const form = await event.request.formData();
		const version = rowVersion.safeParse(form.get('version'));
		const ids = form.getAll('documents').map(String);
		if (!version.success) return invalid(400, { _form: STALE });
		if (!ids.length || !ids.every((id) => uuid.safeParse(id).success)) return invalid(400, { documents: 'Choose at least one document to link' });
		return answer(event, await linkDocuments(db(), auditContext(event), ret, requirement.code, ids, version.data), `linked-${ids.length}`);
	},
	unlink: async (event) => {
		const { ret, requirement } = await requirementFor(event, 'evidence:edit');
		const form = await event.request.formData();
		const version = rowVersion.safeParse(form.get('version'));
		const id = uuid.safeParse(form.get('document'));
		if (!version.success || !id.success) return invalid(400, { _form: STALE });
		return answer(event, await unlinkDocument(db(), auditContext(event), ret, requirement.code, id.data, version.data), 'removed');
	},
	/** Streamed (body-limit.ts). */
	upload: async (event) => {
		const { organisation, ret, requirement } = await requirementFor(event, 'evidence:edit');
		const outcome = await uploadFromRequest(event, { organisationId: organisation.id, citeFor: { ret, code: requirement.code } });
		if (!outcome.ok) return invalid(outcome.status, outcome.errors);
		if (event.request.headers.get('accept')?.includes('application/json')) {
			return { message: uploadedMessage(outcome.files), evidence: evidenceView((await listReturnEvidence(db(), ret.id)).get(requirement.code)) };
		}
		// From a standard page's "Add evidence": back to the requirement there.
		if (event.url.searchParams.get('from') === 'standard') {
			const standard = `/organisations/${organisation.id}/returns/${ret.id}/standards/${requirement.standardCode}`;
			redirect(303, `${standard}?evidence=${encodeURIComponent(`${requirement.code}:${outcome.files.length}`)}#evidence-${requirement.code.replace(/\./g, '-')}`);
		}
		redirect(303, `${event.url.pathname}?done=uploaded-${outcome.files.length}`);
	}
};
