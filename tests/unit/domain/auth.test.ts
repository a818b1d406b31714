import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../src/lib/domain/auth';

describe('safeNext (the one sanitiser for ?next=)', () => {
	it.each([
		['/home', '/home'],
		['/partnerships/abc?tab=users#x', '/partnerships/abc?tab=users#x'],
		['/a/../b', '/b']
	])('keeps the same-site path %s', (input, out) => {
		expect(safeNext(input)).toBe(out);
	});

	it.each([
		null,
		'',
		'home',
		'//evil.example',
		'/\\evil.example',
		'\\\\evil.example',
		'https://evil.example/home',
		'javascript:alert(1)',
		'/\t/evil.example',
		'/home\r\nSet-Cookie: x=1',
		'/.//evil.example',
		'/./\\evil.example',
		`/${'a'.repeat(3000)}`
	])('refuses %s', (input) => {
		expect(safeNext(input)).toBe('/home');
	});

	it('never produces anything but a path on this site, whatever it is given', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webPath(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `//${s}`)), (input) => {
				const out = safeNext(input);
				expect(out.startsWith('/')).toBe(true);
				expect(out.startsWith('//')).toBe(false);
				expect(out).not.toMatch(/[\\\u0000-\u001f]/);
				expect(new URL(out, 'https://portal.invalid').origin).toBe('https://portal.invalid');
			}),
			{ numRuns: 2000 }
		);
	});
});
