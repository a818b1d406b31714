import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { listAudit, recordAudit, SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
	db = await createTestDb();
	await recordAudit(db, { ...SYSTEM_CONTEXT, actorEmail: 'someone@example.org', ip: '192.0.2.7' }, { action: 'auth.sign_in', detail: { note: 'first' } });
});
afterAll(() => db.drop());

describe('the audit log', () => {
	it('records who, what, when and where from', async () => {
		const { entries } = await listAudit(db, {});
		expect(entries[0]).toMatchObject({ actorEmail: 'someone@example.org', action: 'auth.sign_in', ip: '192.0.2.7', detail: { note: 'first' } });
		expect(entries[0].at).toBeInstanceOf(Date);
	});

	it.each([
		['update', `update audit_log set action = 'auth.sign_out'`],
		['delete', 'delete from audit_log'],
		['truncate', 'truncate audit_log']
	])('refuses %s, at the database, whoever asks', async (_, sql) => {
		await expect(db.query(sql)).rejects.toThrow(/append-only/);
		expect((await listAudit(db, {})).total).toBe(1);
	});

	it('filters by person, action prefix and date', async () => {
		await recordAudit(db, { ...SYSTEM_CONTEXT, actorEmail: 'other@example.org' }, { action: 'invitation.create' });
		expect((await listAudit(db, { actor: 'other' })).entries.map((e) => e.action)).toEqual(['invitation.create']);
		expect((await listAudit(db, { action: 'auth' })).total).toBe(1);
		expect((await listAudit(db, { from: '2999-01-01' })).total).toBe(0);
	});

	it('filters by UK calendar day: 12:30am on 1 July in summer time is 30 June 11:30pm UTC', async () => {
		await db.query(`insert into audit_log (at, actor_email, action) values ('2026-06-30T23:30:00Z', 'bst@example.org', 'auth.sign_in')`);
		const actions = async (from: string, to: string) => (await listAudit(db, { actor: 'bst@', from, to })).total;
		expect(await actions('2026-07-01', '2026-07-01')).toBe(1);
		expect(await actions('2026-06-30', '2026-06-30')).toBe(0);
	});
});
