import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/runtime';
import { checkDatabase } from '$lib/server/health';

export const GET: RequestHandler = async () => {
	const database = db();
	const result = await checkDatabase(database);
	if (!result.ok) return json({ status: 'unavailable', database: database.kind, reason: result.reason }, { status: 503 });
	return json({ status: 'ok', database: database.kind });
};
