import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config.js';

describe('loadConfig', () => {
	it('fills defaults for an empty environment, deriving ORIGIN from PORT', () => {
		const result = loadConfig({});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.config).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', UPLOAD_MAX_MB: 20, SEED_DEMO: false, origin: 'http://localhost:3000' });
		expect(result.config.DATABASE_URL).toBeUndefined();
	});

	it('treats empty strings as unset, as env files produce them', () => {
		const result = loadConfig({ PORT: '', DATABASE_URL: '', SEED_DEMO: '' });
		expect(result.ok && result.config.PORT).toBe(3000);
	});

	it('keeps an explicit ORIGIN and coerces numbers and flags', () => {
		const result = loadConfig({ PORT: '8080', ORIGIN: 'https://portal.example.org', SEED_DEMO: 'yes', UPLOAD_MAX_MB: '50' });
		expect(result.ok && result.config).toMatchObject({ PORT: 8080, origin: 'https://portal.example.org', SEED_DEMO: true, UPLOAD_MAX_MB: 50 });
	});

	it.each([
		[{ PORT: '3000.5' }, 'Configuration error: PORT must be a whole number from 1 to 65535 (got "3000.5")'],
		[{ ORIGIN: 'https://portal.example.org/' }, 'Configuration error: ORIGIN must be the public address without a path, e.g. https://portal.example.org (got "https://portal.example.org/")'],
		[{ SESSION_IDLE_MINUTES: '1' }, 'Configuration error: SESSION_IDLE_MINUTES must be a whole number from 5 to 1440 (got "1")'],
		[{ SMTP_URL: 'mail.example.org:25' }, 'Configuration error: SMTP_URL must be an smtp:// or smtps:// URL'],
		[{ DATABASE_URL: 'postgres ://user:pw@host/db' }, 'Configuration error: DATABASE_URL must be a postgres:// connection URL']
	])('%o gives one line naming the variable', (env, message) => {
		expect(loadConfig(env)).toEqual({ ok: false, message });
	});

	it('never echoes a value that may hold credentials', () => {
		const result = loadConfig({ SMTP_URL: 'http://user:hunter2@mail' });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).not.toContain('hunter2');
	});
});
