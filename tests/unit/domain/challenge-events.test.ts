// Challenge events without I/O: times as people type them, UK time to UTC, the
// event's state, and the forms read with a message beside each field.
import { describe, expect, it } from 'vitest';
import { readTime, ukDateAndTime, ukMoment } from '../../../src/lib/domain/event-times';
import { eventFormValues, eventStatus, readEventForm, readPanelForm, readRecordForm, rowIntent, withoutRow, questionKeys } from '../../../src/lib/domain/challenge-events';
import { readInviteForm } from '../../../src/lib/domain/event-invites';

const formOf = (entries: Record<string, string | string[]>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) for (const x of [v].flat()) f.append(k, x);
	return f;
};

describe('times', () => {
	it('reads the ways people write a time of day', () => {
		expect(['9:30', '09:30', '9.30', '930', '9:30am', '9.30 AM', '14:00', '2pm', '2:15pm', '12pm', '12am', '9'].map(readTime)).toEqual(['09:30', '09:30', '09:30', '09:30', '09:30', '09:30', '14:00', '14:00', '14:15', '12:00', '00:00', '09:00']);
		expect(['', '25:00', '9:60', '13pm', 'noon', '0am'].map(readTime)).toEqual([null, null, null, null, null, null]);
	});

	it('turns UK wall-clock time into UTC in winter and in summer, and back', () => {
		expect(ukMoment('2027-01-14', '10:00').toISOString()).toBe('2027-01-14T10:00:00.000Z');
		expect(ukMoment('2027-06-14', '10:00').toISOString()).toBe('2027-06-14T09:00:00.000Z');
		expect(ukDateAndTime(new Date('2027-06-14T09:00:00Z'))).toEqual({ date: '2027-06-14', time: '10:00' });
		// The morning after the clocks go forward.
		expect(ukMoment('2027-03-28', '09:00').toISOString()).toBe('2027-03-28T08:00:00.000Z');
	});
});

describe('the event', () => {
	it('is planned, held once an outcome is recorded, and cancelled whatever was recorded', () => {
		expect(eventStatus({ cancelledAt: null }, 0)).toBe('planned');
		expect(eventStatus({ cancelledAt: null }, 1)).toBe('held');
		expect(eventStatus({ cancelledAt: new Date() }, 2)).toBe('cancelled');
	});

	const good = { title: 'Health challenge', 'date-day': '14', 'date-month': '6', 'date-year': '2027', startTime: '9:30am', endTime: '1pm', place: 'Room 2, Civic Centre', onlineLink: '', agenda: 'Standards 3 and 5' };

	it('reads a whole form, in UK time', () => {
		const r = readEventForm(formOf(good));
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.data.startsAt.toISOString()).toBe('2027-06-14T08:30:00.000Z');
		expect(r.data.endsAt.toISOString()).toBe('2027-06-14T12:00:00.000Z');
		expect(eventFormValues(r.data)).toMatchObject({ 'date-day': '14', 'date-month': '6', startTime: '09:30', endTime: '13:00' });
	});

	it('puts a message beside each field that cannot be right', () => {
		const r = readEventForm(formOf({ ...good, title: ' ', 'date-day': '31', 'date-month': '2', startTime: 'soon', endTime: '', place: '', onlineLink: 'teams.example/abc' }));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			title: 'Enter a title for the event',
			date: 'The date of the event must be a real date',
			startTime: 'Enter the start time like 9:30am or 14:00',
			endTime: 'Enter the end time',
			onlineLink: 'Enter the online link as a web address starting https://'
		});
	});

	it('needs a room or a link, and an end after the start', () => {
		const r = readEventForm(formOf({ ...good, place: '', endTime: '9am' }));
		expect(r.ok ? null : r.errors).toEqual({ place: 'Enter a room or an online link (or both)', endTime: 'The end time must be after the start time' });
	});
});

