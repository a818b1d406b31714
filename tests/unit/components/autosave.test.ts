import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveAnswer } from '../../../src/lib/components/autosave';

const answering = (status: number, body: unknown) => vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })));
const values = { grade: '2', naReason: '', narrative: 'Typed' };
afterEach(() => vi.unstubAllGlobals());

describe('saving an answer', () => {
	it('tells a person the service is unavailable for a moment when the database is away, and that the text is kept', async () => {
		answering(503, { message: 'Sorry, the service is unavailable. Try again in a few minutes.' });
		const result = await saveAnswer('/x', values, 3);
		expect(result).toEqual({ kind: 'error', message: expect.stringMatching(/^Not saved: the service is unavailable for a moment\. Your text is still here and kept in this browser/) });
	});

	it('keeps the conflict and the refusal apart from a failure', async () => {
		answering(409, { theirs: { grade: '3' }, version: 4 });
		expect(await saveAnswer('/x', values, 3)).toMatchObject({ kind: 'conflict', version: 4 });
		answering(400, { error: 'Choose a grade from the scale', field: 'grade' });
		expect(await saveAnswer('/x', values, 3)).toEqual({ kind: 'invalid', field: 'grade', message: 'Choose a grade from the scale' });
	});
});
