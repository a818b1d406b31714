import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/sessions';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext, isSecure } from '$lib/server/request';
import { db } from '$lib/server/runtime';

// POST only (a form button), so a link or an image cannot sign anyone out.
export const POST: RequestHandler = async (event) => {
	const { locals, cookies, url } = event;
	if (locals.session) {
		await invalidateSession(db(), locals.session.id);
		await recordAudit(db(), auditContext(event), {
			action: 'auth.sign_out',
			subjectType: 'user',
			subjectId: locals.session.userId
		});
	}
	deleteSessionCookie(cookies, isSecure(url));
	redirect(303, '/sign-in?signed-out');
};
