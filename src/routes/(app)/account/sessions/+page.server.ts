import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { endOwnSession, invalidateUserSessions, listSessions } from '$lib/server/auth/sessions';
import { recordAudit } from '$lib/server/audit-log';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { describeUserAgent } from '$lib/domain/user-agent';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const sessions = await listSessions(db(), user.id);
	return {
		title: 'Where you are signed in',
		ended: url.searchParams.get('ended'),
		sessions: sessions.map((s) => ({
			id: s.id,
			current: s.id === locals.session?.id,
			createdAt: s.createdAt.toISOString(),
			lastSeenAt: s.lastSeenAt.toISOString(),
			ip: s.ip,
			device: describeUserAgent(s.userAgent)
		}))
	};
};

export const actions: Actions = {
	end: async (event) => {
		const user = requireUser(event.locals, event.url);
		const id = String((await event.request.formData()).get('session') ?? '');
		if (!/^[0-9a-f]{64}$/.test(id)) return invalid(400, { _form: 'Choose a session to end' });
		if (!(await endOwnSession(db(), user.id, id))) return invalid(404, { _form: 'That session has already ended' });
		await recordAudit(db(), auditContext(event), { action: 'auth.session_end', subjectType: 'user', subjectId: user.id });
		if (id === event.locals.session?.id) redirect(303, '/sign-in?signed-out');
		redirect(303, '/account/sessions?ended=one');
	},
	others: async (event) => {
		const user = requireUser(event.locals, event.url);
		const ended = await invalidateUserSessions(db(), user.id, event.locals.session?.id);
		await recordAudit(db(), auditContext(event), {
			action: 'auth.session_end',
			subjectType: 'user',
			subjectId: user.id,
			detail: { others: ended }
		});
		redirect(303, '/account/sessions?ended=others');
	}
};
