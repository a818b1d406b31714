// Removing roles: an organisation always keeps a lead who can sign in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { grantRole, removeRole } from '../../../src/lib/server/people';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

describe('removing a lead', () => {
	it('is refused when the only other lead is disabled, and allowed for the disabled one', async () => {
		const police = ids.organisations['Mercia Vale Police'];
		const second = ids.users['contributor@police.example.org'];
		await grantRole(db, { userId: second, organisationId: police, role: 'lead', capacity: null });
		await db.query('update users set disabled_at = now() where id = $1', [second]);
		const lead = { organisationId: police, userId: ids.users['lead@police.example.org'], role: 'lead' as const };
		expect(await removeRole(db, SYSTEM_CONTEXT, lead)).toEqual({ ok: false, reason: 'last_manager' });
		expect(await removeRole(db, SYSTEM_CONTEXT, { ...lead, userId: second })).toEqual({ ok: true });
	});
});
