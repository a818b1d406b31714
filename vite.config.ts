import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	css: {
		preprocessorOptions: {
			scss: { loadPaths: ['node_modules'], quietDeps: true }
		},
		// govuk-frontend's service navigation ships an IE-only media query hack that
		// lightningcss rejects; recovering drops just that rule.
		lightningcss: { errorRecovery: true }
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					// Property tests run a thousand cases: on a shared, busy machine 5 s is not enough.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/integration/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					pool: 'forks'
				}
			}
		]
	}
});
