import { z } from 'zod';
import { readDateInput } from './cycles';
import { plainText } from './text';

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export const ACTION_STATUS_LABELS = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' } as const;

/** Overdue: not done and its due date (a UK 'YYYY-MM-DD') has passed. Derived, never stored. */
export const actionOverdue = (a: { status: string; dueOn: string | null }, today: string): boolean => a.status !== 'done' && !!a.dueOn && a.dueOn < today;

const actionFields = z.object({
	description: plainText().trim().min(1, { error: 'Describe the action' }).max(2000, { error: 'Keep the description under 2,000 characters' }),
	owner: plainText().trim().max(200, { error: 'Keep the owner under 200 characters' }).default(''),
	status: z.enum(ACTION_STATUSES, { error: 'Choose the status' }),
	progress: plainText().trim().max(4000, { error: 'Keep progress notes under 4,000 characters' }).default('')
});

export type ActionForm = z.infer<typeof actionFields> & { dueOn: string | null };

/** An action form, with its optional GOV.UK date input for the due date. */
export function readActionForm(form: FormData): { ok: true; data: ActionForm } | { ok: false; errors: Record<string, string> } {
	const text = (k: string) => (typeof form.get(k) === 'string' ? String(form.get(k)) : '');
	const parsed = actionFields.safeParse({ description: text('description'), owner: text('owner'), status: text('status') || undefined, progress: text('progress') });
	const errors: Record<string, string> = {};
	if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
	let dueOn: string | null = null;
	if (text('dueOn-day') || text('dueOn-month') || text('dueOn-year')) {
		const date = readDateInput(text('dueOn-day'), text('dueOn-month'), text('dueOn-year'), 'due date');
		if (date.ok) dueOn = date.date;
		else errors.dueOn = date.message;
	}
	if (!parsed.success || Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, data: { ...parsed.data, dueOn } };
}
