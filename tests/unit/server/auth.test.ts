import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, isTokenShaped } from '../../../src/lib/server/auth/tokens';
import { hashPassword, passwordProblem, verifyPassword } from '../../../src/lib/server/auth/passwords';

describe('tokens', () => {
	it('are 160 random bits as 32 base32 characters, and differ every time', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateToken));
		expect(tokens.size).toBe(200);
		for (const t of tokens) expect(isTokenShaped(t)).toBe(true);
	});

	it('are stored as their SHA-256 in hex, never as themselves', () => {
		const token = generateToken();
		const hash = hashToken(token);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain(token);
		expect(hashToken(token)).toBe(hash);
	});

	it.each(['', 'short', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 'abcdefghijklmnopqrstuvwxyz23456!', "' or 1=1 --"])('%s is not token-shaped', (v) => {
		expect(isTokenShaped(v)).toBe(false);
	});
});

describe('passwords', () => {
	it('hashes with argon2id and verifies', async () => {
		const hash = await hashPassword('correct horse battery staple');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});

	it.each([
		['short', 'Password must be 12 characters or more'],
		['qwertyuiop123', 'This password is too common and easy to guess: choose a different one'],
		['purple monkey dishwasher', null],
		['passwordpassword', 'This password is too common and easy to guess: choose a different one'],
		['PasswordPassword', 'This password is too common and easy to guess: choose a different one'],
		['aaaaaaaaaaaaaaaa', 'This password is too common and easy to guess: choose a different one'],
		['safeguarding123', 'This password is too common and easy to guess: choose a different one'],
		['x'.repeat(257), 'Password must be 256 characters or fewer'],
		['four unrelated words here', null]
	])('%s → %s', (password, problem) => {
		expect(passwordProblem(password)).toBe(problem);
	});

	it('refuses the account’s own email address or its local part', () => {
		expect(passwordProblem('jo.bloggs@example.org', 'jo.bloggs@example.org')).toBe('Password must not be your email address');
		expect(passwordProblem('jo.bloggs.nhs', 'JO.BLOGGS.NHS@example.org')).toBe('Password must not be your email address');
	});
});
