// A partnership's member organisations as its pages list them.
import type { Queryable } from './db';
import type { OrganisationKind, Sector } from '../domain/organisations';

export interface MemberSummary {
	id: string;
	name: string;
	kind: OrganisationKind;
	sector: Sector;
	identifier: string | null;
	memberActive: boolean;
	users: number;
	sharedWith: number;
}

export interface MemberFilter {
	search?: string;
	kind?: OrganisationKind;
	includeInactive?: boolean;
	page?: number;
}

export const MEMBERS_PAGE_SIZE = 50;

export async function listMembers(
	db: Queryable,
	partnershipId: string,
	filter: MemberFilter = {}
): Promise<{ members: MemberSummary[]; total: number; page: number; pages: number }> {
	const params: unknown[] = [partnershipId];
	const where = ['m.partnership_id = $1'];
	if (!filter.includeInactive) where.push('m.active');
	if (filter.kind) {
		params.push(filter.kind);
		where.push(`o.kind = $${params.length}`);
	}
	if (filter.search) {
		params.push(filter.search.trim());
		const p = `$${params.length}`;
		where.push(`(o.name ilike '%' || ${p} || '%' or o.urn = ${p} or o.ods_code = upper(${p}) or o.gss_code = upper(${p}))`);
	}
	const page = Math.max(1, filter.page ?? 1);
	const whereSql = where.join(' and ');
	const [count, rows] = await Promise.all([
		db.query<{ n: number }>(
			`select count(*) as n from partnership_members m join organisations o on o.id = m.organisation_id where ${whereSql}`,
			params
		),
		db.query<{
			id: string;
			name: string;
			kind: OrganisationKind;
			sector: Sector;
			identifier: string | null;
			member_active: boolean;
			users: number;
			shared_with: number;
		}>(
			`select o.id, o.name, o.kind, o.sector, coalesce(o.urn, o.ods_code, o.gss_code, o.ukprn) as identifier,
				m.active as member_active,
				(select count(distinct r.user_id) from organisation_roles r where r.organisation_id = o.id) as users,
				(select count(*) from partnership_members x
				 where x.organisation_id = o.id and x.partnership_id <> m.partnership_id and x.active) as shared_with
			 from partnership_members m join organisations o on o.id = m.organisation_id
			 where ${whereSql}
			 order by lower(o.name) limit ${MEMBERS_PAGE_SIZE} offset ${(page - 1) * MEMBERS_PAGE_SIZE}`,
			params
		)
	]);
	const total = count[0].n;
	return {
		total,
		page,
		pages: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)),
		members: rows.map((r) => ({
			id: r.id,
			name: r.name,
			kind: r.kind,
			sector: r.sector,
			identifier: r.identifier,
			memberActive: r.member_active,
			users: r.users,
			sharedWith: r.shared_with
		}))
	};
}

/** Every current member, for choosing a cycle's participants (a partnership has hundreds at most). */
export async function activeMembers(db: Queryable, partnershipId: string): Promise<{ id: string; name: string; kind: OrganisationKind }[]> {
	return db.query(
		`select o.id, o.name, o.kind from partnership_members m join organisations o on o.id = m.organisation_id
		 where m.partnership_id = $1 and m.active order by o.kind, lower(o.name)`,
		[partnershipId]
	);
}
