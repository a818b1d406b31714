import { SQLSTATE, sqlState, type Queryable } from './db';
import type { OrganisationInput, OrganisationKind, SchoolPhase, Sector } from '../domain/organisations';

export interface Organisation {
	id: string;
	name: string;
	kind: OrganisationKind;
	sector: Sector;
	urn: string | null;
	ukprn: string | null;
	odsCode: string | null;
	gssCode: string | null;
	address: string;
	postcode: string;
	active: boolean;
	version: number;
	/** What the school register said at the last import (see recordRegisterDetails); null and blank when never imported. */
	register: RegisterDetails;
	/**
	 * Partnerships it is, or was, a member of: what scopes partnership users'
	 * access (history stays visible after a membership ends).
	 */
	partnershipIds: string[];
	/** The subset whose membership is current. */
	activePartnershipIds: string[];
	/** Whether anyone who can sign in holds a role in it. */
	hasPeople: boolean;
}

/** A school's entry in the national register (Get Information About Schools), as last imported. */
export interface RegisterDetails {
	phase: SchoolPhase | null;
	establishmentType: string;
	establishmentGroup: string;
	laCode: string | null;
	laName: string;
	trustName: string;
	headName: string;
	pupils: number | null;
	importedAt: Date | null;
	closedAt: Date | null;
}

export type RegisterInput = Omit<RegisterDetails, 'importedAt' | 'closedAt'>;

type OrganisationRow = {
	id: string;
	name: string;
	kind: OrganisationKind;
	sector: Sector;
	urn: string | null;
	ukprn: string | null;
	ods_code: string | null;
	gss_code: string | null;
	address: string;
	postcode: string;
	active: boolean;
	version: number;
	phase: SchoolPhase | null;
	establishment_type: string;
	establishment_group: string;
	la_code: string | null;
	la_name: string;
	trust_name: string;
	head_name: string;
	pupils: number | null;
	register_imported_at: Date | string | null;
	closed_at: Date | string | null;
	partnership_ids: string[] | null;
	active_partnership_ids: string[] | null;
	has_people: boolean;
};

const toOrganisation = (r: OrganisationRow): Organisation => ({
	id: r.id,
	name: r.name,
	kind: r.kind,
	sector: r.sector,
	urn: r.urn,
	ukprn: r.ukprn,
	odsCode: r.ods_code,
	gssCode: r.gss_code,
	address: r.address,
	postcode: r.postcode,
	active: r.active,
	version: r.version,
	register: {
		phase: r.phase,
		establishmentType: r.establishment_type,
		establishmentGroup: r.establishment_group,
		laCode: r.la_code,
		laName: r.la_name,
		trustName: r.trust_name,
		headName: r.head_name,
		pupils: r.pupils,
		importedAt: r.register_imported_at === null ? null : new Date(r.register_imported_at),
		closedAt: r.closed_at === null ? null : new Date(r.closed_at)
	},
	partnershipIds: r.partnership_ids ?? [],
	activePartnershipIds: r.active_partnership_ids ?? [],
	hasPeople: r.has_people
});

const SELECT = `select o.*,
	(select array_agg(m.partnership_id) from partnership_members m where m.organisation_id = o.id)
		as partnership_ids,
	(select array_agg(m.partnership_id) from partnership_members m where m.organisation_id = o.id and m.active)
		as active_partnership_ids,
	exists (select 1 from organisation_roles r join users u on u.id = r.user_id
		where r.organisation_id = o.id and u.disabled_at is null) as has_people
	from organisations o`;

export async function getOrganisation(db: Queryable, id: string): Promise<Organisation | null> {
	const rows = await db.query<OrganisationRow>(`${SELECT} where o.id = $1`, [id]);
	return rows[0] ? toOrganisation(rows[0]) : null;
}

const hasIdentifier = (i: OrganisationInput) => Boolean(i.urn || i.ukprn || i.odsCode || i.gssCode);

/**
 * The existing organisation this input describes: one sharing a national
 * identifier, or, when the input has none (many voluntary bodies, probation),
 * the one of the same kind with the same name.
 */
export async function findByIdentifiers(db: Queryable, input: OrganisationInput): Promise<Organisation | null> {
	return (await findAllByIdentifiers(db, [input]))[0] ?? null;
}

/** Every existing organisation any of `inputs` describes (see findByIdentifiers): one query for a whole file. */
export async function findAllByIdentifiers(db: Queryable, inputs: OrganisationInput[]): Promise<Organisation[]> {
	const pick = (f: (i: OrganisationInput) => string | undefined) => inputs.map(f).filter((v): v is string => Boolean(v));
	const unnamed = inputs.filter((i) => !hasIdentifier(i));
	const rows = await db.query<OrganisationRow>(
		`${SELECT} where o.urn = any($1::text[]) or o.ukprn = any($2::text[]) or o.ods_code = any($3::text[])
			or o.gss_code = any($4::text[]) or (lower(o.name), o.kind) in (select unnest($5::text[]), unnest($6::text[]))`,
		[pick((i) => i.urn), pick((i) => i.ukprn), pick((i) => i.odsCode), pick((i) => i.gssCode), unnamed.map((i) => i.name.toLowerCase()), unnamed.map((i) => i.kind)]
	);
	const found = rows.map(toOrganisation);
	return inputs.flatMap((i) => matchByIdentifiers(found, i) ?? []).filter((o, n, all) => all.findIndex((x) => x.id === o.id) === n);
}

