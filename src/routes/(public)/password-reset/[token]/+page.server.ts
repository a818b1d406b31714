import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/domain/forms';
import { newPasswordSchema } from '$lib/domain/auth';
import { completePasswordReset, lookupPasswordReset } from '$lib/server/auth/password-resets';
import { passwordProblem } from '$lib/server/auth/passwords';
import { deleteSessionCookie } from '$lib/server/auth/sessions';
import { auditContext, isSecure } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ params }) => {
	const lookup = await lookupPasswordReset(db(), params.token);
	return { title: 'Choose a new password', valid: lookup.ok, email: lookup.ok ? lookup.email : null };
};

export const actions: Actions = {
	default: async (event) => {
		const lookup = await lookupPasswordReset(db(), event.params.token);
		if (!lookup.ok) redirect(303, event.url.pathname);
		const parsed = parseForm(newPasswordSchema, await event.request.formData(), {
			omitFromValues: ['password', 'confirmPassword']
		});
		if (!parsed.ok) return invalid(400, parsed.errors);
		const problem = passwordProblem(parsed.data.password, lookup.email);
		if (problem) return invalid(400, { password: problem });
		const done = await completePasswordReset(db(), auditContext(event), event.params.token, parsed.data.password);
		if (!done.ok) redirect(303, event.url.pathname);
		deleteSessionCookie(event.cookies, isSecure(event.url));
		redirect(303, '/sign-in?reset');
	}
};
