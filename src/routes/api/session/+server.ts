import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { extendSession } from '$lib/server/auth/sessions';
import { isSameOrigin, sessionSettings } from '$lib/server/request';
import { db } from '$lib/server/runtime';

/** "Stay signed in" from the timeout warning: slides the session and says when it now ends. */
export const POST: RequestHandler = async (event) => {
	if (!isSameOrigin(event)) return json({ error: 'Cross-site request refused' }, { status: 403 });
	const session = event.locals.session;
	if (!session) return json({ error: 'Not signed in' }, { status: 401 });
	const extended = await extendSession(db(), session, sessionSettings());
	return json({ expiresAt: extended.expiresAt.toISOString(), serverNow: new Date().toISOString() });
};
