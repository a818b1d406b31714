import type { SessionUser } from './users';

export interface NavigationItem {
	href: string;
	label: string;
}

/** The service navigation: the same few entries for everyone, plus admin for system admins. */
export function navigationFor(user: SessionUser): NavigationItem[] {
	const items: NavigationItem[] = [{ href: '/home', label: 'Home' }];
	if (user.systemAdmin) items.push({ href: '/admin', label: 'Administration' });
	items.push({ href: '/account', label: 'Your account' });
	return items;
}
