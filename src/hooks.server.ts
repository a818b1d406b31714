import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { applySecurityHeaders } from '$lib/server/http-headers.js';
import { logger } from '$lib/server/log';
import { db, startRuntime } from '$lib/server/runtime';
import { deleteSessionCookie, sessionCookieName, validateSessionToken } from '$lib/server/auth/sessions';
import { isSecure, sessionSettings } from '$lib/server/request';
import { config } from '$lib/server/runtime';
import { capBody, streamsOwnBody } from '$lib/server/body-limit';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { UNAVAILABLE_MESSAGE, unavailableResponse } from '$lib/server/unavailable';

export const init: ServerInit = async () => {
	await startRuntime();
};

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Path for the log with secret route params (tokens) masked. */
function loggablePath(pathname: string, params: Partial<Record<string, string>>): string {
	const secret = params.token;
	return secret ? pathname.replace(secret, '[redacted]') : pathname;
}

const requestContext: Handle = async ({ event, resolve }) => {
	const incoming = event.request.headers.get('x-request-id');
	const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
	event.locals.requestId = requestId;
	event.locals.log = logger().child({ requestId });
	const started = performance.now();
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		// A hook (the session's look-up) could not reach the database.
		if (!isDatabaseUnavailable(e)) throw e;
		event.locals.databaseUnavailable = true;
		response = unavailableResponse(event);
	}
	// A page or action that could not reach the database: 503, try again, not a fault.
	if (event.locals.databaseUnavailable && response.status >= 500) response = unavailableResponse(event);
	response.headers.set('X-Request-Id', requestId);
	event.locals.log.info(
		{
			method: event.request.method,
			route: event.route.id,
			path: loggablePath(event.url.pathname, event.params),
			status: response.status,
			ms: Math.round(performance.now() - started),
			user: event.locals.user?.id
		},
		'request'
	);
	return response;
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	applySecurityHeaders((name, value) => response.headers.set(name, value), isSecure(event.url));
	// Nothing a signed-in person sees may be kept by a shared browser or proxy.
	// (An evidence file's own `private, no-store` is kept.)
	const kept = response.headers.get('Cache-Control')?.includes('no-store');
	if ((event.locals.user || event.route.id === '/healthz') && !kept) response.headers.set('Cache-Control', 'no-store');
	return response;
};

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const settings = sessionSettings();
	const secure = isSecure(event.url);
	const token = event.cookies.get(sessionCookieName(secure));
	if (token) {
		const valid = await validateSessionToken(db(), token, settings);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.session = valid.session;
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
	}
	return resolve(event);
};

/** Every body but a streamed evidence upload's is capped at UPLOAD_MAX_MB and a megabyte for the rest of the form. */
const bodyLimit: Handle = async ({ event, resolve }) => {
	const cap = (config().UPLOAD_MAX_MB + 1) * 1024 * 1024;
	const capped = Boolean(event.request.body) && !streamsOwnBody(event);
	if (capped) event.request = capBody(event.request, cap);
	const response = await resolve(event);
	// A refusal made before the body was read (no access, not found, not a form the action takes): read the
	// rest first, or Node resets the connection and the browser shows a network error instead of the answer.
	// A streamed upload's body is read only when it says it is within the cap.
	const length = Number(event.request.headers.get('content-length') ?? Number.NaN);
	if (event.request.body && !event.request.bodyUsed && (capped || length <= cap)) await event.request.arrayBuffer().catch(() => undefined);
	return response;
};

export const handle = sequence(requestContext, bodyLimit, securityHeaders, session);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const id = event.locals.requestId ?? randomUUID();
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		(event.locals.log ?? logger()).warn({ err: error, requestId: id }, 'database unavailable');
		return { message: UNAVAILABLE_MESSAGE, id };
	}
	if (status >= 500) (event.locals.log ?? logger()).error({ err: error, requestId: id }, 'unhandled error');
	return { message: status >= 500 ? 'Sorry, there is a problem with the service' : message, id };
};
