import { describe, expect, it } from 'vitest';
import { blockersHeading, capacitiesToSign, capacityWords, thingsToFinish } from '../../../src/lib/domain/sign-off';
import { listWords } from '../../../src/lib/domain/text';

describe('what is left to sign', () => {
	it('is every capacity the template asks for without a signature of the return as it stands', () => {
		expect(capacitiesToSign(['headteacher', 'governor'], [])).toEqual(['headteacher', 'governor']);
		expect(capacitiesToSign(['headteacher', 'governor'], [{ capacity: 'headteacher', stale: false }])).toEqual(['governor']);
		expect(capacitiesToSign(['headteacher', 'governor'], [{ capacity: 'headteacher', stale: true }, { capacity: 'governor', stale: false }])).toEqual(['headteacher']);
		// A signature in a capacity the template does not ask for counts for nothing.
		expect(capacitiesToSign(['executive_lead'], [{ capacity: 'governor', stale: false }])).toEqual(['executive_lead']);
	});

	it('names capacities as a sentence does', () => {
		expect(capacityWords('headteacher')).toBe('headteacher or principal');
		expect(capacityWords('executive_lead')).toBe('executive lead for safeguarding');
	});
});

describe('the words for what blocks a submission', () => {
	it.each([
		[1, '1 thing to finish'],
		[2, '2 things to finish'],
		[0, '0 things to finish']
	])('%i: %s', (n, words) => expect(thingsToFinish(n)).toBe(words));

	it('names the cycle and its partnership', () => {
		expect(blockersHeading(1, { title: 'Section 11 audit 2026-27', partnershipName: 'Northmere Safeguarding Children Partnership' })).toBe(
			'1 thing to finish before you can submit to Section 11 audit 2026-27 for Northmere Safeguarding Children Partnership'
		);
	});

	it('lists names as a sentence does', () => {
		expect([listWords([]), listWords(['A']), listWords(['A', 'B']), listWords(['A', 'B', 'C'])]).toEqual(['', 'A', 'A and B', 'A, B and C']);
	});
});
