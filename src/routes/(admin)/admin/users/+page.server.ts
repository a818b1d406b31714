import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/admin-guard';
import { searchUsers, setAccountDisabled } from '$lib/server/admin';
import { getUserById } from '$lib/server/users';
import { queryText, uuid } from '$lib/domain/text';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	const search = queryText(url.searchParams, 'q');
	return { title: 'Accounts', search, users: await searchUsers(db(), search), changed: url.searchParams.get('changed') };
};

async function toggle(event: Parameters<Actions[string]>[0], disabled: boolean) {
	const admin = requireAdmin(event.locals, event.url);
	const id = uuid.safeParse((await event.request.formData()).get('userId'));
	if (!id.success) return invalid(400, { _form: 'Choose an account' });
	if (id.data === admin.id) return invalid(400, { _form: 'You cannot disable your own account' });
	const user = await getUserById(db(), id.data);
	if (!user) return invalid(404, { _form: 'That account no longer exists' });
	await setAccountDisabled(db(), auditContext(event), user.id, disabled);
	redirect(303, `/admin/users?changed=${encodeURIComponent(`${user.email} ${disabled ? 'disabled' : 'enabled'}`)}`);
}

export const actions: Actions = {
	disable: (event) => toggle(event, true),
	enable: (event) => toggle(event, false)
};
