import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiFallback, contentDisposition, contentRange, encodeRfc5987, parseRange } from '../../../src/lib/domain/downloads';

describe('contentDisposition', () => {
	it('gives a plain ASCII name as it is, quoted', () => {
		expect(contentDisposition('Safeguarding policy 2024.pdf')).toBe('attachment; filename="Safeguarding policy 2024.pdf"');
	});

	it('adds the UTF-8 form for names that are not plain ASCII, with an ASCII fallback', () => {
		expect(contentDisposition('Política de protección.pdf')).toBe(
			`attachment; filename="Politica de proteccion.pdf"; filename*=UTF-8''Pol%C3%ADtica%20de%20protecci%C3%B3n.pdf`
		);
		expect(contentDisposition('سياسة.pdf', 'inline')).toBe(`inline; filename="_____.pdf"; filename*=UTF-8''%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9.pdf`);
	});

	it('never lets a quote, backslash or line break out of the quoted name', () => {
		const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=1.pdf');
		expect(header).not.toMatch(/[\r\n]/);
		expect(header.split('"')).toHaveLength(3);
		expect(header).toContain(`filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1.pdf`);
	});

	it('percent-encodes what RFC 5987 does not allow bare, including the characters encodeURIComponent leaves', () => {
		expect(encodeRfc5987("it's (final)*.pdf")).toBe('it%27s%20%28final%29%2A.pdf');
		expect(encodeRfc5987('a😀')).toBe('a%F0%9F%98%80');
	});

	it('round-trips any name through the UTF-8 form, and keeps the fallback plain ASCII', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (name) => {
				const header = contentDisposition(name);
				expect(header).toMatch(/^[\x20-\x7e]+$/);
				const encoded = /filename\*=UTF-8''(.*)$/.exec(header)?.[1];
				expect(encoded === undefined ? asciiFallback(name) : decodeURIComponent(encoded)).toBe(name);
			})
		);
	});
});

describe('parseRange', () => {
	const size = 1000;
	it('reads the three single-range forms', () => {
		expect(parseRange('bytes=0-99', size)).toEqual({ kind: 'part', start: 0, end: 99 });
		expect(parseRange('bytes=900-', size)).toEqual({ kind: 'part', start: 900, end: 999 });
		expect(parseRange('bytes=-100', size)).toEqual({ kind: 'part', start: 900, end: 999 });
	});

	it('clips a range that runs past the end, and a suffix longer than the file', () => {
		expect(parseRange('bytes=990-5000', size)).toEqual({ kind: 'part', start: 990, end: 999 });
		expect(parseRange('bytes=-5000', size)).toEqual({ kind: 'part', start: 0, end: 999 });
	});

	it('finds a range starting past the end unsatisfiable, and an empty suffix', () => {
		expect(parseRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRange('bytes=2000-3000', size)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
	});

	it('answers several ranges with the whole file, and says so', () => {
		expect(parseRange('bytes=0-9, 20-29', size)).toEqual({ kind: 'whole', several: true });
	});

	it('ignores what does not parse, or another unit', () => {
		for (const header of [null, '', 'bytes=', 'bytes=-', 'bytes=a-b', 'bytes=50-10', 'items=0-9', 'bytes=1.5-2'])
			expect(parseRange(header, size)).toEqual({ kind: 'whole', several: false });
	});

	it('always gives offsets inside the file', () => {
		fc.assert(
			fc.property(fc.nat(10_000), fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000)), fc.integer({ min: 1, max: 10_000 }), (_, a, b, n) => {
				const r = parseRange(`bytes=${a ?? ''}-${b ?? ''}`, n);
				if (r.kind === 'part') {
					expect(r.start).toBeGreaterThanOrEqual(0);
					expect(r.end).toBeLessThan(n);
					expect(r.start).toBeLessThanOrEqual(r.end);
				}
			})
		);
	});

	it('writes Content-Range for a part and for a 416', () => {
		expect(contentRange(1000, { start: 0, end: 99 })).toBe('bytes 0-99/1000');
		expect(contentRange(1000)).toBe('bytes */1000');
	});
});
