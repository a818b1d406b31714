import type { LayoutServerLoad } from './$types';
import { navigationFor } from '$lib/server/navigation';

// Layout data only shapes the page chrome; every page's own load checks access.
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	// Reading the path makes this load run on every navigation, so the session
	// expiry the timeout warning counts down from is always the server's own.
	const path = url.pathname;
	return {
		user: user ? { id: user.id, name: user.name, email: user.email } : null,
		navigation: user ? navigationFor(user) : [],
		session: locals.session
			? { expiresAt: locals.session.expiresAt.toISOString(), serverNow: new Date().toISOString(), path }
			: null
	};
};
