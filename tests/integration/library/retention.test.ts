// The retention purge on both databases: which revisions' files go, and when,
// with a closed cycle and a fake `now`; its audit rows; shared files; repeats.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../helpers/test-db';
import { readDemoIds, type DemoIds } from '../../helpers/demo-ids';
import { documentWith, memoryStorage, storedFile, submissionCiting } from '../../helpers/library';
import { SYSTEM_CONTEXT } from '../../../src/lib/server/audit-log';
import { getDocument, removeDocument } from '../../../src/lib/server/evidence';
import { linkDocuments } from '../../../src/lib/server/evidence-links';
import { purgeEvidence, setRetention } from '../../../src/lib/server/evidence-retention';
import { answerChallenge, decideChallenge, raiseChallenge, type Actor } from '../../../src/lib/server/challenges';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ids: DemoIds;
let police: string;
const storage = memoryStorage();
const CLOSED = new Date('2024-04-01T12:00:00Z');
const monthsAfterClose = (n: number) => new Date(Date.UTC(2024, 3 + n, 2, 12));

const where = (partnership: 'northmere' | 'eastbrook') => ({
	partnershipId: ids.partnerships[partnership],
	organisationId: police,
	returnId: ids.police.returnId,
	templateId: ids.templates.s11
});

beforeAll(async () => {
	db = await createTestDb('demo');
	ids = await readDemoIds(db);
	police = ids.organisations['Mercia Vale Police'];
});
afterAll(() => db.drop());
// Each test starts with nothing left to purge and both partnerships keeping evidence forever.
beforeEach(async () => {
	await purgeEvidence(db, storage, SYSTEM_CONTEXT, new Date('2999-01-01'));
	await db.query('update partnerships set evidence_retention_months = null');
});

const purgedIds = async (now: Date) => (await purgeEvidence(db, storage, SYSTEM_CONTEXT, now)).map((p) => p.revisionId);
const isPurged = async (revisionId: string) => (await db.query<{ purged_at: Date | null }>('select purged_at from evidence_revisions where id = $1', [revisionId]))[0].purged_at !== null;

describe('a superseded revision cited by a submission', () => {
	it('is kept while the partnership keeps evidence forever, then purged once the period has run out since the cycle closed', async () => {
		const files = [storedFile(police, 'policy v1 forever', { storage }), storedFile(police, 'policy v2 forever', { storage })];
		const doc = await documentWith(db, SYSTEM_CONTEXT, police, 'Safeguarding policy', files);
		await submissionCiting(db, where('northmere'), CLOSED, [doc.revisionIds[0]]);

		expect(await purgedIds(monthsAfterClose(600))).toEqual([]);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 12);
		expect(await purgedIds(monthsAfterClose(11))).toEqual([]);
		expect(storage.objects.has(files[0].storageKey)).toBe(true);

		const purged = await purgeEvidence(db, storage, SYSTEM_CONTEXT, monthsAfterClose(13));
		expect(purged.map((p) => p.revisionId)).toEqual([doc.revisionIds[0]]);
		expect(purged[0]).toMatchObject({ reason: 'retention_expired', partnershipIds: [ids.partnerships.northmere], fileDeleted: true });
		expect(storage.objects.has(files[0].storageKey)).toBe(false);
		expect(storage.objects.has(files[1].storageKey)).toBe(true);

		const audit = await db.query<{ organisation_id: string; partnership_id: string; subject_id: string; detail: Record<string, unknown> }>(
			`select organisation_id, partnership_id, subject_id, detail from audit_log where action = 'evidence.purge' and subject_id = $1`,
			[doc.revisionIds[0]]
		);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ organisation_id: police, partnership_id: ids.partnerships.northmere });
		expect(audit[0].detail).toMatchObject({ document: doc.documentId, revision: 1, reason: 'retention_expired', partnerships: [ids.partnerships.northmere] });
		// The record stays: the submission can still say what it cited.
		expect((await getDocument(db, police, doc.documentId))!.current.revision).toBe(2);
	});

	it('is kept while any citing submission is unexpired: another partnership without a period, or a cycle reopened', async () => {
		const doc = await documentWith(db, SYSTEM_CONTEXT, police, 'Two partnerships', [storedFile(police, 'two v1', { storage }), storedFile(police, 'two v2', { storage })]);
		await submissionCiting(db, where('northmere'), CLOSED, [doc.revisionIds[0]]);
		await submissionCiting(db, where('eastbrook'), CLOSED, [doc.revisionIds[0]]);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 1);
		expect(await purgedIds(monthsAfterClose(24))).toEqual([]);

		const open = await documentWith(db, SYSTEM_CONTEXT, police, 'Open cycle', [storedFile(police, 'open v1', { storage }), storedFile(police, 'open v2', { storage })]);
		await submissionCiting(db, where('northmere'), null, [open.revisionIds[0]]);
		expect(await purgedIds(monthsAfterClose(24))).toEqual([]);

		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.eastbrook, 6);
		expect(await purgedIds(monthsAfterClose(24))).toEqual([doc.revisionIds[0]]);
	});
});

