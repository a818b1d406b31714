import type { RequestHandler } from './$types';
import { requireUser, found } from '$lib/server/access';
import { partnershipFor } from '$lib/server/guards';
import { getLogo } from '$lib/server/letters';
import { db } from '$lib/server/runtime';
import { FILE_HEADERS } from '$lib/server/evidence/download';

/** The logo as uploaded, for the page that shows it. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const partnership = await partnershipFor(user, params.partnershipId, 'partnership:manage');
	const logo = found(await getLogo(db(), partnership.id));
	return new Response(new Uint8Array(logo.bytes), { headers: { ...FILE_HEADERS, 'Content-Type': logo.mediaType } });
};
