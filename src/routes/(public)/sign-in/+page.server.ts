import { redirect } from '@sveltejs/kit';
import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/domain/forms';
import { safeNext, signInSchema } from '$lib/domain/auth';
import { signIn } from '$lib/server/auth/sign-in';
import { retryMessage } from '$lib/server/auth/throttle';
import { isSecure, auditContext, clientAddress, sessionSettings } from '$lib/server/request';
import { setSessionCookie } from '$lib/server/auth/sessions';
import { deviceCookieName, deviceCookieOptions } from '$lib/server/auth/device-cookies';
import { config, db } from '$lib/server/runtime';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		title: 'Sign in',
		signedOut: url.searchParams.has('signed-out'),
		passwordReset: url.searchParams.has('reset'),
		expired: url.searchParams.has('expired')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = parseForm(signInSchema, form, { omitFromValues: ['password'] });
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		const secure = isSecure(event.url);
		const result = await signIn(
			db(),
			auditContext(event),
			parsed.data,
			{ ip: clientAddress(event), userAgent: event.request.headers.get('user-agent') ?? '', deviceCookie: event.cookies.get(deviceCookieName(secure)) },
			{ ...sessionSettings(), perAddressLimit: config().THROTTLE_PER_ADDRESS }
		);
		const values = { email: parsed.data.email };
		if (!result.ok && result.reason === 'throttled') {
			event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return invalid(429, { email: retryMessage(result.retryAfterSeconds) }, values);
		}
		if (!result.ok) return invalid(400, { email: 'Email or password is incorrect' }, values);
		setSessionCookie(event.cookies, result.token, result.session, secure);
		event.cookies.set(deviceCookieName(secure), result.deviceCookie, deviceCookieOptions(secure));
		redirect(303, safeNext(event.url.searchParams.get('next')));
	}
};
