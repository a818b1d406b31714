// The demo's feedback letters: last year's letter to the police force, drafted
// by the chair from its completed moderation. Its files need storage, which the
// seed does not have, so the demo server issues it when it starts
// (issueDemoLetters); the ambulance trust's accepted moderation is left for the
// chair to draft.
import type { Queryable } from '../db';
import type { AuditContext } from '../audit-log';
import type { Cycle } from '../cycles';
import type { Storage } from '../storage/types';
import { draftLetters, getLetter } from '../letters';
import { issueLetter } from '../letters/issue';
import type { DemoWorld } from './demo-cycles';

const CHAIR = 'chair@northmere.example.org';
const POLICE = 'Mercia Vale Police';

export async function seedDemoLetters(tx: Queryable, world: DemoWorld, past: Cycle) {
	const chair = world.users.get(CHAIR)!;
	const ctx: AuditContext = { actorId: chair.id, actorEmail: CHAIR, ip: null, userAgent: 'demo seed', requestId: null };
	await draftLetters(tx, ctx, past, [world.organisations.get(POLICE)!.id]);
}

/** Issues the demo's draft letter to the police force, once, with the portal's storage. */
export async function issueDemoLetters(db: Queryable, services: { storage: Storage; spoolDir: string }, origin: string): Promise<void> {
	const [row] = await db.query<{ id: string; user_id: string; name: string; email: string }>(
		`select l.id, u.id as user_id, u.name, u.email from feedback_letters l
		 join organisations o on o.id = l.organisation_id join users u on u.email = $1
		 where o.name = $2 and l.state = 'draft' and l.version = 1 and l.created_by = u.id`,
		[CHAIR, POLICE]
	);
	const letter = row && (await getLetter(db, row.id));
	if (!letter) return;
	const ctx: AuditContext = { actorId: row.user_id, actorEmail: row.email, ip: null, userAgent: 'demo seed', requestId: null };
	await issueLetter(db, services, ctx, letter, { name: row.name, origin }, letter.version);
}
