// Which capacities a signatory can be invited in: the organisation's kind's,
// and any a template it is asked to answer signs off in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { createCycle } from '../../../src/lib/server/cycles';
import { signOffCapacitiesAskedOf } from '../../../src/lib/server/templates';
import { signatoryCapacitiesFor } from '../../../src/lib/domain/roles';
import { ukToday } from '../../../src/lib/domain/cycles';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
});
afterAll(() => db.drop());

describe('sign-off capacities asked of an organisation', () => {
	it('are those of the templates of its returns and cycles', async () => {
		expect((await signOffCapacitiesAskedOf(db, ids.organisations['Oakfield Primary School'])).sort()).toEqual(['governor', 'headteacher']);
		expect(await signOffCapacitiesAskedOf(db, ids.organisations['Mercia Vale Police'])).toEqual(['executive_lead']);
	});

	it('grow when a school is asked for a template an executive lead signs off, and the invitation offers it', async () => {
		const school = 'Oakfield Primary School';
		const oakfield = ids.organisations[school];
		expect(signatoryCapacitiesFor('school', await signOffCapacitiesAskedOf(db, oakfield))).toEqual(['headteacher', 'governor']);
		const [themed] = await db.query<{ id: string; definition: { standards: { code: string }[] } }>(
			`select id, definition from templates where slug = 'child-exploitation-practice-standards'`
		);
		await createCycle(db, SYSTEM_CONTEXT, {
			partnershipId: ids.partnerships.northmere,
			templateId: themed.id,
			title: 'Child exploitation self-assessment',
			standardCodes: themed.definition.standards.map((s) => s.code),
			opensOn: ukToday(),
			closesOn: ukToday(),
			organisationIds: [oakfield]
		});
		expect(signatoryCapacitiesFor('school', await signOffCapacitiesAskedOf(db, oakfield))).toEqual(['headteacher', 'governor', 'executive_lead']);
	});
});
