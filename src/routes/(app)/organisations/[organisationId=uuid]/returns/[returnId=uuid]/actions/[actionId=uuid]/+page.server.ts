import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { found, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { addAction, deleteAction, getAction, updateAction, type StoredAction } from '$lib/server/actions';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { readActionForm } from '$lib/domain/actions';
import { rowVersion } from '$lib/domain/row-version';
import { allRequirements } from '$lib/domain/template';

const valuesOf = (a: StoredAction): Record<string, string> => ({
	description: a.description,
	owner: a.owner,
	dueOn: a.dueOn ?? '',
	status: a.status,
	progress: a.progress,
	version: String(a.version)
});

async function load_(event: { locals: App.Locals; url: URL; params: { organisationId: string; returnId: string; actionId: string } }) {
	const user = requireUser(event.locals, event.url);
	const { organisation, ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:edit');
	const action = found(await getAction(db(), ret.id, event.params.actionId));
	const requirement = allRequirements(ret.template.definition).find((r) => r.code === action.requirementCode);
	return { organisation, ret, action, requirement };
}

export const load: PageServerLoad = async (event) => {
	const { organisation, ret, action, requirement } = await load_(event);
	return {
		title: `Change action for ${action.requirementCode}`,
		base: `/organisations/${ret.organisationId}/returns/${ret.id}`,
		kind: organisation.kind,
		requirement: { code: action.requirementCode, text: requirement?.text ?? '', standardCode: requirement?.standardCode ?? null },
		values: valuesOf(action)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:edit');
		const form = await event.request.formData();
		const values = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));
		const parsed = readActionForm(form);
		if (!parsed.ok) return invalid(400, parsed.errors, values, { theirs: null as Record<string, string> | null });
		const version = rowVersion.safeParse(form.get('version'));
		if (!version.success) return invalid(400, { _form: version.error.issues[0].message }, values, { theirs: null as Record<string, string> | null });
		const result = await updateAction(db(), auditContext(event), ret, event.params.actionId, parsed.data, version.data);
		if (!result.ok && !result.current) {
			// Deleted by someone else while this person was editing it: their work becomes a new action rather than being lost.
			const code = allRequirements(ret.template.definition).find((r) => r.code === form.get('requirementCode'))?.code;
			await addAction(db(), auditContext(event), ret, found(code), parsed.data);
			redirect(303, `/organisations/${ret.organisationId}/returns/${ret.id}/actions?done=restored`);
		}
		if (!result.ok) {
			const current = result.current!;
			return invalid(
				409,
				{ _form: 'Someone else changed this action while you were editing. Their version is shown below; yours is in the form. Save again to replace theirs.' },
				{ ...values, version: String(current.version) },
				{ theirs: valuesOf(current) as Record<string, string> | null }
			);
		}
		redirect(303, `/organisations/${ret.organisationId}/returns/${ret.id}/actions?done=saved`);
	},
	delete: async (event) => {
		const { ret, action } = await load_(event);
		if ((await event.request.formData()).get('confirm') !== 'yes') {
			return invalid(400, { confirm: 'Tick the box to confirm you want to delete this action' }, valuesOf(action), { theirs: null as Record<string, string> | null });
		}
		await deleteAction(db(), auditContext(event), ret, action.id);
		redirect(303, `/organisations/${ret.organisationId}/returns/${ret.id}/actions?done=deleted`);
	}
};
