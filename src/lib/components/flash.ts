/** The message for a flash key from the address (`?done=saved`); unknown keys, including `constructor`, show nothing. */
export function flashMessage(messages: Record<string, string>, key: string | null | undefined): string | null {
	return key && Object.hasOwn(messages, key) ? messages[key] : null;
}

/** What happened to an action plan item (`?action=added` on the standard page, `?done=…` on the action plan). */
export const ACTION_FLASH: Record<string, string> = {
	added: 'Action added.',
	saved: 'Action saved.',
	deleted: 'Action deleted.',
	restored: 'Someone else deleted that action while you were changing it, so your version has been saved as a new action.'
};
