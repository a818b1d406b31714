import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/access';
import { documentRevisionFor } from '$lib/server/guards';
import { downloadRevision } from '$lib/server/evidence/download';

/** A revision of a document in the organisation's library, for its own people (`?inline=1` previews a PDF or image). */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event.locals, event.url);
	const { organisation, revision } = await documentRevisionFor(user, event.params.organisationId, event.params.documentId, event.params.revision);
	return downloadRevision(event, { revision, organisationId: organisation.id });
};
