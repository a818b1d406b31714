// Chasing returns: when a cycle's schedule reminds an organisation that has not
// returned, and what the reminder says. Pure. Dates are UK calendar dates
// ('YYYY-MM-DD'); the deadline is the organisation's own (its extension if any).
import { z } from 'zod';
import { addDays } from './calendar';
import { formatDate } from './dates';
import { optionalText } from './text';

export interface ReminderSchedule {
	enabled: boolean;
	/** Days before the deadline on which to remind, largest first. */
	daysBefore: number[];
	/** Remind every seven days after the deadline while the return is overdue. */
	weeklyOverdue: boolean;
}

export const DEFAULT_SCHEDULE: ReminderSchedule = { enabled: true, daysBefore: [14, 7, 1], weeklyOverdue: true };

export const MAX_DAYS_BEFORE = 90;

/** Scheduled reminders go out from this hour, UK time, so nobody is mailed in the night. */
export const REMINDER_HOUR = 8;

const UK_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });

export function isReminderTime(now: Date): boolean {
	return Number(UK_HOUR.format(now)) >= REMINDER_HOUR;
}

/** The latest occasion on or before `today` (never before the cycle opened), or null when none is due. */
export function dueOccasion(schedule: ReminderSchedule, deadline: string | null, today: string, opensOn?: string): string | null {
	if (!schedule.enabled || !deadline) return null;
	let due: string | null = null;
	for (const days of schedule.daysBefore) {
		const day = addDays(deadline, -days);
		if (day <= today && (!due || day > due)) due = day;
	}
	if (schedule.weeklyOverdue && today > deadline) {
		const weeks = Math.floor(daysBetween(deadline, today) / 7);
		if (weeks >= 1) due = addDays(deadline, 7 * weeks);
	}
	return due && (!opensOn || due >= opensOn) ? due : null;
}

/** The next `count` occasions from `today` on (today included): what the page says will happen. */
export function nextOccasions(schedule: ReminderSchedule, deadline: string | null, today: string, count = 3): string[] {
	if (!schedule.enabled || !deadline) return [];
	const before = schedule.daysBefore.map((d) => addDays(deadline, -d)).filter((d) => d >= today);
	const after: string[] = [];
	if (schedule.weeklyOverdue) {
		const first = Math.max(1, Math.ceil(daysBetween(deadline, today) / 7));
		for (let w = first; after.length < count; w++) after.push(addDays(deadline, 7 * w));
	}
	return [...new Set([...before, ...after])].sort().slice(0, count);
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** How the schedule reads on the page: "14, 7 and 1 days before the deadline, then weekly while overdue". */
export function describeSchedule(s: ReminderSchedule): string {
	if (!s.enabled) return 'Off: no reminders are sent automatically';
	const days = s.daysBefore.length ? `${listNumbers(s.daysBefore)} ${s.daysBefore.length === 1 && s.daysBefore[0] === 1 ? 'day' : 'days'} before the deadline` : '';
	const weekly = s.weeklyOverdue ? 'weekly while overdue' : '';
	return days && weekly ? `${days}, then ${weekly}` : days || weekly.replace(/^w/, 'W');
}

const listNumbers = (n: number[]) => (n.length > 1 ? `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}` : String(n[0]));

/** "14, 7, 1" → [14, 7, 1]; a message for anything else. */
export function readDaysBefore(text: string): { ok: true; days: number[] } | { ok: false; message: string } {
	const parts = text.split(/[\s,]+/).filter(Boolean);
	if (!parts.every((p) => /^\d{1,3}$/.test(p))) return { ok: false, message: 'Enter whole numbers of days, separated by commas, like 14, 7, 1' };
	const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
	if (days.some((d) => d < 1 || d > MAX_DAYS_BEFORE)) return { ok: false, message: `Each number of days must be from 1 to ${MAX_DAYS_BEFORE}` };
	if (days.length > 10) return { ok: false, message: 'Enter no more than 10 numbers of days' };
	return { ok: true, days };
}

export type ScheduleForm = { ok: true; schedule: ReminderSchedule } | { ok: false; errors: Record<string, string> };

/** The schedule form: on or off, the days before, the weekly overdue reminder. */
export function readScheduleForm(form: { enabled?: string; daysBefore?: string; weeklyOverdue?: string }): ScheduleForm {
	if (form.enabled !== 'yes' && form.enabled !== 'no') return { ok: false, errors: { enabled: 'Choose whether reminders are sent automatically' } };
	const days = readDaysBefore(form.daysBefore ?? '');
	if (!days.ok) return { ok: false, errors: { daysBefore: days.message } };
	const schedule = { enabled: form.enabled === 'yes', daysBefore: days.days, weeklyOverdue: form.weeklyOverdue === 'yes' };
	if (schedule.enabled && !schedule.daysBefore.length && !schedule.weeklyOverdue) {
		return { ok: false, errors: { daysBefore: 'Enter the days before the deadline, or choose weekly reminders while overdue, or switch the schedule off' } };
	}
	return { ok: true, schedule };
}

/** The optional paragraph the business unit adds to a reminder sent now. */
export const extraParagraph = optionalText(2000, 'The extra paragraph');

export interface ReminderFacts {
	partnershipName: string;
	organisationName: string;
	cycleTitle: string;
	templateTitle: string;
	deadline: string;
	today: string;
	link: string;
	extra?: string;
}

/** The reminder's subject and text, the same for a reminder sent now and a scheduled one. */
export function reminderMessage(f: ReminderFacts): { subject: string; text: string } {
	const overdue = f.today > f.deadline;
	const when = overdue ? `was due on ${formatDate(f.deadline)}` : f.today === f.deadline ? `is due today, ${formatDate(f.deadline)}` : `is due by ${formatDate(f.deadline)}`;
	return {
		subject: overdue ? `Overdue: ${f.organisationName}’s ${f.templateTitle}` : `Reminder: ${f.organisationName}’s ${f.templateTitle} is due ${formatDate(f.deadline)}`,
		text: [
			'Hello,',
			'',
			`${f.partnershipName} has not yet received ${f.organisationName}’s return for ${f.cycleTitle} (${f.templateTitle}). It ${when}.`,
			...(f.extra ? ['', f.extra] : []),
			'',
			'Complete and submit it here:',
			f.link,
			'',
			'If you have already submitted it, thank you: you can ignore this reminder.'
		].join('\n')
	};
}
