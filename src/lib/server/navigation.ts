import { partnershipsWith } from './access';
import type { SessionUser } from './users';

export interface NavigationItem {
	href: string;
	label: string;
}

/** The service navigation: the same few entries for everyone, the challenge log for partnership roles who read it, and admin for system admins. */
export function navigationFor(user: SessionUser): NavigationItem[] {
	const items: NavigationItem[] = [{ href: '/home', label: 'Home' }];
	const logs = partnershipsWith(user, 'challenge:read');
	for (const id of logs) {
		const name = user.partnershipRoles.find((r) => r.partnershipId === id)?.partnershipName ?? '';
		items.push({ href: `/partnerships/${id}/challenges`, label: logs.length > 1 ? `Challenge log (${name})` : 'Challenge log' });
	}
	if (user.systemAdmin) items.push({ href: '/admin', label: 'Administration' });
	items.push({ href: '/account', label: 'Your account' });
	return items;
}
