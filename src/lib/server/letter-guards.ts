// Feedback letters through the partnership's pages (a letter of that cycle)
// or the organisation's (its own, issued letters only: a draft, or another
// organisation's letter, is a 404 there).
import { found, requireAccess, type PartnershipPermission } from './access';
import { cycleFor, organisationFor } from './guards';
import { db } from './runtime';
import { getLetter, type Letter } from './letters';
import type { Cycle } from './cycles';
import type { Organisation } from './organisations';
import type { SessionUser } from './users';

export async function cycleLetterFor(user: SessionUser, partnershipId: string, cycleId: string, letterId: string, permission: PartnershipPermission): Promise<{ cycle: Cycle; letter: Letter }> {
	requireAccess(user, permission, { partnershipId });
	const cycle = await cycleFor(user, partnershipId, cycleId, permission);
	const letter = found(await getLetter(db(), letterId));
	if (letter.cycleId !== cycle.id) found(null);
	return { cycle, letter };
}

export async function ownLetterFor(user: SessionUser, organisationId: string, letterId: string): Promise<{ organisation: Organisation; letter: Letter }> {
	const organisation = await organisationFor(user, organisationId, 'letter:view_own');
	const letter = found(await getLetter(db(), letterId));
	if (letter.organisationId !== organisation.id || letter.state !== 'issued') found(null);
	return { organisation, letter };
}
