// What a school register import does to a partnership's schools: its plan (the
// preview) and its apply, which re-reads the plan inside one transaction so it
// writes what the database holds now. Schools are matched by URN; one already
// working with another partnership, or with people, is asked to agree rather
// than taken (joinOutcome), and its details are left to those who hold it.
import type { Queryable } from './db';
import type { AuditContext } from './audit-log';
import { recordAudit } from './audit-log';
import { registerChanges, type RegisterRow } from '../domain/school-register';
import type { OrganisationInput } from '../domain/organisations';
import { createOrganisation, findAllByIdentifiers, joinOutcome, recordRegisterDetails, type Organisation, type RegisterInput } from './organisations';
import { joinExisting, type Requester } from './membership-requests';
import { claimImport, finishImport, getImport, importRows, recordRegisterName, takenUkprns, type ApplyCounts } from './register-imports';

export type PlanKind = 'new' | 'changed' | 'unchanged' | 'request' | 'closed';

export interface PlannedRow {
	kind: PlanKind;
	row: RegisterRow;
	/** The school the portal already has with this URN. */
	organisation: Organisation | null;
	/** For `changed`: what will change, in words; "becomes a member" when it will be linked. */
	changes: string[];
}

const asInput = (r: RegisterRow): OrganisationInput => ({ name: r.name, kind: 'school', sector: 'education', urn: r.urn, address: '', postcode: r.postcode || undefined });

/** Each open row, and each closed row of a school this partnership has, with what applying will do to it. */
export async function planImport(db: Queryable, partnershipId: string, rows: RegisterRow[]): Promise<PlannedRow[]> {
	const known = new Map<string, Organisation>();
	for (const o of await findAllByIdentifiers(db, rows.map(asInput))) if (o.urn) known.set(o.urn, o);
	const plan: PlannedRow[] = [];
	for (const row of rows) {
		const organisation = known.get(row.urn) ?? null;
		if (row.status === 'closed') {
			// Only a school already a member here is marked closed; one never imported is of no interest.
			if (organisation && !organisation.register.closedAt && joinOutcome(organisation, partnershipId) === 'already_member') plan.push({ kind: 'closed', row, organisation, changes: [] });
			continue;
		}
		if (!organisation) {
			plan.push({ kind: 'new', row, organisation, changes: [] });
			continue;
		}
		const join = joinOutcome(organisation, partnershipId);
		if (join === 'request') {
			plan.push({ kind: 'request', row, organisation, changes: [] });
			continue;
		}
		const changes = [...(join === 'link' ? ['becomes a member'] : []), ...registerChanges(organisation, row)];
		plan.push({ kind: changes.length ? 'changed' : 'unchanged', row, organisation, changes });
	}
	return plan;
}

const details = (r: RegisterRow): RegisterInput => ({
	phase: r.phase,
	establishmentType: r.establishmentType,
	establishmentGroup: r.establishmentGroup,
	laCode: r.laCode,
	laName: r.laName,
	trustName: r.trustName,
	headName: r.headName,
	pupils: r.pupils
});

export type ApplyResult = { ok: true; counts: ApplyCounts } | { ok: false; reason: 'applied' | 'expired' | 'not_found' };

/** Applies a preview in one transaction, once, before it expires; audit-logged. */
export async function applyImport(db: Queryable, partnershipId: string, importId: string, requester: Requester): Promise<ApplyResult> {
	return db.transaction(async (tx) => {
		const found = await getImport(tx, partnershipId, importId);
		if (!found) return { ok: false, reason: 'not_found' };
		const claimed = await claimImport(tx, importId, requester.ctx.actorId);
		if (claimed !== 'ok') return { ok: false, reason: claimed };
		const plan = await planImport(tx, partnershipId, await importRows(tx, importId));
		const counts: ApplyCounts = { created: 0, updated: 0, linked: 0, requested: 0, closed: 0, unchanged: 0, malformed: found.malformedCount };
		const taken = await takenUkprns(tx, plan.flatMap((p) => (p.kind === 'new' && p.row.ukprn ? [p.row.ukprn] : [])));
		for (const p of plan) await applyRow(tx, partnershipId, p, requester, taken, counts);
		await finishImport(tx, importId, counts);
		await recordAudit(tx, requester.ctx, {
			action: 'register.import',
			partnershipId,
			subjectType: 'register_import',
			subjectId: importId,
			detail: { ...counts, laCodes: found.laCodes, fileName: found.fileName }
		});
		return { ok: true, counts };
	});
}

async function applyRow(tx: Queryable, partnershipId: string, p: PlannedRow, requester: Requester, taken: Set<string>, counts: ApplyCounts) {
	const { row, organisation } = p;
	if (p.kind === 'new') {
		// A UKPRN some other organisation already has (or one earlier in this file gave) is left off rather than failing the import.
		const ukprn = row.ukprn && !taken.has(row.ukprn) ? row.ukprn : undefined;
		if (ukprn) taken.add(ukprn);
		const created = await createOrganisation(tx, partnershipId, { ...asInput(row), ukprn });
		await recordRegisterDetails(tx, created.id, details(row));
		counts.created++;
		return;
	}
	if (!organisation) return;
	if (p.kind === 'request') {
		await joinExisting(tx, partnershipId, organisation, requester);
		counts.requested++;
		return;
	}
	if (p.kind === 'closed') {
		await recordRegisterDetails(tx, organisation.id, details(row), true);
		counts.closed++;
		return;
	}
	const linked = joinOutcome(organisation, partnershipId) === 'link';
	if (linked) await joinExisting(tx, partnershipId, organisation, requester);
	await recordRegisterName(tx, organisation.id, row.name, row.postcode);
	// Unchanged schools are recorded too: the page says when the register was last imported.
	await recordRegisterDetails(tx, organisation.id, details(row));
	counts[linked ? 'linked' : p.kind === 'changed' ? 'updated' : 'unchanged']++;
}
