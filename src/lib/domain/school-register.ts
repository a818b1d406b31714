// Rows of the national register of schools (Get Information About Schools, GIAS)
// read into what the portal keeps about a school, and what an import would
// change. Pure: the file is streamed and the database read in src/lib/server.
import { normalisePostcode, phaseFromRegister, PHASE_LABELS, PHASE_UNKNOWN_LABEL, type SchoolPhase } from './organisations';
import { formatDate, formatDateTime } from './dates';

/** The GIAS columns the import reads (the file has about 140; the rest are ignored). */
export const GIAS_COLUMNS = {
	urn: 'URN',
	ukprn: 'UKPRN',
	name: 'EstablishmentName',
	laCode: 'LA (code)',
	laName: 'LA (name)',
	type: 'TypeOfEstablishment (name)',
	group: 'EstablishmentTypeGroup (name)',
	status: 'EstablishmentStatus (name)',
	phase: 'PhaseOfEducation (name)',
	trust: 'Trusts (name)',
	postcode: 'Postcode',
	headFirstName: 'HeadFirstName',
	headLastName: 'HeadLastName',
	pupils: 'NumberOfPupils'
} as const;
export type GiasField = keyof typeof GIAS_COLUMNS;

/** Without these a file is not a GIAS establishment file at all. */
export const REQUIRED_GIAS_FIELDS: GiasField[] = ['urn', 'name', 'laCode', 'status'];

export type GiasCells = Record<GiasField, string>;

/** Each field's column in the header (-1 when absent), matched without regard to case or spaces around. */
export function giasColumns(header: string[]): Record<GiasField, number> {
	const names = header.map((h) => h.trim().toLowerCase());
	return Object.fromEntries(Object.entries(GIAS_COLUMNS).map(([field, name]) => [field, names.indexOf(name.toLowerCase())])) as Record<GiasField, number>;
}

export function missingGiasColumns(columns: Record<GiasField, number>): string[] {
	return REQUIRED_GIAS_FIELDS.filter((f) => columns[f] < 0).map((f) => GIAS_COLUMNS[f]);
}

export function giasCells(record: string[], columns: Record<GiasField, number>): GiasCells {
	return Object.fromEntries(Object.entries(columns).map(([field, i]) => [field, i >= 0 ? (record[i] ?? '').trim() : ''])) as GiasCells;
}

/** `Open` and `Open, but proposed to close` are kept; `Closed` marks a known school closed; anything else (`Proposed to open`) is left out. */
export function registerStatus(name: string): 'open' | 'closed' | null {
	const s = name.trim().toLowerCase();
	if (s === 'open' || s === 'open, but proposed to close') return 'open';
	if (s === 'closed') return 'closed';
	return null;
}

/** What the portal keeps about one establishment of the register. */
export interface RegisterRow {
	line: number;
	urn: string;
	ukprn: string | null;
	name: string;
	postcode: string;
	status: 'open' | 'closed';
	phase: SchoolPhase | null;
	establishmentType: string;
	establishmentGroup: string;
	laCode: string | null;
	laName: string;
	trustName: string;
	headName: string;
	pupils: number | null;
}

export type ReadRow = { ok: true; row: RegisterRow } | { ok: false; reason: string } | { ok: true; row: null };

const URN = /^[0-9]{6,7}$/;
const UKPRN = /^1[0-9]{7}$/;
const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;
export const MAX_NAME = 200;

/**
 * One row of the register. A row with a status the import leaves out gives
 * `row: null`; a bad URN or no name is a reason to skip it. A UKPRN or
 * postcode that is not well formed is left blank rather than losing the school.
 */
export function readRegisterRow(line: number, c: GiasCells): ReadRow {
	const status = registerStatus(c.status);
	if (!status) return { ok: true, row: null };
	if (!URN.test(c.urn)) return { ok: false, reason: c.urn ? `The URN “${c.urn}” is not 6 or 7 digits` : 'The URN is blank' };
	const name = c.name.replace(/\s+/g, ' ').trim();
	if (!name) return { ok: false, reason: 'The EstablishmentName is blank' };
	if (name.length > MAX_NAME) return { ok: false, reason: `The EstablishmentName is longer than ${MAX_NAME} characters` };
	const postcode = normalisePostcode(c.postcode);
	return {
		ok: true,
		row: {
			line,
			urn: c.urn,
			ukprn: UKPRN.test(c.ukprn) ? c.ukprn : null,
			name,
			postcode: UK_POSTCODE.test(postcode) ? postcode : '',
			status,
			phase: phaseFromRegister(c.phase),
			establishmentType: c.type,
			establishmentGroup: c.group,
			laCode: /^[0-9]{3}$/.test(c.laCode) ? c.laCode : null,
			laName: c.laName,
			trustName: c.trust,
			headName: headName(c.headFirstName, c.headLastName),
			pupils: pupilCount(c.pupils)
		}
	};
}

