import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser, found } from '$lib/server/access';
import { parseForm } from '$lib/domain/forms';
import { changePasswordSchema, nameSchema } from '$lib/domain/auth';
import { changePassword, renameUser } from '$lib/server/auth/account';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { getUserById } from '$lib/server/users';
import { auditContext, clientAddress, isSecure, sessionSettings } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = found(await getUserById(db(), requireUser(locals, url).id));
	return {
		title: 'Your account',
		account: { name: user.name, email: user.email, version: user.version },
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	name: async (event) => {
		const user = requireUser(event.locals, event.url);
		const parsed = parseForm(nameSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, { ...parsed.values, form: 'name' });
		const outcome = await renameUser(db(), auditContext(event), user.id, parsed.data.name, parsed.data.version);
		if (outcome === 'stale') {
			const current = found(await getUserById(db(), user.id));
			return invalid(
				409,
				{ name: `Your name was changed elsewhere to “${current.name}” while you were editing. Check it and save again.` },
				{ name: parsed.data.name, form: 'name', version: current.version }
			);
		}
		redirect(303, '/account?saved=name');
	},
	password: async (event) => {
		const user = requireUser(event.locals, event.url);
		const parsed = parseForm(changePasswordSchema, await event.request.formData(), {
			omitFromValues: ['currentPassword', 'password', 'confirmPassword']
		});
		if (!parsed.ok) return invalid(400, parsed.errors, { form: 'password' });
		const result = await changePassword(
			db(),
			auditContext(event),
			user.id,
			parsed.data,
			{ ip: clientAddress(event), userAgent: event.request.headers.get('user-agent') ?? '' },
			sessionSettings()
		);
		if (!result.ok) return invalid(400, { [result.field]: result.message }, { form: 'password' });
		setSessionCookie(event.cookies, result.token, result.session, isSecure(event.url));
		redirect(303, '/account?saved=password');
	}
};
