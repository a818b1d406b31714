import type { RequestHandler } from './$types';
import { slotPack } from '$lib/server/packs/pack-downloads';

/** The organisation's pre-read pack for the panel, as a tagged PDF. */
export const GET: RequestHandler = (event) => slotPack(event);