describe('what the purge never touches', () => {
	it('keeps the newest revision of a document in use, and old revisions no submission cited', async () => {
		const doc = await documentWith(db, SYSTEM_CONTEXT, police, 'In use', [storedFile(police, 'use v1', { storage }), storedFile(police, 'use v2', { storage })]);
		await submissionCiting(db, where('northmere'), CLOSED, [doc.revisionIds[1]]);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 1);
		expect(await purgedIds(monthsAfterClose(24))).toEqual([]);
		expect(await isPurged(doc.revisionIds[0])).toBe(false);
	});

	it('keeps a file another unpurged revision shares (the same content, stored once)', async () => {
		const shared = storedFile(police, 'shared content', { storage });
		const a = await documentWith(db, SYSTEM_CONTEXT, police, 'Shared A', [shared, storedFile(police, 'shared A v2', { storage })]);
		await documentWith(db, SYSTEM_CONTEXT, police, 'Shared B', [shared]);
		await submissionCiting(db, where('northmere'), CLOSED, [a.revisionIds[0]]);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 1);
		const purged = await purgeEvidence(db, storage, SYSTEM_CONTEXT, monthsAfterClose(24));
		expect(purged).toEqual([expect.objectContaining({ revisionId: a.revisionIds[0], fileDeleted: false })]);
		expect(storage.objects.has(shared.storageKey)).toBe(true);
	});
});

describe('a removed document', () => {
	it('that no submission ever cited is purged whole; one a submission cites waits for the period', async () => {
		const ret = { id: ids.police.returnId, organisationId: police };
		const never = await documentWith(db, SYSTEM_CONTEXT, police, 'Never sent', [storedFile(police, 'never v1', { storage }), storedFile(police, 'never v2', { storage })]);
		await linkDocuments(db, SYSTEM_CONTEXT, ret, '1.1', [never.documentId], null);
		const sent = await documentWith(db, SYSTEM_CONTEXT, police, 'Sent once', [storedFile(police, 'sent v1', { storage })]);
		await submissionCiting(db, where('northmere'), CLOSED, sent.revisionIds);
		for (const d of [never, sent]) {
			const doc = (await getDocument(db, police, d.documentId))!;
			expect((await removeDocument(db, SYSTEM_CONTEXT, doc, doc.version)).ok).toBe(true);
		}

		const purged = await purgeEvidence(db, storage, SYSTEM_CONTEXT, monthsAfterClose(1));
		expect(purged.map((p) => p.revisionId).sort()).toEqual([...never.revisionIds].sort());
		expect(new Set(purged.map((p) => p.reason))).toEqual(new Set(['removed_never_submitted']));

		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 12);
		expect(await purgedIds(monthsAfterClose(13))).toEqual(sent.revisionIds);
	});
});

describe('a document cited by an answer to a challenge', () => {
	const actor = (email: string): Actor => ({ ctx: { ...SYSTEM_CONTEXT, actorId: ids.users[email], actorEmail: email }, name: email, origin: 'https://portal.example' });

	it('keeps its file while the challenge is being decided, then for the partnership’s period after it is closed', async () => {
		const doc = await documentWith(db, SYSTEM_CONTEXT, police, 'Answer to the chair', [storedFile(police, 'answer evidence', { storage })]);
		const raised = await raiseChallenge(db, actor('chair@northmere.example.org'), {
			partnershipId: ids.partnerships.northmere, organisationId: police, cycleId: null, submissionId: null, standardCode: null, requirementCode: null,
			source: 'other', text: 'Show the audit of referrals', dueOn: '2024-05-01', actionId: null, actionClosureRequired: false
		}, CLOSED);
		const answered = await answerChallenge(db, actor('lead@police.example.org'), raised, { text: 'The audit is attached', revisionIds: doc.revisionIds, actionId: null }, raised.version, CLOSED);
		expect(answered.ok).toBe(true);
		const current = (await getDocument(db, police, doc.documentId))!;
		expect((await removeDocument(db, SYSTEM_CONTEXT, current, current.version)).ok).toBe(true);

		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 12);
		expect(await purgedIds(monthsAfterClose(24)), 'the chair has not decided yet').toEqual([]);
		if (!answered.ok) return;
		const closed = await decideChallenge(db, actor('chair@northmere.example.org'), answered.challenge, { decision: 'close', text: 'Seen', newDueOn: null, actionId: undefined, actionClosureRequired: false, closureConfirmed: false }, answered.challenge.version, monthsAfterClose(24));
		expect(closed.ok).toBe(true);
		expect(await purgedIds(monthsAfterClose(30)), 'closed six months ago, kept for twelve').toEqual([]);
		expect(await purgedIds(monthsAfterClose(37))).toEqual(doc.revisionIds);
	});
});

describe('running it again, or on two instances at once', () => {
	it('purges each revision once and writes one audit row for it', async () => {
		const doc = await documentWith(db, SYSTEM_CONTEXT, police, 'Twice', [storedFile(police, 'twice v1', { storage }), storedFile(police, 'twice v2', { storage })]);
		await submissionCiting(db, where('northmere'), CLOSED, [doc.revisionIds[0]]);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.northmere, 1);
		const [one, two] = await Promise.all([purgedIds(monthsAfterClose(24)), purgedIds(monthsAfterClose(24))]);
		expect([...one, ...two]).toEqual([doc.revisionIds[0]]);
		expect(await purgedIds(monthsAfterClose(48))).toEqual([]);
		const rows = await db.query(`select 1 from audit_log where action = 'evidence.purge' and subject_id = $1`, [doc.revisionIds[0]]);
		expect(rows).toHaveLength(1);
	});
});

describe('the retention setting', () => {
	it('is audit-logged when it changes, and not when saved unchanged', async () => {
		const count = async () => (await db.query(`select 1 from audit_log where action = 'partnership.evidence_retention' and partnership_id = $1`, [ids.partnerships.eastbrook])).length;
		const before = await count();
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.eastbrook, 72);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.eastbrook, 72);
		await setRetention(db, SYSTEM_CONTEXT, ids.partnerships.eastbrook, null);
		expect((await count()) - before).toBe(2);
	});
});
