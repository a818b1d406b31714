// The operator's commands: migrate and create the first system admin.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/paths';
import { scratchFrom, type Scratch } from '../../helpers/test-db';
import { getUserByEmail } from '../../../src/lib/server/users';
import { verifyPassword } from '../../../src/lib/server/auth/passwords';

let scratch: Scratch;
beforeAll(async () => {
	scratch = await scratchFrom('empty');
});
afterAll(() => scratch.drop());

const run = (script: string, args: string[], env: Record<string, string> = {}) =>
	spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...scratch.env, ...env },
		encoding: 'utf8'
	});

describe('npm run migrate', () => {
	it('reports an up-to-date database as such', () => {
		const result = run('migrate.ts', []);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('The database is up to date.');
	});
});

describe('npm run admin -- create-admin', () => {
	it('creates a system admin with the given password', async () => {
		const result = run('admin.ts', ['create-admin', '--email', 'First.Admin@Example.org', '--name', 'First Admin'], { ADMIN_PASSWORD: 'a long admin passphrase' });
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain('first.admin@example.org is a system admin');
		const db = await scratch.open();
		try {
			const user = await getUserByEmail(db, 'first.admin@example.org');
			expect(user?.systemAdmin).toBe(true);
			expect(await verifyPassword(user!.passwordHash!, 'a long admin passphrase')).toBe(true);
		} finally {
			await db.close();
		}
	});

	it.each([
		[['create-admin', '--email', 'not-an-email', '--name', 'X'], { ADMIN_PASSWORD: 'a long admin passphrase' }, /Enter an email address in the correct format/],
		[['create-admin', '--email', 'x@example.org', '--name', 'X'], { ADMIN_PASSWORD: 'short' }, /Password must be 12 characters or more/],
		[['create-admin', '--email', 'x@example.org'], { ADMIN_PASSWORD: 'a long admin passphrase' }, /Give the admin's full name/],
		[['make-me-admin'], {}, /^Usage: npm run admin/]
	])('refuses %o with one clear line', (args, env, message) => {
		const result = run('admin.ts', args, env);
		expect(result.status).toBe(1);
		expect(result.stderr.trim()).toMatch(message);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});
});