/** The organisation in `known` that `input` describes: by identifier, or by name and kind when it has none. */
export function matchByIdentifiers(known: Organisation[], input: OrganisationInput): Organisation | undefined {
	if (!hasIdentifier(input)) return known.find((o) => o.kind === input.kind && o.name.toLowerCase() === input.name.toLowerCase());
	return known.find(
		(o) =>
			(input.urn && o.urn === input.urn) ||
			(input.ukprn && o.ukprn === input.ukprn) ||
			(input.odsCode && o.odsCode === input.odsCode) ||
			(input.gssCode && o.gssCode === input.gssCode)
	);
}

/**
 * What adding a known organisation to a partnership means. Joining gives the
 * partnership's business unit power over the organisation's details and leads,
 * so an organisation that already works with another partnership, or already
 * has people here, must agree first ("request"), even if it was a member before.
 */
export function joinOutcome(organisation: Organisation, partnershipId: string): 'already_member' | 'link' | 'request' {
	if (organisation.activePartnershipIds.includes(partnershipId)) return 'already_member';
	const heldElsewhere = organisation.activePartnershipIds.length > 0 || organisation.hasPeople;
	return heldElsewhere ? 'request' : 'link';
}

/** A new organisation, a member of the partnership that adds it. */
export async function createOrganisation(db: Queryable, partnershipId: string, input: OrganisationInput): Promise<Organisation> {
	return db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into organisations (name, kind, sector, urn, ukprn, ods_code, gss_code, address, postcode)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
			organisationColumns(input)
		);
		await linkMember(tx, partnershipId, rows[0].id);
		return (await getOrganisation(tx, rows[0].id))!;
	});
}

/** The editable columns in the order the insert and update statements name them. */
const organisationColumns = (input: OrganisationInput) => [
	input.name,
	input.kind,
	input.sector,
	input.urn ?? null,
	input.ukprn ?? null,
	input.odsCode ?? null,
	input.gssCode ?? null,
	input.address,
	input.postcode ?? ''
];

/** Makes a known organisation a (current) member of a partnership. */
export async function linkMember(db: Queryable, partnershipId: string, organisationId: string): Promise<void> {
	await db.query(
		`insert into partnership_members (partnership_id, organisation_id) values ($1, $2)
		 on conflict (partnership_id, organisation_id) do update set active = true`,
		[partnershipId, organisationId]
	);
	await db.query('update organisations set active = true where id = $1 and not active', [organisationId]);
	await db.query('delete from membership_requests where partnership_id = $1 and organisation_id = $2', [partnershipId, organisationId]);
}

export type UpdateOrganisationResult =
	| { ok: true; organisation: Organisation }
	| { ok: false; reason: 'stale'; current: Organisation }
	| { ok: false; reason: 'identifier_taken' };

export async function updateOrganisation(
	db: Queryable,
	id: string,
	input: OrganisationInput,
	expectedVersion: number
): Promise<UpdateOrganisationResult> {
	try {
		const rows = await db.query<{ id: string }>(
			`update organisations set name = $3, kind = $4, sector = $5, urn = $6, ukprn = $7, ods_code = $8,
				gss_code = $9, address = $10, postcode = $11, updated_at = now(), version = version + 1
			 where id = $1 and version = $2 returning id`,
			[id, expectedVersion, ...organisationColumns(input)]
		);
		const organisation = await getOrganisation(db, id);
		if (!organisation) throw new Error(`organisation ${id} vanished during update`);
		return rows.length ? { ok: true, organisation } : { ok: false, reason: 'stale', current: organisation };
	} catch (e) {
		if (sqlState(e) === SQLSTATE.uniqueViolation) return { ok: false, reason: 'identifier_taken' };
		throw e;
	}
}

/**
 * Ends an organisation's membership of one partnership (linkMember restores it).
 * The organisation itself is inactive only when no partnership has it as a member.
 */
export async function endMembership(db: Queryable, partnershipId: string, organisationId: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(
			`update partnership_members set active = false where partnership_id = $1 and organisation_id = $2 returning 1`,
			[partnershipId, organisationId]
		);
		if (!rows.length) return false;
		await tx.query(
			`update organisations o set active = exists (
				select 1 from partnership_members m where m.organisation_id = o.id and m.active)
			 where o.id = $1`,
			[organisationId]
		);
		return true;
	});
}

/** Records what the school register says about a school (the import, and the demo); `closed` marks it closed in the register. */
export async function recordRegisterDetails(db: Queryable, organisationId: string, details: RegisterInput, closed = false): Promise<void> {
	await db.query(
		`update organisations set phase = $2, establishment_type = $3, establishment_group = $4, la_code = $5, la_name = $6,
			trust_name = $7, head_name = $8, pupils = $9, register_imported_at = now(),
			closed_at = case when $10::boolean then coalesce(closed_at, now()) else null end,
			updated_at = now(), version = version + 1
		 where id = $1`,
		[organisationId, details.phase, details.establishmentType, details.establishmentGroup, details.laCode, details.laName, details.trustName, details.headName, details.pupils, closed]
	);
}
