import { describe, expect, it } from 'vitest';
import { applyPicker, matchesFilter, readPicker } from '../../../src/lib/domain/participant-picker';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';
const options = [
	{ id: A, name: 'St Chad’s CofE Primary School' },
	{ id: B, name: 'Oakfield Primary School' },
	{ id: C, name: 'Mercia Vale Police' }
];
const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

describe('the participant picker', () => {
	it('matches names as people type them: any case, straight or curly apostrophes, extra spaces', () => {
		expect(matchesFilter('St Chad’s CofE Primary School', "st chad's")).toBe(true);
		expect(matchesFilter('Oakfield Primary School', '  PRIMARY   school ')).toBe(true);
		expect(matchesFilter('Mercia Vale Police', 'primary')).toBe(false);
		expect(matchesFilter('Mercia Vale Police', '')).toBe(true);
	});

	it('reads the ticked organisations (ids only, once each), the filter and the button pressed', () => {
		const picked = readPicker(form([['organisationIds', A], ['organisationIds', A], ['organisationIds', 'not-an-id'], ['participantFilter', 'prim\u0000ary'], ['intent', 'select_all']]));
		expect(picked).toEqual({ chosen: [A], filter: 'primary', intent: 'select_all' });
		expect(readPicker(form([['intent', 'start']])).intent).toBeNull();
	});

	it('"Select all" adds every organisation the filter shows and keeps those it hides', () => {
		expect(applyPicker(options, { chosen: [C], filter: 'primary', intent: 'select_all' })).toEqual([C, A, B]);
		expect(applyPicker(options, { chosen: [], filter: '', intent: 'select_all' })).toEqual([A, B, C]);
		expect(applyPicker(options, { chosen: [C], filter: 'primary', intent: 'filter' })).toEqual([C]);
	});
});
