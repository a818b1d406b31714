import type { RequestHandler } from './$types';
import { organisationExportZip } from '$lib/server/exports/organisation-zip';

/** Everything the organisation keeps in the portal, as one streamed ZIP, for its lead. */
export const GET: RequestHandler = (event) => organisationExportZip(event);
