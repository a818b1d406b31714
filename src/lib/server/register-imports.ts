// A school register import: the establishments of the chosen local authorities
// kept between the preview and the apply (see migration 0016), what applying
// them would do to the partnership's schools, and the apply itself.
import type { Queryable } from './db';
import type { ApplyCounts, RegisterRow } from '../domain/school-register';

export type { ApplyCounts };
import type { MalformedRow, RegisterEncoding } from './import/gias-csv';

/** How long a preview can be applied. */
export const PREVIEW_HOURS = 24;

export interface RegisterImport {
	id: string;
	partnershipId: string;
	uploadedBy: string | null;
	uploaderName: string | null;
	uploadedAt: Date;
	expiresAt: Date;
	fileName: string;
	encoding: RegisterEncoding;
	laCodes: string[];
	rowsRead: number;
	malformed: MalformedRow[];
	malformedCount: number;
	appliedAt: Date | null;
	outcome: ApplyCounts | null;
}

export interface NewImport {
	partnershipId: string;
	uploadedBy: string | null;
	fileName: string;
	encoding: RegisterEncoding;
	laCodes: string[];
	rowsRead: number;
	rows: RegisterRow[];
	malformed: MalformedRow[];
	malformedCount: number;
}

const CHUNK = 1000;
const ROW_COLUMNS = ['line', 'urn', 'ukprn', 'name', 'postcode', 'status', 'phase', 'establishment_type', 'establishment_group', 'la_code', 'la_name', 'trust_name', 'head_name', 'pupils'] as const;
const ROW_TYPES = ['int4', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int4'];
const rowValues = (r: RegisterRow) => [r.line, r.urn, r.ukprn, r.name, r.postcode, r.status, r.phase, r.establishmentType, r.establishmentGroup, r.laCode, r.laName, r.trustName, r.headName, r.pupils];

/** Keeps a preview's rows; one insert per thousand rows. */
export async function saveImport(db: Queryable, i: NewImport): Promise<string> {
	return db.transaction(async (tx) => {
		const [{ id }] = await tx.query<{ id: string }>(
			`insert into register_imports (partnership_id, uploaded_by, expires_at, file_name, encoding, la_codes, rows_read, malformed, malformed_count)
			 values ($1, $2, now() + make_interval(hours => $3), $4, $5, $6, $7, $8, $9) returning id`,
			[i.partnershipId, i.uploadedBy, PREVIEW_HOURS, i.fileName.slice(0, 255), i.encoding, i.laCodes, i.rowsRead, i.malformed, i.malformedCount]
		);
		const unnest = ROW_TYPES.map((t, n) => `$${n + 2}::${t}[]`).join(', ');
		for (let start = 0; start < i.rows.length; start += CHUNK) {
			const chunk = i.rows.slice(start, start + CHUNK).map(rowValues);
			await tx.query(
				`insert into register_import_rows (import_id, ${ROW_COLUMNS.join(', ')}) select $1, * from unnest(${unnest})`,
				[id, ...ROW_COLUMNS.map((_, n) => chunk.map((values) => values[n]))]
			);
		}
		return id;
	});
}

type ImportRow = {
	id: string;
	partnership_id: string;
	uploaded_by: string | null;
	uploader_name: string | null;
	uploaded_at: Date | string;
	expires_at: Date | string;
	file_name: string;
	encoding: RegisterEncoding;
	la_codes: string[];
	rows_read: number;
	malformed: MalformedRow[];
	malformed_count: number;
	applied_at: Date | string | null;
	outcome: ApplyCounts | null;
};

/** The import, only through the partnership it was uploaded to. */
export async function getImport(db: Queryable, partnershipId: string, id: string): Promise<RegisterImport | null> {
	const [r] = await db.query<ImportRow>(
		`select i.*, coalesce(nullif(u.name, ''), u.email) as uploader_name from register_imports i left join users u on u.id = i.uploaded_by
		 where i.id = $1 and i.partnership_id = $2`,
		[id, partnershipId]
	);
	if (!r) return null;
	return {
		id: r.id,
		partnershipId: r.partnership_id,
		uploadedBy: r.uploaded_by,
		uploaderName: r.uploader_name,
		uploadedAt: new Date(r.uploaded_at),
		expiresAt: new Date(r.expires_at),
		fileName: r.file_name,
		encoding: r.encoding,
		laCodes: r.la_codes,
		rowsRead: r.rows_read,
		malformed: r.malformed,
		malformedCount: r.malformed_count,
		appliedAt: r.applied_at === null ? null : new Date(r.applied_at),
		outcome: r.outcome
	};
}

type StoredRow = { line: number; urn: string; ukprn: string | null; name: string; postcode: string; status: 'open' | 'closed'; phase: RegisterRow['phase']; establishment_type: string; establishment_group: string; la_code: string | null; la_name: string; trust_name: string; head_name: string; pupils: number | null };

export async function importRows(db: Queryable, importId: string): Promise<RegisterRow[]> {
	const rows = await db.query<StoredRow>('select * from register_import_rows where import_id = $1 order by line', [importId]);
	return rows.map((r) => ({
		line: r.line,
		urn: r.urn,
		ukprn: r.ukprn,
		name: r.name,
		postcode: r.postcode,
		status: r.status,
		phase: r.phase,
		establishmentType: r.establishment_type,
		establishmentGroup: r.establishment_group,
		laCode: r.la_code,
		laName: r.la_name,
		trustName: r.trust_name,
		headName: r.head_name,
		pupils: r.pupils
	}));
}

/** The local-authority codes of the partnership's schools already imported: the form's starting value. */
export async function partnershipLaCodes(db: Queryable, partnershipId: string): Promise<string[]> {
	const rows = await db.query<{ la_code: string }>(
		`select distinct o.la_code from organisations o join partnership_members m on m.organisation_id = o.id
		 where m.partnership_id = $1 and m.active and o.la_code is not null order by o.la_code`,
		[partnershipId]
	);
	return rows.map((r) => r.la_code);
}

/** Marks the import applied, once: false when it was already applied or has expired (checked under the row's lock). */
export async function claimImport(db: Queryable, id: string, userId: string | null): Promise<'ok' | 'applied' | 'expired'> {
	const [r] = await db.query<{ applied: boolean; expired: boolean }>(
		'select applied_at is not null as applied, expires_at <= now() as expired from register_imports where id = $1 for update',
		[id]
	);
	if (!r || r.applied) return 'applied';
	if (r.expired) return 'expired';
	await db.query('update register_imports set applied_at = now(), applied_by = $2 where id = $1', [id, userId]);
	return 'ok';
}

export async function finishImport(db: Queryable, id: string, outcome: ApplyCounts): Promise<void> {
	await db.query('update register_imports set outcome = $2 where id = $1', [id, outcome]);
	await db.query('delete from register_import_rows where import_id = $1', [id]);
}

/** Removes the rows of previews nobody applied before they expired (housekeeping). */
export async function purgeExpiredImports(db: Queryable): Promise<number> {
	const rows = await db.query('delete from register_import_rows r using register_imports i where i.id = r.import_id and i.expires_at <= now() returning 1');
	return rows.length;
}

/** A school's name and postcode as the register gives them. */
export async function recordRegisterName(db: Queryable, organisationId: string, name: string, postcode: string): Promise<void> {
	await db.query('update organisations set name = $2, postcode = $3, updated_at = now() where id = $1 and (name <> $2 or postcode <> $3)', [organisationId, name, postcode]);
}

/** UKPRNs in `ukprns` that some organisation already has: a new school is added without one rather than failing the import. */
export async function takenUkprns(db: Queryable, ukprns: string[]): Promise<Set<string>> {
	const rows = await db.query<{ ukprn: string }>('select ukprn from organisations where ukprn = any($1::text[])', [ukprns]);
	return new Set(rows.map((r) => r.ukprn));
}