describe('rows added and removed without JavaScript', () => {
	it('adds a row, and removes one moving the rest up', () => {
		expect(rowIntent(formOf({ intent: 'add' }), 2)).toEqual({ rows: 3, remove: null });
		expect(rowIntent(formOf({ intent: 'remove-1' }), 3)).toEqual({ rows: 2, remove: 1 });
		expect(rowIntent(formOf({ intent: 'remove-5' }), 3)).toBeNull();
		const values = { 'q-0-question': 'A', 'q-1-question': 'B', 'q-1-answer': 'b', 'q-2-question': 'C', other: 'kept' };
		expect(withoutRow(values, questionKeys, 3, 1)).toEqual({ 'q-0-question': 'A', 'q-1-question': 'C', other: 'kept' });
	});

	it('reads guests, skipping blank rows, and asks for a guest’s name', () => {
		const r = readPanelForm(formOf({ panelUser: ['7d5e3f0a-2b1c-4d8e-9f6a-0c1b2d3e4f5a', 'nonsense'], 'guest-0-name': 'Dr Rao', 'guest-0-role': 'Designated doctor', 'guest-2-email': 'x@example.org' }), 3);
		expect(r.ok ? null : r.errors).toEqual({ 'guest-2-name': 'Enter the guest’s name' });
		const ok = readPanelForm(formOf({ panelUser: '7d5e3f0a-2b1c-4d8e-9f6a-0c1b2d3e4f5a', 'guest-0-name': 'Dr Rao', 'guest-0-email': 'Rao@Example.org' }), 2);
		expect(ok.ok && ok.data).toEqual({ userIds: ['7d5e3f0a-2b1c-4d8e-9f6a-0c1b2d3e4f5a'], guests: [{ name: 'Dr Rao', email: 'rao@example.org', role: '' }] });
	});

	it('reads the record: questions in order, an outcome, agreed grades on the scale only', () => {
		const r = readRecordForm(formOf({ attendees: 'DCI Shah', 'q-0-question': 'Show the audit', 'q-0-answer': 'It is on the drive', 'q-2-question': 'Training?', outcome: 'partly_assured', 'agreed-1': '2', 'agreed-2': '' }), 3, ['1', '2'], ['1', '2', '3', '4']);
		expect(r.ok && r.data).toEqual({ attendees: 'DCI Shah', questions: [{ question: 'Show the audit', answer: 'It is on the drive' }, { question: 'Training?', answer: '' }], outcome: 'partly_assured', agreed: { '1': { grade: '2', rationale: '' } } });
		const bad = readRecordForm(formOf({ 'q-0-answer': 'An answer alone', outcome: 'maybe', 'agreed-1': '9' }), 1, ['1'], ['1', '2']);
		expect(bad.ok ? null : bad.errors).toEqual({ 'q-0-question': 'Enter the question, or clear its answer', outcome: 'Choose assured, partly assured or not assured', 'agreed-1': 'Choose a grade on the scale for standard 1' });
	});
});

describe('invitations', () => {
	const eventStart = new Date('2027-01-14T10:00:00Z');
	const eventEnd = new Date('2027-01-14T13:00:00Z');
	const known = ['a', 'b', 'c'];

	it('gives slots left blank the next free times, in the order listed, and keeps a typed time', () => {
		const r = readInviteForm(formOf({ invite: ['c', 'a', 'b'], slotLength: '30', 'time-b': '12:15', 'reason-a': 'Gap in standard 3' }), { known, nextStart: eventStart, eventStart, eventEnd });
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		expect(r.data.map((i) => [i.organisationId, i.startsAt.toISOString().slice(11, 16), i.endsAt.toISOString().slice(11, 16), i.reason])).toEqual([
			['a', '10:00', '10:30', 'Gap in standard 3'],
			['b', '12:15', '12:45', ''],
			['c', '10:30', '11:00', '']
		]);
	});

	it('refuses nobody chosen, an unknown length, a time that is no time, and a slot outside the event', () => {
		expect(readInviteForm(formOf({ slotLength: '7' }), { known, nextStart: eventStart, eventStart, eventEnd })).toEqual({ ok: false, errors: { invite: 'Choose at least one organisation to invite', slotLength: 'Choose how long each slot is' } });
		const r = readInviteForm(formOf({ invite: ['a', 'b'], slotLength: '60', 'time-a': 'later', 'time-b': '12:30' }), { known, nextStart: eventStart, eventStart, eventEnd });
		expect(r.ok ? null : Object.keys(r.errors)).toEqual(['time-a', 'time-b']);
	});
});
