// The answer while the database cannot be reached: 503 with Retry-After, as a
// plain page a person can read (no database, no layout, no script), or as JSON
// for the portal's own scripts (an autosave, a form sent with JavaScript, a
// client-side navigation), which keep what was typed and try again.
import type { RequestEvent } from '@sveltejs/kit';
import { applySecurityHeaders } from './http-headers.js';
import { isSecure } from './request';

export const RETRY_AFTER_SECONDS = 30;
export const UNAVAILABLE_MESSAGE = 'Sorry, the service is unavailable. Try again in a few minutes.';

const PAGE = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sorry, the service is unavailable – Safeguarding self-assessment</title></head>
<body style="font-family: arial, sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #0b0c0c">
<main>
<h1>Sorry, the service is unavailable</h1>
<p>The portal cannot reach its database just now. Try again in a few minutes.</p>
<p>Everything you saved before is kept. If you were typing an answer, it is kept in this browser until it can be saved.</p>
</main>
</body>
</html>
`;

const wantsPage = (event: RequestEvent) =>
	!event.request.headers.has('x-sveltekit-action') && !event.url.pathname.endsWith('/__data.json') && (event.request.headers.get('accept') ?? '').includes('text/html');

export function unavailableResponse(event: RequestEvent): Response {
	const page = wantsPage(event);
	const body = page
		? PAGE
		: JSON.stringify(event.request.headers.has('x-sveltekit-action') ? { type: 'error', status: 503, error: { message: UNAVAILABLE_MESSAGE } } : { message: UNAVAILABLE_MESSAGE });
	const headers = new Headers({
		'Content-Type': page ? 'text/html; charset=utf-8' : 'application/json',
		'Cache-Control': 'no-store',
		'Retry-After': String(RETRY_AFTER_SECONDS),
		// The page's one style attribute; nothing else may load.
		'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	});
	applySecurityHeaders((name, value) => headers.set(name, value), isSecure(event.url));
	return new Response(body, { status: 503, headers });
}
