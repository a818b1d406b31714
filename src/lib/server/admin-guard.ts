import { requireAccess, requireUser } from './access';
import type { SessionUser } from './users';

/** The signed-in system admin, or a 404 for everyone else. */
export function requireAdmin(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	requireAccess(user, 'admin:manage', { installation: true });
	return user;
}
