import type { RequestHandler } from './$types';
import { found, requireUser } from '$lib/server/access';
import { challengeThrough } from '$lib/server/guards';
import { challengeRevision } from '$lib/server/challenge-log';
import { downloadRevision } from '$lib/server/evidence/download';
import { db } from '$lib/server/runtime';

/** A document an answer to the challenge cites, exactly the revision cited; any other revision is a 404. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event.locals, event.url);
	const challenge = await challengeThrough(user, { partnershipId: event.params.partnershipId, permission: 'challenge:read' }, event.params.challengeId);
	const revision = found(await challengeRevision(db(), challenge.id, event.params.revisionId));
	return downloadRevision(event, { revision, organisationId: challenge.organisationId, challenge: { id: challenge.id, partnershipId: challenge.partnershipId } });
};
