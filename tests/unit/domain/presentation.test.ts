import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRecent, formatTime, formatTimeOnDate } from '../../../src/lib/domain/dates';
import { describeUserAgent } from '../../../src/lib/domain/user-agent';
import { roleLabel, signatoryCapacitiesFor } from '../../../src/lib/domain/roles';

describe('dates in UK time, GOV.UK style', () => {
	it('writes calendar dates without shifting them', () => {
		expect(formatDate('2026-03-29')).toBe('29 March 2026');
		expect(formatDate('2026-10-25')).toBe('25 October 2026');
	});

	it('writes instants in London time, across the clock change', () => {
		expect(formatDateTime(new Date('2026-07-01T13:05:00Z'))).toBe('1 July 2026, 2:05pm');
		expect(formatDateTime(new Date('2026-12-01T13:05:00Z'))).toBe('1 December 2026, 1:05pm');
	});

	it('writes the hour after midday and after midnight as 12, not 0', () => {
		expect(formatDateTime(new Date('2026-12-01T12:05:00Z'))).toBe('1 December 2026, 12:05pm');
		expect(formatDateTime(new Date('2026-12-01T00:05:00Z'))).toBe('1 December 2026, 12:05am');
		expect(formatTime('2026-07-01T11:30:00Z')).toBe('12:30pm');
		expect(formatTime('2026-12-01T09:00:00Z')).toBe('9:00am');
	});

	it('writes a moment for a sentence, with the UK date it falls on', () => {
		expect(formatTimeOnDate(new Date('2027-06-01T14:05:00Z'))).toBe('3:05pm on 1 June 2027');
		// 11:30pm GMT is already the next day in British Summer Time.
		expect(formatTimeOnDate(new Date('2027-06-01T23:30:00Z'))).toBe('12:30am on 2 June 2027');
	});

	it('writes a moment from today as its time, and one from another UK day with its date', () => {
		const now = new Date('2026-07-01T22:30:00Z'); // 11:30pm on 1 July in London
		expect(formatRecent('2026-07-01T09:32:00Z', now)).toBe('10:32am');
		expect(formatRecent('2026-06-30T22:59:00Z', now)).toBe('30 June 2026, 11:59pm');
		// 11:10pm UTC on 1 July is already 2 July in London.
		expect(formatRecent('2026-07-01T23:10:00Z', new Date('2026-07-02T08:00:00Z'))).toBe('12:10am');
	});
});

describe('labels', () => {
	it('describes devices and roles in words', () => {
		expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36')).toBe('Chrome on Windows');
		expect(describeUserAgent('')).toBe('Unknown device');
		expect(roleLabel('signatory', 'headteacher')).toBe('Signatory (headteacher)');
		expect(roleLabel('business_unit')).toBe('Business unit');
	});
});

describe('capacities a signatory is invited in', () => {
	it('follow the kind of organisation', () => {
		expect(signatoryCapacitiesFor('school', [])).toEqual(['headteacher', 'governor']);
		expect(signatoryCapacitiesFor('agency', [])).toEqual(['executive_lead']);
		expect(signatoryCapacitiesFor('other', [])).toEqual(['executive_lead']);
	});

	it('add those a template the organisation answers signs off in, in the usual order', () => {
		expect(signatoryCapacitiesFor('school', ['executive_lead'])).toEqual(['headteacher', 'governor', 'executive_lead']);
		expect(signatoryCapacitiesFor('agency', ['governor', 'executive_lead'])).toEqual(['governor', 'executive_lead']);
	});
});
