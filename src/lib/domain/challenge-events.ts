// Challenge events as the chair plans and records them: the event's state,
// outcomes, and the forms read without I/O (what was typed, and a message per
// field for anything that cannot be right whatever the database holds).
import { readDateInput } from './cycles';
import { readTime, ukDateAndTime, ukMoment } from './event-times';
import { withoutControlCharacters } from './text';

export const EVENT_OUTCOMES = ['assured', 'partly_assured', 'not_assured'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<EventOutcome, string> = { assured: 'Assured', partly_assured: 'Partly assured', not_assured: 'Not assured' };
export const OUTCOME_COLOURS: Record<EventOutcome, string> = { assured: 'green', partly_assured: 'yellow', not_assured: 'red' };
export const isOutcome = (v: string): v is EventOutcome => (EVENT_OUTCOMES as readonly string[]).includes(v);

export type EventStatus = 'planned' | 'held' | 'cancelled';
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' };

/** Only a cancellation is stored: an event is held once any organisation's outcome is recorded. */
export function eventStatus(event: { cancelledAt: Date | string | null }, recordedSlots: number): EventStatus {
	if (event.cancelledAt) return 'cancelled';
	return recordedSlots > 0 ? 'held' : 'planned';
}

export const SLOT_LENGTHS = [20, 30, 45, 60, 90] as const;

type Errors = Record<string, string>;
export type Read<T> = { ok: true; data: T } | { ok: false; errors: Errors };

export const field = (form: FormData, key: string) => {
	const v = form.get(key);
	return typeof v === 'string' ? withoutControlCharacters(v).trim() : '';
};

function bounded(form: FormData, key: string, max: number, errors: Errors, label: string, required?: string): string {
	const v = field(form, key);
	if (required && !v) errors[key] = required;
	else if ([...v].length > max) errors[key] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
	return v;
}

export interface EventDetails {
	title: string;
	startsAt: Date;
	endsAt: Date;
	place: string;
	onlineLink: string;
	agenda: string;
}

/** The event's details: one day, a start and end time in UK time, a room or an online link (or both). */
export function readEventForm(form: FormData): Read<EventDetails> {
	const errors: Errors = {};
	const title = bounded(form, 'title', 200, errors, 'The title', 'Enter a title for the event');
	const date = readDateInput(field(form, 'date-day'), field(form, 'date-month'), field(form, 'date-year'), 'date of the event');
	if (!date.ok) errors.date = date.message;
	const start = readTime(field(form, 'startTime'));
	if (!start) errors.startTime = field(form, 'startTime') ? 'Enter the start time like 9:30am or 14:00' : 'Enter the start time';
	const end = readTime(field(form, 'endTime'));
	if (!end) errors.endTime = field(form, 'endTime') ? 'Enter the end time like 12:30pm or 16:00' : 'Enter the end time';
	else if (start && end <= start) errors.endTime = 'The end time must be after the start time';
	const place = bounded(form, 'place', 300, errors, 'The place');
	const onlineLink = bounded(form, 'onlineLink', 500, errors, 'The link');
	if (onlineLink && !/^https:\/\/[^\s/$.?#][^\s]*$/i.test(onlineLink)) errors.onlineLink = 'Enter the online link as a web address starting https://';
	if (!place && !onlineLink && !errors.place && !errors.onlineLink) errors.place = 'Enter a room or an online link (or both)';
	const agenda = bounded(form, 'agenda', 5000, errors, 'The agenda');
	if (Object.keys(errors).length || !date.ok) return { ok: false, errors };
	return { ok: true, data: { title, startsAt: ukMoment(date.date, start!), endsAt: ukMoment(date.date, end!), place, onlineLink, agenda } };
}

export interface Guest {
	name: string;
	email: string;
	role: string;
}

export const guestKeys = (i: number) => ({ name: `guest-${i}-name`, email: `guest-${i}-email`, role: `guest-${i}-role` });

/** The panel: the partnership's users ticked, and named guests (a row with only blanks is no guest). */
export function readPanelForm(form: FormData, rows: number): Read<{ userIds: string[]; guests: Guest[] }> {
	const errors: Errors = {};
	const userIds = [...new Set(form.getAll('panelUser').filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v)))];
	const guests: Guest[] = [];
	for (let i = 0; i < rows; i++) {
		const k = guestKeys(i);
		const name = bounded(form, k.name, 200, errors, 'The name');
		const email = bounded(form, k.email, 254, errors, 'The email address');
		const role = bounded(form, k.role, 200, errors, 'The role');
		if (!name && !email && !role) continue;
		if (!name) errors[k.name] = 'Enter the guest’s name';
		if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors[k.email] = 'Enter an email address in the correct format, like name@example.org';
		guests.push({ name, email: email.toLowerCase(), role });
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, data: { userIds, guests } };
}

export interface QuestionAndAnswer {
	question: string;
	answer: string;
}

export const questionKeys = (i: number) => ({ question: `q-${i}-question`, answer: `q-${i}-answer` });

/** A standard as the record shows it: its moderated grade and what is agreed now. */
export interface RecordStandard {
	code: string;
	title: string;
	moderated: string | null;
	agreed: string | null;
	agreedRationale: string;
	agreedSource: 'chair' | 'challenge_event' | null;
}

export interface SlotRecord {
	attendees: string;
	questions: QuestionAndAnswer[];
	outcome: EventOutcome | null;
	/** Per standard code: the agreed grade chosen and its reason. */
	agreed: Record<string, { grade: string; rationale: string }>;
}

/** The record of an organisation's session. Rows with neither question nor answer are dropped. */
export function readRecordForm(form: FormData, rows: number, standardCodes: readonly string[], grades: readonly string[]): Read<SlotRecord> {
	const errors: Errors = {};
	const attendees = bounded(form, 'attendees', 2000, errors, 'Attendees');
	const questions: QuestionAndAnswer[] = [];
	for (let i = 0; i < rows; i++) {
		const k = questionKeys(i);
		const question = bounded(form, k.question, 2000, errors, 'The question');
		const answer = bounded(form, k.answer, 4000, errors, 'The answer');
		if (!question && !answer) continue;
		if (!question) errors[k.question] = 'Enter the question, or clear its answer';
		questions.push({ question, answer });
	}
	const outcomeValue = field(form, 'outcome');
	if (outcomeValue && !isOutcome(outcomeValue)) errors.outcome = 'Choose assured, partly assured or not assured';
	const agreed: SlotRecord['agreed'] = {};
	for (const code of standardCodes) {
		const grade = field(form, `agreed-${code}`);
		const rationale = bounded(form, `agreedRationale-${code}`, 5000, errors, 'The reason');
		if (!grade) continue;
		if (!grades.includes(grade)) errors[`agreed-${code}`] = `Choose a grade on the scale for standard ${code}`;
		agreed[code] = { grade, rationale };
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, data: { attendees, questions, outcome: outcomeValue ? (outcomeValue as EventOutcome) : null, agreed } };
}

/** "Add another" and "Remove" buttons without JavaScript: how many rows the form comes back with, and which one goes. */
export function rowIntent(form: FormData, rows: number): { rows: number; remove: number | null } | null {
	const intent = field(form, 'intent');
	if (intent === 'add') return { rows: rows + 1, remove: null };
	const m = /^remove-(\d{1,3})$/.exec(intent);
	if (m && Number(m[1]) < rows) return { rows: rows - 1, remove: Number(m[1]) };
	return null;
}

/** How many rows the form posted, from its hidden count (never more than 100). */
export function rowCount(form: FormData, key = 'rows'): number {
	const n = Number(field(form, key));
	return Number.isInteger(n) && n >= 0 && n <= 100 ? n : 0;
}

/** An event's details as its form's fields, for changing them. */
export function eventFormValues(e: EventDetails): Record<string, string> {
	const start = ukDateAndTime(e.startsAt);
	const [y, m, d] = start.date.split('-');
	return { title: e.title, 'date-day': String(Number(d)), 'date-month': String(Number(m)), 'date-year': y, startTime: start.time, endTime: ukDateAndTime(e.endsAt).time, place: e.place, onlineLink: e.onlineLink, agenda: e.agenda };
}

/** The form's values with row `remove` taken out and the rows after it moved up, for "Remove" without JavaScript. */
export function withoutRow(values: Record<string, string>, keys: (i: number) => Record<string, string>, rows: number, remove: number): Record<string, string> {
	const out = { ...values };
	for (let i = remove; i < rows; i++) {
		const to = keys(i);
		const from = keys(i + 1);
		for (const f of Object.keys(to)) {
			const v = i + 1 < rows ? values[from[f]] : undefined;
			if (v === undefined) delete out[to[f]];
			else out[to[f]] = v;
		}
	}
	return out;
}
