// Request-level helpers shared by routes: who is acting, from where, and the
// session settings from configuration.
import type { RequestEvent } from '@sveltejs/kit';
import type { AuditContext } from './audit-log';
import type { SessionSettings } from './auth/sessions';
import { config } from './runtime';

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

export function auditContext(event: RequestEvent): AuditContext {
	return {
		actorId: event.locals.user?.id ?? null,
		actorEmail: event.locals.user?.email ?? null,
		ip: clientAddress(event),
		userAgent: event.request.headers.get('user-agent'),
		requestId: event.locals.requestId ?? null
	};
}

export function sessionSettings(): SessionSettings {
	const c = config();
	return { idleMinutes: c.SESSION_IDLE_MINUTES, absoluteHours: c.SESSION_ABSOLUTE_HOURS };
}

export const isSecure = (url: URL) => url.protocol === 'https:';

/**
 * SvelteKit's CSRF check covers form posts only: JSON endpoints that change
 * state call this. A browser always sends Origin on a cross-site POST; a
 * same-origin fetch sends it too, or Sec-Fetch-Site: same-origin.
 */
export function isSameOrigin(event: Pick<RequestEvent, 'request' | 'url'>): boolean {
	const origin = event.request.headers.get('origin');
	if (origin) return origin === event.url.origin;
	return event.request.headers.get('sec-fetch-site') === 'same-origin';
}

/** Whether mail is delivered (SMTP_URL is set) or only waits in the outbox: pages must not say it was emailed otherwise. */
export const mailIsDelivered = (): boolean => Boolean(config().SMTP_URL);

/** What a page says once an invitation is made. */
export function invitationNotice(email: string): string {
	return mailIsDelivered() ? `Invitation sent to ${email}` : `Invitation to ${email} made. No mail server is set up, so its email waits in the mail outbox`;
}
