import { invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A challenge form's enhancement: after a refusal (a 400 or a 409) the form
 * keeps what was typed and the page reloads the challenge, so its current
 * state and history show beside the person's own text.
 */
export const keepTextAndRefresh: SubmitFunction = () => async ({ result, update }) => {
	await update({ reset: false });
	if (result.type === 'failure') await invalidateAll();
};
