import type { RequestHandler } from './$types';
import { eventPacks } from '$lib/server/packs/pack-downloads';

/** Every invited organisation's pre-read pack, as one streamed ZIP. */
export const GET: RequestHandler = (event) => eventPacks(event);
