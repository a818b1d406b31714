import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { templateFor } from '$lib/server/guards';
import { deleteDraftTemplate, getTemplate, publishTemplate, siblingVersions } from '$lib/server/templates';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { diffTemplates } from '$lib/domain/template-diff';
import { CAPACITY_LABELS } from '$lib/domain/roles';
import { KIND_TITLES } from '$lib/domain/template';
import { uuid } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const template = await templateFor(user, params.partnershipId, params.templateId, 'partnership:templates');
	const versions = await siblingVersions(db(), template.slug, params.partnershipId);
	const requested = url.searchParams.get('compare');
	if (requested !== null && !uuid.safeParse(requested).success) error(404, 'Not found');
	const compareId = requested ?? versions.find((v) => v.version < template.version)?.id ?? null;
	let comparison = null;
	if (compareId) {
		const other = found(compareId === template.id ? null : await getTemplate(db(), compareId));
		if (other.slug !== template.slug || !versions.some((v) => v.id === other.id)) error(404, 'Not found');
		const [before, after] = other.version < template.version ? [other, template] : [template, other];
		comparison = { beforeVersion: before.version, afterVersion: after.version, diff: diffTemplates(before.definition, after.definition) };
	}
	const def = template.definition;
	return {
		title: `${template.title}, version ${template.version}`,
		imported: url.searchParams.has('imported'),
		published: url.searchParams.has('published'),
		canManage: can(user, 'partnership:manage', { partnershipId: params.partnershipId }) && template.partnershipId === params.partnershipId,
		template: {
			id: template.id,
			slug: template.slug,
			version: template.version,
			title: template.title,
			kind: KIND_TITLES[template.kind],
			status: template.status,
			shipped: template.partnershipId === null,
			description: def.description ?? '',
			scale: { name: def.scale.name, grades: def.scale.grades.map((g) => g.label), notApplicable: def.scale.notApplicable.allowed },
			narrative: def.narrative,
			signOff: def.signOff.capacities.map((c) => CAPACITY_LABELS[c]),
			standards: def.standards.map((s) => ({ code: s.code, title: s.title, requirements: s.requirements.map((r) => ({ code: r.code, text: r.text, evidence: r.evidence })) }))
		},
		versions,
		comparison
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const user = requireUser(event.locals, event.url);
		const template = await templateFor(user, event.params.partnershipId, event.params.templateId, 'partnership:manage');
		if (template.partnershipId !== event.params.partnershipId) return invalid(403, { _form: 'Shipped templates are already published' });
		if (!(await publishTemplate(db(), auditContext(event), template))) return invalid(409, { _form: 'This version is already published' });
		redirect(303, `${event.url.pathname}?published`);
	},
	delete: async (event) => {
		const user = requireUser(event.locals, event.url);
		const template = await templateFor(user, event.params.partnershipId, event.params.templateId, 'partnership:manage');
		const published = { _form: 'Only a draft can be deleted: a published version stays, so what was graded against it can always be shown' };
		if (template.partnershipId !== event.params.partnershipId || template.status !== 'draft') return invalid(409, published);
		if ((await event.request.formData()).get('confirm') !== 'yes') return invalid(400, { confirm: `Tick the box to confirm you want to delete version ${template.version}` });
		if (!(await deleteDraftTemplate(db(), auditContext(event), template))) return invalid(409, published);
		redirect(303, `/partnerships/${event.params.partnershipId}/templates`);
	}
};
