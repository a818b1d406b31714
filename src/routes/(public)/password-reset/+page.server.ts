import { invalid } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/domain/forms';
import { resetRequestSchema } from '$lib/domain/auth';
import { requestPasswordReset } from '$lib/server/auth/password-resets';
import { RESET_POLICY, firstBlocked, recordFailure, retryMessage } from '$lib/server/auth/throttle';
import { auditContext, clientAddress } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';

const NOT_SENT = { sent: false as const };

export const load: PageServerLoad = async () => ({ title: 'Reset your password' });

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(resetRequestSchema, await event.request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values, NOT_SENT);
		const { email } = parsed.data;
		// Every request sends mail, so each one counts, not only failures.
		const keys = [`reset:account:${email}`, `reset:ip:${clientAddress(event)}`];
		const throttle = await firstBlocked(db(), keys, RESET_POLICY);
		if (throttle.blocked) {
			event.setHeaders({ 'retry-after': String(throttle.retryAfterSeconds) });
			return invalid(429, { email: retryMessage(throttle.retryAfterSeconds) }, { email }, NOT_SENT);
		}
		await recordFailure(db(), keys);
		await requestPasswordReset(db(), auditContext(event), email, config().origin);
		return { sent: true, email };
	}
};
