import { describe, expect, it } from 'vitest';
import { rowVersion } from '../../../src/lib/domain/row-version';

describe('a row’s version as a form or request sends it back', () => {
	it.each([
		[0, 0],
		['0', 0],
		[' 7 ', 7],
		[2147483647, 2147483647],
		['2147483647', 2147483647]
	] as const)('%o reads as %o', (input, version) => {
		expect(rowVersion.parse(input)).toBe(version);
	});

	it.each([2147483648, 9007199254740991, -1, 1.5, '1.5', 'abc', '99999999999', '', null, undefined, '1e3', '0x10', true])(
		'%o is refused with a message',
		(input) => {
			expect(rowVersion.safeParse(input).error?.issues[0].message).toBe('Reload the page and try again');
		}
	);
});
