import adapter from '@sveltejs/adapter-node';

// SvelteKit's route announcer (#svelte-announcer, in @sveltejs/kit's
// src/core/sync/write_root.js) is hidden by an inline style attribute, which
// `style-src 'self'` blocks. 'unsafe-hashes' with the sha256 of exactly that
// attribute value allows it and no other inline style. A test recomputes the
// hash from the installed Kit, so an upgrade that changes the style is caught.
export const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// CSP lives here (not in a hook) so SvelteKit can add a nonce for its own
		// bootstrap script and send `frame-ancestors` in the response header.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-hashes', ANNOUNCER_STYLE_HASH],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		version: { pollInterval: 0 }
	}
};

export default config;
