// Plain JavaScript: server.js applies these to every response, static files
// included, and the hooks apply them to SvelteKit's own responses (and in dev).
// The CSP is not here: SvelteKit sets it (kit.csp) so it can carry a nonce.

/** Headers every response carries. */
export const SECURITY_HEADERS = Object.freeze({
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'same-origin',
	'Permissions-Policy':
		'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin'
});

/** Sent only over https: browsers ignore it on http, and it must not pin a dev host. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * @param {(name: string, value: string) => void} set
 * @param {boolean} https
 */
export function applySecurityHeaders(set, https) {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) set(name, value);
	if (https) set('Strict-Transport-Security', HSTS);
}
