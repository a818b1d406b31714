import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { documentFor, libraryOf } from '$lib/server/guards';
import { getDocument, listRevisions, removeDocument, updateDetails, type EvidenceDocument } from '$lib/server/evidence';
import { submissionsCiting, whereCited } from '$lib/server/evidence-citations';
import { uploadFormSettings, uploadFromRequest } from '$lib/server/evidence/from-request';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { documentView, revisionView } from '$lib/server/evidence-view';
import { ukToday } from '$lib/domain/cycles';
import { detailsFormValues, readDetailsForm } from '$lib/domain/evidence';
import { rowVersion } from '$lib/domain/row-version';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, document } = await documentFor(user, params.organisationId, params.documentId, 'evidence:view');
	const [revisions, citations, keptFor] = await Promise.all([listRevisions(db(), document.id), whereCited(db(), document.id), submissionsCiting(db(), document.id)]);
	const base = `/organisations/${organisation.id}/evidence/${document.id}`;
	return {
		title: document.title,
		organisation: { id: organisation.id, name: organisation.name },
		document: documentView(document, ukToday()),
		revisions: revisions.map((r) => revisionView(r, base)),
		citations: {
			live: citations.live,
			submissions: citations.submissions.map((s) => ({ ...s, submittedAt: s.submittedAt.toISOString() }))
		},
		keptFor,
		canEdit: can(user, 'evidence:edit', libraryOf(organisation)) && !document.removedAt,
		upload: uploadFormSettings({ locals }),
		flash: url.searchParams.has('saved') ? 'Details saved.' : url.searchParams.has('revised') ? 'New revision uploaded. Live returns now cite it.' : null
	};
};

const strings = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
const NO_CONFLICT = { conflict: null as Record<string, string> | null };
const REMOVED = 'This document has been removed from the library, so it can no longer be changed';

async function editable(event: RequestEvent<{ organisationId: string; documentId: string }>) {
	const user = requireUser(event.locals, event.url);
	const found = await documentFor(user, event.params.organisationId, event.params.documentId, 'evidence:edit');
	return { ...found, base: `/organisations/${found.organisation.id}/evidence/${found.document.id}` };
}

/** The document as it is now, for a change refused because someone else made one first. */
async function current(document: EvidenceDocument) {
	return (await getDocument(db(), document.organisationId, document.id)) ?? document;
}

export const actions: Actions = {
	details: async (event) => {
		const { document, base } = await editable(event);
		const form = await event.request.formData();
		const mine = strings(form);
		if (document.removedAt) return invalid(409, { _form: REMOVED }, mine, NO_CONFLICT);
		const parsed = readDetailsForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, mine, NO_CONFLICT);
		const expected = rowVersion.safeParse(form.get('version'));
		if (!expected.success) return invalid(400, { _form: expected.error.issues[0].message }, mine, NO_CONFLICT);
		const result = await updateDetails(db(), auditContext(event), document, parsed.data, expected.data);
		if (!result.ok) {
			// Someone saved first: show theirs, keep what this person typed, and let them save over it knowingly.
			const now = await current(document);
			const message = now.removedAt ? REMOVED : 'Someone else changed this document while you were editing. Compare the two versions below, then save again.';
			return invalid(409, { _form: message }, { ...mine, version: String(now.version) }, { conflict: now.removedAt ? null : detailsFormValues(now) });
		}
		redirect(303, `${base}?saved`);
	},
	remove: async (event) => {
		const { document, base } = await editable(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes') return invalid(400, { confirm: 'Tick the box to confirm you want to remove this document' }, {}, NO_CONFLICT);
		const expected = rowVersion.safeParse(form.get('version'));
		if (!expected.success) return invalid(400, { _form: expected.error.issues[0].message }, {}, NO_CONFLICT);
		const result = await removeDocument(db(), auditContext(event), document, expected.data);
		if (!result.ok && result.reason === 'stale') {
			return invalid(409, { _form: 'Someone else changed this document since you opened it. Check the details below, then remove it again if you still want to.' }, {}, NO_CONFLICT);
		}
		redirect(303, `${base}?removed`);
	},
	/** A new revision, streamed (body-limit.ts): the page's version travels in the address, since the body is read only once. */
	revise: async (event) => {
		const { organisation, document, base } = await editable(event);
		const expected = rowVersion.safeParse(event.url.searchParams.get('version'));
		if (!expected.success) {
			await event.request.body?.cancel();
			return invalid(400, { files: expected.error.issues[0].message }, {}, NO_CONFLICT);
		}
		const target = { organisationId: organisation.id, revisionOf: { document, expectedVersion: expected.data } };
		const outcome = await uploadFromRequest(event, target);
		if (!outcome.ok) return invalid(outcome.status, outcome.errors, {}, NO_CONFLICT);
		redirect(303, `${base}?revised`);
	}
};
