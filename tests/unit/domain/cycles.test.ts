import { describe, expect, it } from 'vitest';
import { countStates, cycleStatus, effectiveDeadline, inStateFilter, isLate, participantState, readDateInput, readStateFilter, ukToday } from '../../../src/lib/domain/cycles';

describe('cycle dates, in UK time', () => {
	it('today is the UK calendar date, across midnight and the clock change', () => {
		expect(ukToday(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
		expect(ukToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
	});

	it('a cycle is scheduled, open or closed', () => {
		expect(cycleStatus({ opensOn: '2026-12-01', closedAt: null }, '2026-11-30')).toBe('scheduled');
		expect(cycleStatus({ opensOn: '2026-12-01', closedAt: null }, '2026-12-01')).toBe('open');
		expect(cycleStatus({ opensOn: '2026-12-01', closedAt: new Date() }, '2026-12-10')).toBe('closed');
	});

	it('an extension moves the deadline later, never earlier', () => {
		expect(effectiveDeadline({ closesOn: '2027-01-31' }, '2027-02-14')).toBe('2027-02-14');
		expect(effectiveDeadline({ closesOn: '2027-01-31' }, '2027-01-01')).toBe('2027-01-31');
		expect(effectiveDeadline({ closesOn: '2027-01-31' }, null)).toBe('2027-01-31');
	});

	it('late means sent on a later UK day than the deadline: 11:30pm on the deadline day in summer is on time', () => {
		expect(isLate('2026-07-01', new Date('2026-07-01T22:30:00Z'))).toBe(false);
		expect(isLate('2026-07-01', new Date('2026-07-01T23:30:00Z'))).toBe(true);
	});

	it.each([
		[{ started: false, firstSubmission: null, deadline: '2027-01-31' }, '2026-12-01', 'not_started'],
		[{ started: true, firstSubmission: null, deadline: '2027-01-31' }, '2026-12-01', 'in_progress'],
		[{ started: true, firstSubmission: null, deadline: '2027-01-31' }, '2027-02-01', 'overdue'],
		[{ started: true, firstSubmission: { late: false }, deadline: '2027-01-31' }, '2027-02-10', 'submitted'],
		[{ started: true, firstSubmission: { late: true }, deadline: '2027-01-31' }, '2027-02-10', 'late'],
		// Lateness is what it was when sent: a later extension does not change it.
		[{ started: true, firstSubmission: { late: true }, deadline: '2027-03-31' }, '2027-02-10', 'late']
	] as const)('%o on %s is %s', (p, today, state) => {
		expect(participantState(p, today)).toBe(state);
	});
});

describe('GOV.UK date input', () => {
	it.each([
		[['1', '2', '2027'], { ok: true, date: '2027-02-01' }],
		[['29', '2', '2028'], { ok: true, date: '2028-02-29' }],
		[['29', '2', '2027'], { ok: false, message: 'The deadline must be a real date' }],
		[['', '', ''], { ok: false, message: 'Enter the deadline' }],
		[['1', '', '2027'], { ok: false, message: 'The deadline must include a day, month and year' }],
		[['1', 'Feb', '2027'], { ok: false, message: 'The deadline must be a real date' }],
		[['1', '2', '27'], { ok: false, message: 'The deadline must be a real date' }],
		[['1', '1', '0000'], { ok: false, message: 'The deadline must be between 1 January 2000 and 31 December 2100' }],
		[['31', '12', '1999'], { ok: false, message: 'The deadline must be between 1 January 2000 and 31 December 2100' }],
		[['1', '1', '2101'], { ok: false, message: 'The deadline must be between 1 January 2000 and 31 December 2100' }],
		[['1', '1', '2000'], { ok: true, date: '2000-01-01' }],
		[['31', '12', '2100'], { ok: true, date: '2100-12-31' }]
	] as const)('%o → %o', ([d, m, y], out) => {
		expect(readDateInput(d, m, y, 'deadline')).toEqual(out);
	});
});

describe('the cycle page’s filter by state', () => {
	it('reads a state, or "returned" for every submitted return, and nothing else', () => {
		expect(readStateFilter('overdue')).toBe('overdue');
		expect(readStateFilter('returned')).toBe('returned');
		expect(['constructor', 'toString', '', null].map(readStateFilter)).toEqual(['', '', '', '']);
	});

	it('"returned" keeps returns sent on time and late', () => {
		const states = ['not_started', 'in_progress', 'submitted', 'late', 'overdue'] as const;
		expect(states.filter((s) => inStateFilter(s, 'returned'))).toEqual(['submitted', 'late']);
		expect(states.filter((s) => inStateFilter(s, ''))).toEqual([...states]);
		expect(countStates([{ state: 'late' }, { state: 'late' }, { state: 'overdue' }])).toEqual({ not_started: 0, in_progress: 0, submitted: 0, late: 2, overdue: 1 });
	});
});
