/** The message for a flash key from the address (`?done=saved`); unknown keys, including `constructor`, show nothing. */
export function flashMessage(messages: Record<string, string>, key: string | null | undefined): string | null {
	return key && Object.hasOwn(messages, key) ? messages[key] : null;
}
