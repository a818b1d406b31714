// A snapshot's frozen values as a page writes them.
import { formatDate, formatDateTime } from '$lib/domain/dates';
import { ACTION_STATUS_LABELS } from '$lib/domain/actions';
import { capacityWords } from '$lib/domain/sign-off';
import { shortFingerprint, type ActionField, type SnapshotAction, type SnapshotSignOff } from '$lib/domain/snapshot';

export const actionStatusLabel = (status: string) => (ACTION_STATUS_LABELS as Record<string, string>)[status] ?? status;

/** One field of an action, for showing what it was and what it became. */
export function actionValue(a: SnapshotAction, field: ActionField): string {
	if (field === 'dueOn') return a.dueOn ? formatDate(a.dueOn) : 'No date';
	if (field === 'status') return actionStatusLabel(a.status);
	return a[field] || 'None';
}

/** Who signed, when, and against which fingerprint of the return. */
export function signOffText(o: SnapshotSignOff): string {
	const fingerprint = o.contentHash ? `, against fingerprint ${shortFingerprint(o.contentHash)}` : '';
	return `${o.name}${o.role ? `, ${o.role}` : ''} (${capacityWords(o.capacity)}), ${formatDateTime(o.signedAt)}${fingerprint}`;
}
