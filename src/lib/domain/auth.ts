import { z } from 'zod';
import { emailAddress, requiredText } from './text';
import { rowVersion } from './row-version';

export const signInSchema = z.object({
	email: emailAddress,
	password: z.string({ error: 'Enter your password' }).min(1, { error: 'Enter your password' })
});

/** New password and its confirmation; the server adds the block-list check. */
export const newPasswordSchema = z
	.object({
		password: z
			.string({ error: 'Enter a password' })
			.min(1, { error: 'Enter a password' })
			.min(12, { error: 'Password must be 12 characters or more' })
			.max(256, { error: 'Password must be 256 characters or fewer' }),
		confirmPassword: z.string({ error: 'Confirm your password' }).min(1, { error: 'Confirm your password' })
	})
	.refine((v) => v.password === v.confirmPassword, {
		path: ['confirmPassword'],
		error: 'The passwords do not match'
	});

export const acceptInvitationSchema = z
	.object({ name: requiredText('Enter your full name', 120) })
	.and(newPasswordSchema);

export const changePasswordSchema = z
	.object({
		currentPassword: z.string({ error: 'Enter your current password' }).min(1, { error: 'Enter your current password' })
	})
	.and(newPasswordSchema);

export const resetRequestSchema = z.object({ email: emailAddress });

export const nameSchema = z.object({
	name: requiredText('Enter your full name', 120),
	version: rowVersion
});

/**
 * A `?next=` value made safe to redirect to: a path on this site only, never
 * another origin (`//evil`, `/\evil`, `https://…`) and never a control character.
 */
export function safeNext(value: string | null | undefined, fallback = '/home'): string {
	if (!value || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
	try {
		const base = 'https://portal.invalid';
		const url = new URL(value, base);
		if (url.origin !== base) return fallback;
		const path = url.pathname + url.search + url.hash;
		// Normalising can itself make '//host' (from '/.//host'): check the result too.
		return path.startsWith('//') || path.startsWith('/\\') ? fallback : path;
	} catch {
		return fallback;
	}
}