export const headName = (first: string, last: string) => [first, last].map((s) => s.trim()).filter(Boolean).join(' ');

/** A head count; blank (the register leaves it out for many schools) or anything but a whole number is "not known". */
export function pupilCount(value: string): number | null {
	const v = value.trim().replace(/,/g, '');
	return /^[0-9]{1,7}$/.test(v) ? Number(v) : null;
}

/** The local-authority codes a person typed: three digits each, separated by commas or spaces; null when any is not. */
export function parseLaCodes(value: string): string[] | null {
	const codes = value.split(/[\s,;]+/).filter(Boolean);
	if (!codes.length || codes.some((c) => !/^[0-9]{3}$/.test(c))) return null;
	return [...new Set(codes)].sort();
}

export const LA_CODES_MESSAGE = 'Enter local authority codes of 3 digits, separated by commas, like 885, 886';

/** What the portal holds for a known school, as far as the register import can change it. */
export interface KnownSchool {
	name: string;
	postcode: string;
	register: Pick<RegisterRow, 'phase' | 'establishmentType' | 'establishmentGroup' | 'laCode' | 'laName' | 'trustName' | 'headName' | 'pupils'> & { closedAt: Date | null };
}

const COMPARED: [string, (s: KnownSchool) => unknown, (r: RegisterRow) => unknown][] = [
	['name', (s) => s.name, (r) => r.name],
	['postcode', (s) => s.postcode, (r) => r.postcode],
	['phase', (s) => s.register.phase, (r) => r.phase],
	['type', (s) => s.register.establishmentType, (r) => r.establishmentType],
	['type group', (s) => s.register.establishmentGroup, (r) => r.establishmentGroup],
	['local authority', (s) => s.register.laCode, (r) => r.laCode],
	['local authority name', (s) => s.register.laName, (r) => r.laName],
	['trust', (s) => s.register.trustName, (r) => r.trustName],
	['head', (s) => s.register.headName, (r) => r.headName],
	['pupils', (s) => s.register.pupils, (r) => r.pupils]
];

/** What importing an open school's row would change about it, in words ("name", "head"…); empty when nothing. */
export function registerChanges(known: KnownSchool, row: RegisterRow): string[] {
	const changed = COMPARED.filter(([, was, now]) => was(known) !== now(row)).map(([label]) => label);
	return known.register.closedAt ? ['open again', ...changed] : changed;
}

/** What applying an import did, as the page and the audit log say it. */
export interface ApplyCounts {
	created: number;
	updated: number;
	linked: number;
	requested: number;
	closed: number;
	unchanged: number;
	malformed: number;
}

/** One school in a preview's sample. */
export interface SampleRow {
	line: number;
	urn: string;
	name: string;
	phase: string;
	laName: string;
	changes: string[];
}

/** A school's register details as the organisation's page lists them (blank ones left out). */
export function registerRows(r: KnownSchool['register'] & { importedAt: Date | null }): [string, string][] {
	const rows: [string, string | null][] = [
		['Phase', r.phase ? PHASE_LABELS[r.phase] : PHASE_UNKNOWN_LABEL],
		['Type', r.establishmentType],
		['Type group', r.establishmentGroup],
		['Local authority', [r.laName, r.laCode && `(${r.laCode})`].filter(Boolean).join(' ')],
		['Trust', r.trustName],
		['Headteacher', r.headName],
		['Pupils', r.pupils === null ? null : r.pupils.toLocaleString('en-GB')],
		['Last imported', r.importedAt ? formatDateTime(r.importedAt) : null],
		['Closed', r.closedAt ? `The register says it has closed (recorded ${formatDate(r.closedAt)})` : null]
	];
	return rows.filter((row): row is [string, string] => Boolean(row[1]));
}
