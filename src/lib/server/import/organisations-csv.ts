// Agencies from a spreadsheet: one row per organisation. Headers are matched
// loosely (business units' spreadsheets differ), every row is validated with
// the same schema as the form, and nothing is written until the person has
// seen the preview.
import { parse } from 'csv-parse/sync';
import { fieldErrors } from '../../domain/forms';
import { organisationSchema, SECTORS, type OrganisationInput, type Sector } from '../../domain/organisations';
import type { Queryable } from '../db';
import { findAllByIdentifiers, joinOutcome, matchByIdentifiers } from '../organisations';
import { addMember, type Requester } from '../membership-requests';

export const MAX_ROWS = 2000;

const HEADERS: Record<keyof OrganisationInput, string[]> = {
	name: ['name', 'organisation', 'organisation name', 'organization name', 'agency', 'agency name'],
	kind: ['kind', 'type', 'organisation type'],
	sector: ['sector'],
	urn: ['urn'],
	ukprn: ['ukprn'],
	odsCode: ['ods', 'ods code', 'ods_code', 'odscode'],
	gssCode: ['gss', 'gss code', 'gss_code', 'ons code', 'la code'],
	address: ['address'],
	postcode: ['postcode', 'post code']
};

const SECTOR_WORDS: Record<string, Sector> = {
	nhs: 'health',
	health: 'health',
	icb: 'health',
	'integrated care board': 'health',
	council: 'local-authority',
	la: 'local-authority',
	'local authority': 'local-authority',
	police: 'police',
	probation: 'probation',
	yjs: 'youth-justice',
	yos: 'youth-justice',
	'youth justice': 'youth-justice',
	'youth offending': 'youth-justice',
	school: 'education',
	education: 'education',
	'early years': 'early-years',
	charity: 'voluntary',
	voluntary: 'voluntary',
	vcs: 'voluntary',
	vcfs: 'voluntary',
	housing: 'housing',
	fire: 'fire',
	other: 'other'
};

function normaliseSector(value: string): string {
	const v = value.trim().toLowerCase();
	if ((SECTORS as readonly string[]).includes(v)) return v;
	return SECTOR_WORDS[v] ?? value;
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');

export type PreviewRow = {
	line: number;
	name: string;
	identifier: string;
	outcome: 'create' | 'link' | 'request' | 'already_member' | 'error';
	errors: string[];
	input?: OrganisationInput;
};

export type ParsedCsv = { ok: true; rows: PreviewRow[] } | { ok: false; error: string };

/** What csv-parse could not read, in words a business unit can act on: never the parser's own, which quote raw bytes. */
function unreadableCsv(e: unknown): string {
	const { code, lines } = e as { code?: string; lines?: number };
	const near = typeof lines === 'number' ? ` on line ${lines}` : '';
	const again = 'Save the spreadsheet as CSV again and select that file';
	if (code === 'CSV_QUOTE_NOT_CLOSED') return `The file has a quote mark (") that is never closed. ${again}`;
	if (code && /QUOTE/.test(code)) return `The file has a quote mark (") in the middle of a value${near}. Put the whole value in quotes, or save the spreadsheet as CSV again and select that file`;
	return `The file could not be read as CSV${near}. ${again}`;
}

/** Parses and validates the file; `rows` carries a per-row outcome or its errors. */
export async function previewOrganisationsCsv(db: Queryable, partnershipId: string, text: string): Promise<ParsedCsv> {
	let records: string[][];
	try {
		records = parse(text, { skip_empty_lines: true, relax_column_count: true, bom: true, trim: true });
	} catch (e) {
		return { ok: false, error: unreadableCsv(e) };
	}
	if (records.length < 2) return { ok: false, error: 'The file needs a header row and at least one organisation' };
	if (records.length - 1 > MAX_ROWS) return { ok: false, error: `The file has more than ${MAX_ROWS} rows: split it into smaller files` };
	const header = records[0].map(normaliseHeader);
	const columns = Object.fromEntries(
		Object.entries(HEADERS).map(([field, names]) => [field, header.findIndex((h) => names.includes(h))])
	) as Record<keyof OrganisationInput, number>;
	if (columns.name < 0) return { ok: false, error: 'The file needs a column called “name”' };
	if (columns.sector < 0) return { ok: false, error: 'The file needs a column called “sector”' };

	const seen = new Map<string, number>();
	const rows: PreviewRow[] = [];
	for (const [i, record] of records.slice(1).entries()) {
		const cell = (field: keyof OrganisationInput) => (columns[field] >= 0 ? (record[columns[field]] ?? '') : '');
		const raw = {
			name: cell('name'),
			kind: cell('kind').toLowerCase() || 'agency',
			sector: normaliseSector(cell('sector')),
			urn: cell('urn'),
			ukprn: cell('ukprn'),
			odsCode: cell('odsCode'),
			gssCode: cell('gssCode'),
			address: cell('address'),
			postcode: cell('postcode')
		};
		const line = i + 2;
		const parsed = organisationSchema.safeParse(raw);
		if (!parsed.success) {
			const errors = Object.entries(fieldErrors(parsed.error)).map(([, m]) => m);
			rows.push({ line, name: raw.name, identifier: '', outcome: 'error', errors });
			continue;
		}
		const input = parsed.data;
		// The first code the row gives names it; the same code in a different column
		// (a URN and an ODS code that happen to match) is a different organisation.
		const codes = [['urn', input.urn], ['ukprn', input.ukprn], ['ods', input.odsCode], ['gss', input.gssCode]] as const;
		const [type, identifier = ''] = codes.find(([, code]) => code) ?? [];
		const key = identifier ? `${type}:${identifier}` : `name:${input.kind}:${input.name.toLowerCase()}`;
		if (seen.has(key)) {
			rows.push({ line, name: input.name, identifier, outcome: 'error', errors: [`Same organisation as line ${seen.get(key)}`] });
			continue;
		}
		seen.set(key, line);
		rows.push({ line, name: input.name, identifier, outcome: 'create', errors: [], input });
	}
	const known = await findAllByIdentifiers(db, rows.flatMap((r) => (r.input ? [r.input] : [])));
	for (const row of rows) {
		const existing = row.input && matchByIdentifiers(known, row.input);
		if (existing) row.outcome = joinOutcome(existing, partnershipId);
	}
	return { ok: true, rows };
}

/** Adds every valid row in one transaction; rows with errors are left out. Known organisations held elsewhere are asked to agree. */
export async function importOrganisations(db: Queryable, partnershipId: string, rows: PreviewRow[], requester: Requester) {
	const counts = { created: 0, linked: 0, requested: 0, already_member: 0 };
	const ids: string[] = [];
	await db.transaction(async (tx) => {
		for (const row of rows) {
			if (!row.input) continue;
			const added = await addMember(tx, partnershipId, row.input, requester);
			counts[added.outcome]++;
			ids.push(added.organisation.id);
		}
	});
	return { counts, ids };
}
