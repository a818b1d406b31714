import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { memberFor } from '$lib/server/guards';
import { parseForm } from '$lib/domain/forms';
import { organisationSchema } from '$lib/domain/organisations';
import { updateOrganisation, type Organisation } from '$lib/server/organisations';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { rowVersion } from '$lib/domain/row-version';

const formValuesOf = (o: Organisation): Record<string, string> => ({
	name: o.name,
	kind: o.kind,
	sector: o.sector,
	urn: o.urn ?? '',
	ukprn: o.ukprn ?? '',
	odsCode: o.odsCode ?? '',
	gssCode: o.gssCode ?? '',
	address: o.address,
	postcode: o.postcode,
	version: String(o.version)
});

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await memberFor(user, params.partnershipId, params.organisationId, 'organisation:edit');
	return { title: `Change ${organisation.name}`, organisationId: organisation.id, values: formValuesOf(organisation) };
};

const NO_CONFLICT = { conflict: null as Record<string, string> | null };

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { partnershipId, organisationId } = event.params;
		const organisation = await memberFor(user, partnershipId, organisationId, 'organisation:edit');
		const form = await event.request.formData();
		const parsed = parseForm(organisationSchema, form);
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values, NO_CONFLICT);
		const expected = rowVersion.safeParse(form.get('version'));
		if (!expected.success) return invalid(400, { _form: expected.error.issues[0].message }, parsed.data, NO_CONFLICT);
		const result = await db().transaction(async (tx) => {
			const updated = await updateOrganisation(tx, organisation.id, parsed.data, expected.data);
			if (updated.ok) {
				await recordAudit(tx, auditContext(event), {
					action: 'organisation.update',
					partnershipId,
					organisationId: organisation.id,
					subjectType: 'organisation',
					subjectId: organisation.id,
					detail: { name: parsed.data.name }
				});
			}
			return updated;
		});
		const mine = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
		if (!result.ok && result.reason === 'stale') {
			// Someone saved first: show both versions, keep what this person typed, and let them save over it knowingly.
			return invalid(
				409,
				{ _form: 'Someone else changed these details while you were editing. Compare the two versions below, then save again.' },
				{ ...mine, version: String(result.current.version) },
				{ conflict: formValuesOf(result.current) as Record<string, string> | null }
			);
		}
		if (!result.ok) {
			return invalid(400, { urn: 'Another organisation already has one of these identifiers' }, mine, NO_CONFLICT);
		}
		redirect(303, `/partnerships/${partnershipId}/organisations/${organisation.id}?saved`);
	}
};
