import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { getTemplate, listTemplatesFor } from '$lib/server/templates';
import { activeMembers } from '$lib/server/members';
import { createCycle, defaultKindsFor } from '$lib/server/cycles';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { cycleSchema, PAST_DEADLINE, readDateInput, ukToday } from '$lib/domain/cycles';
import { formValues, parseForm, type FieldErrors } from '$lib/domain/forms';
import { applyPicker, readPicker } from '$lib/domain/participant-picker';
import { uuid } from '$lib/domain/text';

async function usableTemplate(partnershipId: string, id: string | null) {
	if (!id || !uuid.safeParse(id).success) return null;
	const t = await getTemplate(db(), id);
	return t && t.status === 'published' && (t.partnershipId === null || t.partnershipId === partnershipId) ? t : null;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	const [templates, template, members] = await Promise.all([
		listTemplatesFor(db(), partnership.id),
		usableTemplate(partnership.id, url.searchParams.get('template')),
		activeMembers(db(), partnership.id)
	]);
	const today = ukToday();
	const year = Number(today.slice(0, 4));
	return {
		title: `Start a new cycle – ${partnership.name}`,
		templates: templates.filter((t) => t.status === 'published').map((t) => ({ id: t.id, title: `${t.title} (version ${t.version})` })),
		template: template && {
			id: template.id,
			title: template.title,
			standards: template.definition.standards.map((s) => ({ code: s.code, title: s.title })),
			defaultKinds: defaultKindsFor(template.kind),
			suggestedTitle: `${template.title} ${year}-${String(year + 1).slice(2)}`
		},
		members,
		today,
		templateError: url.searchParams.has('template') && !template ? 'Select the template organisations will complete' : undefined
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event.locals, event.url);
		const partnership = await partnershipFor(user, event.params.partnershipId, 'partnership:manage');
		const form = await event.request.formData();
		const values = formValues(form);
		const picker = readPicker(form);
		const chosen = { standards: form.getAll('standardCodes').map(String), organisations: picker.chosen };
		if (picker.intent) {
			// "Filter" or "Select all" without JavaScript: the same form back, every value kept.
			const members = await activeMembers(db(), partnership.id);
			return { values, errors: {} as FieldErrors, chosen: { ...chosen, organisations: applyPicker(members, picker) }, filter: picker.filter };
		}
		const parsed = parseForm(cycleSchema, form, { arrays: ['standardCodes', 'organisationIds'] });
		const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
		const field = (k: string) => String(form.get(k) ?? '');
		const opens = readDateInput(field('opensOn-day'), field('opensOn-month'), field('opensOn-year'), 'opening date');
		const closes = readDateInput(field('closesOn-day'), field('closesOn-month'), field('closesOn-year'), 'deadline');
		if (!opens.ok) errors.opensOn = opens.message;
		if (!closes.ok) errors.closesOn = closes.message;
		if (opens.ok && closes.ok && closes.date < opens.date) errors.closesOn = 'The deadline must be on or after the opening date';
		else if (closes.ok && closes.date < ukToday() && form.get('pastDeadline') !== 'yes') errors.pastDeadline = PAST_DEADLINE;
		const template = await usableTemplate(partnership.id, field('templateId'));
		if (!template) errors.templateId = 'Choose a published template';
		if (parsed.ok && template) {
			const codes = new Set(template.definition.standards.map((s) => s.code));
			if (parsed.data.standardCodes.some((c) => !codes.has(c))) errors.standardCodes = 'Choose standards from the template';
			if (!parsed.data.organisationIds.length) errors.organisationIds = 'Choose at least one organisation';
		}
		if (!parsed.ok || !opens.ok || !closes.ok || !template || Object.keys(errors).length) {
			return invalid(400, errors, values, { chosen, filter: picker.filter });
		}
		const order = template.definition.standards.map((s) => s.code);
		const cycle = await createCycle(db(), auditContext(event), {
			partnershipId: partnership.id,
			templateId: template.id,
			title: parsed.data.title,
			standardCodes: order.filter((c) => parsed.data.standardCodes.includes(c)),
			opensOn: opens.date,
			closesOn: closes.date,
			organisationIds: parsed.data.organisationIds
		});
		redirect(303, `/partnerships/${partnership.id}/cycles/${cycle.id}?created`);
	}
};
