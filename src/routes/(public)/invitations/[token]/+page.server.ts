import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/domain/forms';
import { acceptInvitationSchema } from '$lib/domain/auth';
import { ROLE_LABELS } from '$lib/domain/roles';
import { acceptInvitation, lookupInvitation } from '$lib/server/auth/invitations';
import { passwordProblem } from '$lib/server/auth/passwords';
import { createSession, setSessionCookie } from '$lib/server/auth/sessions';
import { auditContext, clientAddress, isSecure, sessionSettings } from '$lib/server/request';
import { db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ params, locals }) => {
	const lookup = await lookupInvitation(db(), params.token);
	const base = { title: 'Accept your invitation' };
	if (lookup.status === 'invalid') return { ...base, state: 'invalid' as const };
	const inv = lookup.invitation;
	const summary = {
		email: inv.email,
		name: inv.name,
		where: inv.organisationName ?? inv.partnershipName ?? '',
		role: ROLE_LABELS[inv.role],
		invitedBy: inv.invitedByName
	};
	if (lookup.status !== 'pending') return { ...base, state: lookup.status, invitation: summary };
	if (!lookup.existingAccount) return { ...base, state: 'new_account' as const, invitation: summary };
	const signedInAs = locals.user?.email ?? null;
	return {
		...base,
		state: signedInAs === inv.email ? ('confirm' as const) : ('sign_in' as const),
		signedInAs,
		invitation: summary
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { params, locals, cookies, url, request } = event;
		const form = await request.formData();
		const lookup = await lookupInvitation(db(), params.token);
		if (lookup.status !== 'pending') redirect(303, url.pathname);
		let as: Parameters<typeof acceptInvitation>[3];
		if (lookup.existingAccount) {
			as = { signedInUserId: locals.user?.id ?? null };
		} else {
			const parsed = parseForm(acceptInvitationSchema, form, { omitFromValues: ['password', 'confirmPassword'] });
			if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
			const problem = passwordProblem(parsed.data.password, lookup.invitation.email);
			if (problem) return invalid(400, { password: problem }, { name: parsed.data.name });
			as = { newAccount: { name: parsed.data.name, password: parsed.data.password } };
		}
		const result = await acceptInvitation(db(), auditContext(event), params.token, as);
		if (!result.ok) {
			if (result.reason === 'sign_in_required' || result.reason === 'wrong_account') redirect(303, url.pathname);
			return invalid(409, { _form: 'This invitation can no longer be accepted.' }, {});
		}
		if (!locals.user) {
			const { token, session } = await createSession(
				db(),
				result.userId,
				{ ip: clientAddress(event), userAgent: request.headers.get('user-agent') ?? '' },
				sessionSettings()
			);
			setSessionCookie(cookies, token, session, isSecure(url));
		}
		const target = result.invitation.organisationId
			? `/organisations/${result.invitation.organisationId}`
			: `/partnerships/${result.invitation.partnershipId}`;
		redirect(303, `${target}?welcome`);
	}
};
