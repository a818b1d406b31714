import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, describeSchedule, dueOccasion, isReminderTime, nextOccasions, readScheduleForm, reminderMessage } from '../../../src/lib/domain/reminders';

const DEADLINE = '2027-03-31';
const due = (today: string, schedule = DEFAULT_SCHEDULE, opensOn?: string) => dueOccasion(schedule, DEADLINE, today, opensOn);

describe('the reminder schedule', () => {
	it('reminds 14, 7 and 1 days before the deadline by default', () => {
		expect(due('2027-03-16')).toBeNull();
		expect(due('2027-03-17')).toBe('2027-03-17');
		expect(due('2027-03-20'), 'the 14-day occasion stays the latest until the 7-day one').toBe('2027-03-17');
		expect(due('2027-03-24')).toBe('2027-03-24');
		expect(due('2027-03-30')).toBe('2027-03-30');
	});

	it('sends nothing new on the deadline day itself: the latest occasion is still the day before', () => {
		expect(due('2027-03-31')).toBe('2027-03-30');
		expect(nextOccasions(DEFAULT_SCHEDULE, DEADLINE, '2027-03-31')).toEqual(['2027-04-07', '2027-04-14', '2027-04-21']);
	});

	it('then weekly while overdue, counted from the deadline', () => {
		expect(due('2027-04-06')).toBe('2027-03-30');
		expect(due('2027-04-07')).toBe('2027-04-07');
		expect(due('2027-04-13')).toBe('2027-04-07');
		expect(due('2027-04-14')).toBe('2027-04-14');
		expect(due('2027-06-30')).toBe('2027-06-30');
	});

	it('without the weekly reminder, nothing after the last day before', () => {
		const noWeekly = { ...DEFAULT_SCHEDULE, weeklyOverdue: false };
		expect(due('2027-04-14', noWeekly)).toBe('2027-03-30');
		expect(nextOccasions(noWeekly, DEADLINE, '2027-03-31')).toEqual([]);
	});

	it('switched off, never', () => {
		const off = { ...DEFAULT_SCHEDULE, enabled: false };
		for (const day of ['2027-03-17', '2027-03-30', '2027-04-07']) expect(due(day, off)).toBeNull();
		expect(nextOccasions(off, DEADLINE, '2027-03-01')).toEqual([]);
		expect(describeSchedule(off)).toMatch(/^Off/);
	});

	it('on the days the business unit chose', () => {
		const changed = { enabled: true, daysBefore: [21, 3], weeklyOverdue: true };
		expect(due('2027-03-17', changed)).toBe('2027-03-10');
		expect(due('2027-03-28', changed)).toBe('2027-03-28');
		expect(nextOccasions(changed, DEADLINE, '2027-03-01')).toEqual(['2027-03-10', '2027-03-28', '2027-04-07']);
		expect(describeSchedule(changed)).toBe('21 and 3 days before the deadline, then weekly while overdue');
		expect(describeSchedule(DEFAULT_SCHEDULE)).toBe('14, 7 and 1 days before the deadline, then weekly while overdue');
	});

	it('never for a cycle with no deadline, nor before the cycle opened', () => {
		expect(dueOccasion(DEFAULT_SCHEDULE, null, '2027-03-30')).toBeNull();
		expect(nextOccasions(DEFAULT_SCHEDULE, null, '2027-03-01')).toEqual([]);
		expect(due('2027-03-20', DEFAULT_SCHEDULE, '2027-03-18'), 'the 14-day occasion fell before the cycle opened').toBeNull();
		expect(due('2027-03-24', DEFAULT_SCHEDULE, '2027-03-18')).toBe('2027-03-24');
	});

	it('lists the next occasions from today, today included', () => {
		expect(nextOccasions(DEFAULT_SCHEDULE, DEADLINE, '2027-03-17')).toEqual(['2027-03-17', '2027-03-24', '2027-03-30']);
		expect(nextOccasions(DEFAULT_SCHEDULE, DEADLINE, '2027-03-18', 5)).toEqual(['2027-03-24', '2027-03-30', '2027-04-07', '2027-04-14', '2027-04-21']);
	});
});

describe('the time of day', () => {
	it('sends scheduled reminders from 8am UK time, in winter and in summer', () => {
		expect(isReminderTime(new Date('2027-01-11T07:59:00Z'))).toBe(false);
		expect(isReminderTime(new Date('2027-01-11T08:00:00Z'))).toBe(true);
		expect(isReminderTime(new Date('2027-06-14T06:59:00Z')), '7:59am BST').toBe(false);
		expect(isReminderTime(new Date('2027-06-14T07:00:00Z')), '8am BST').toBe(true);
		expect(isReminderTime(new Date('2027-06-14T22:30:00Z')), '11:30pm BST').toBe(true);
	});
});

describe('the schedule form', () => {
	it('reads the days in any order, once each, largest first', () => {
		expect(readScheduleForm({ enabled: 'yes', daysBefore: '1, 7 ,14,7', weeklyOverdue: 'yes' })).toEqual({ ok: true, schedule: { enabled: true, daysBefore: [14, 7, 1], weeklyOverdue: true } });
		expect(readScheduleForm({ enabled: 'no', daysBefore: '', weeklyOverdue: undefined })).toEqual({ ok: true, schedule: { enabled: false, daysBefore: [], weeklyOverdue: false } });
	});

	it('says what is wrong beside the field', () => {
		expect(readScheduleForm({ daysBefore: '14' })).toEqual({ ok: false, errors: { enabled: expect.stringMatching(/Choose whether/) } });
		expect(readScheduleForm({ enabled: 'yes', daysBefore: 'fortnight' })).toEqual({ ok: false, errors: { daysBefore: expect.stringMatching(/whole numbers/) } });
		expect(readScheduleForm({ enabled: 'yes', daysBefore: '0' })).toEqual({ ok: false, errors: { daysBefore: expect.stringMatching(/from 1 to 90/) } });
		expect(readScheduleForm({ enabled: 'yes', daysBefore: '' })).toEqual({ ok: false, errors: { daysBefore: expect.stringMatching(/switch the schedule off/) } });
	});
});

describe('the reminder itself', () => {
	const facts = { partnershipName: 'Northmere Safeguarding Children Partnership', organisationName: 'Oakfield Primary School', cycleTitle: 'Schools audit 2026-27', templateTitle: 'Section 175/157 schools safeguarding audit', deadline: DEADLINE, link: 'https://portal.example.org/organisations/x' };

	it('names the organisation, the deadline and the link to the return', () => {
		const m = reminderMessage({ ...facts, today: '2027-03-17', extra: 'The board meets in April.' });
		expect(m.subject).toBe('Reminder: Oakfield Primary School’s Section 175/157 schools safeguarding audit is due 31 March 2027');
		expect(m.text).toContain('It is due by 31 March 2027.');
		expect(m.text).toContain('The board meets in April.');
		expect(m.text).toContain('https://portal.example.org/organisations/x');
	});

	it('says when it is overdue', () => {
		const m = reminderMessage({ ...facts, today: '2027-04-07' });
		expect(m.subject).toMatch(/^Overdue: /);
		expect(m.text).toContain('It was due on 31 March 2027.');
	});
});
