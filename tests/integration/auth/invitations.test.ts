import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import {
	acceptInvitation,
	createInvitation,
	getInvitation,
	lookupInvitation,
	revokeInvitation
} from '../../../src/lib/server/auth/invitations';
import { hashToken } from '../../../src/lib/server/auth/tokens';
import { loadSessionUser } from '../../../src/lib/server/users';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { listOutbox } from '../../../src/lib/server/mail';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
const ORIGIN = 'https://portal.example.org';
const T0 = new Date('2026-11-23T09:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

const police = () => ids.organisations['Mercia Vale Police'];
const leadId = () => ids.users['lead@police.example.org'];

async function invite(email: string, now = T0) {
	const result = await createInvitation(
		db,
		SYSTEM_CONTEXT,
		{ email, name: 'New Person', scope: { organisationId: police(), role: 'contributor', capacity: null }, invitedBy: leadId() },
		ORIGIN,
		now
	);
	if (!result.ok) throw new Error('invitation refused');
	return result;
}

describe('invitations', () => {
	it('store only the token hash and email a single-use link', async () => {
		const { token, invitation } = await invite('first.invitee@example.org');
		const [row] = await db.query<{ token_hash: string }>('select token_hash from invitations where id = $1', [invitation.id]);
		expect(row.token_hash).toBe(hashToken(token));
		const mail = (await listOutbox(db)).find((m) => m.to === 'first.invitee@example.org')!;
		expect(mail.text).toContain(`${ORIGIN}/invitations/${token}`);
		expect(mail.subject).toBe('Invitation to Mercia Vale Police on Safeguarding self-assessment');
	});

	it('say when the link expires as the portal writes dates, in UK time', async () => {
		// Sent at 10:00am British Summer Time: seven days later is 10:00am UK time, 9:00 GMT.
		await invite('summer.invitee@example.org', new Date('2027-06-01T09:00:00Z'));
		const mail = (await listOutbox(db)).find((m) => m.to === 'summer.invitee@example.org')!;
		expect(mail.text).toContain('The link works once and expires at 10:00am on 8 June 2027 (UK time).');
		expect(mail.text).not.toContain('GMT');
	});

	it('create the account and grant the role once, then refuse the same link', async () => {
		const { token } = await invite('accepting.person@example.org');
		const accepted = await acceptInvitation(db, SYSTEM_CONTEXT, token, { newAccount: { name: 'Accepting Person', password: 'a long enough password' } }, T0);
		expect(accepted.ok).toBe(true);
		const user = await loadSessionUser(db, accepted.ok ? accepted.userId : '');
		expect(user?.organisationRoles).toEqual([expect.objectContaining({ organisationId: police(), role: 'contributor' })]);
		expect(await acceptInvitation(db, SYSTEM_CONTEXT, token, { newAccount: { name: 'Again', password: 'another long password' } }, T0)).toEqual({ ok: false, reason: 'accepted' });
		expect((await lookupInvitation(db, token, T0)).status).toBe('accepted');
	});

	it('expire after 7 days', async () => {
		const { token } = await invite('late.person@example.org');
		expect((await lookupInvitation(db, token, days(6.9))).status).toBe('pending');
		expect((await lookupInvitation(db, token, days(7))).status).toBe('expired');
		expect(await acceptInvitation(db, SYSTEM_CONTEXT, token, { newAccount: { name: 'Late', password: 'a long enough password' } }, days(7))).toEqual({ ok: false, reason: 'expired' });
	});

	it('can be withdrawn, and a withdrawn link no longer works', async () => {
		const { token, invitation } = await invite('withdrawn.person@example.org');
		expect(await revokeInvitation(db, SYSTEM_CONTEXT, (await getInvitation(db, invitation.id))!, T0)).toBe(true);
		expect(await acceptInvitation(db, SYSTEM_CONTEXT, token, { newAccount: { name: 'W', password: 'a long enough password' } }, T0)).toEqual({ ok: false, reason: 'revoked' });
	});

	it('resending replaces the pending invitation: the old link stops working', async () => {
		const first = await invite('resent.person@example.org');
		const second = await invite('resent.person@example.org', days(1));
		expect((await lookupInvitation(db, first.token, days(1))).status).toBe('revoked');
		expect((await lookupInvitation(db, second.token, days(1))).status).toBe('pending');
	});

	it('refuse to invite someone who already holds the role', async () => {
		const result = await createInvitation(
			db,
			SYSTEM_CONTEXT,
			{ email: 'contributor@police.example.org', name: '', scope: { organisationId: police(), role: 'contributor', capacity: null }, invitedBy: leadId() },
			ORIGIN,
			T0
		);
		expect(result).toEqual({ ok: false, reason: 'already_has_role' });
	});

	it('ask an existing account to sign in as the invited email, and only that one', async () => {
		const result = await createInvitation(
			db,
			SYSTEM_CONTEXT,
			{ email: 'lead@nhs.example.org', name: '', scope: { organisationId: police(), role: 'contributor', capacity: null }, invitedBy: leadId() },
			ORIGIN,
			T0
		);
		if (!result.ok) throw new Error('refused');
		expect(await lookupInvitation(db, result.token, T0)).toMatchObject({ status: 'pending', existingAccount: true });
		expect(await acceptInvitation(db, SYSTEM_CONTEXT, result.token, { newAccount: { name: 'x', password: 'a long enough password' } }, T0)).toEqual({ ok: false, reason: 'sign_in_required' });
		expect(await acceptInvitation(db, SYSTEM_CONTEXT, result.token, { signedInUserId: leadId() }, T0)).toEqual({ ok: false, reason: 'wrong_account' });
		const ok = await acceptInvitation(db, SYSTEM_CONTEXT, result.token, { signedInUserId: ids.users['lead@nhs.example.org'] }, T0);
		expect(ok.ok).toBe(true);
	});

	it('treat a malformed token as not valid', async () => {
		expect(await lookupInvitation(db, 'nonsense', T0)).toEqual({ status: 'invalid' });
		expect(await lookupInvitation(db, 'abcdefghijklmnopqrstuvwxyz234567', T0)).toEqual({ status: 'invalid' });
	});
});
