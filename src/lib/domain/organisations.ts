import { z } from 'zod';
import { optionalText, requiredText } from './text';

export const ORGANISATION_KINDS = ['agency', 'school', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const KIND_LABELS: Record<OrganisationKind, string> = {
	agency: 'Agency (Section 11)',
	school: 'School or college (Section 175/157)',
	other: 'Other organisation'
};

/** Who might own an action, as each kind of organisation names its roles (the owner field's hint). */
export const ACTION_OWNER_EXAMPLES: Record<OrganisationKind, string> = {
	agency: 'Head of safeguarding',
	school: 'Deputy designated safeguarding lead',
	other: 'Safeguarding lead'
};

export const SECTORS = [
	'police',
	'health',
	'local-authority',
	'probation',
	'youth-justice',
	'education',
	'early-years',
	'voluntary',
	'housing',
	'fire',
	'other'
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
	police: 'Police',
	health: 'Health (NHS trust, integrated care board, ambulance, GP)',
	'local-authority': 'Local authority',
	probation: 'Probation',
	'youth-justice': 'Youth justice',
	education: 'Education',
	'early-years': 'Early years',
	voluntary: 'Voluntary, community or faith organisation',
	housing: 'Housing',
	fire: 'Fire and rescue',
	other: 'Other'
};

/** A school's phase of education, as the national register (GIAS) names it; reports group schools by it. */
export const SCHOOL_PHASES = ['nursery', 'primary', 'middle', 'secondary', 'all-through', '16-plus', 'not-applicable'] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export const PHASE_LABELS: Record<SchoolPhase, string> = {
	nursery: 'Nursery',
	primary: 'Primary',
	middle: 'Middle',
	secondary: 'Secondary',
	'all-through': 'All-through',
	'16-plus': '16 plus',
	'not-applicable': 'Not applicable (special schools, pupil referral units and others)'
};

/** Reports' word for a school whose phase the portal does not know (added by hand, never imported). */
export const PHASE_UNKNOWN_LABEL = 'Phase not known';

const GIAS_PHASES: Record<string, SchoolPhase> = {
	nursery: 'nursery',
	primary: 'primary',
	'middle deemed primary': 'middle',
	'middle deemed secondary': 'middle',
	secondary: 'secondary',
	'all-through': 'all-through',
	'16 plus': '16-plus',
	'not applicable': 'not-applicable'
};

/** The phase a GIAS `PhaseOfEducation (name)` value means, or null for one the portal does not know. */
export function phaseFromRegister(name: string): SchoolPhase | null {
	return GIAS_PHASES[name.trim().toLowerCase()] ?? null;
}

export const isSchoolPhase = (v: unknown): v is SchoolPhase => typeof v === 'string' && (SCHOOL_PHASES as readonly string[]).includes(v);

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const identifier = (pattern: RegExp, message: string, normalise: (v: string) => string = (v) => v) =>
	z.preprocess(
		blankToUndefined,
		z
			.string()
			.trim()
			.transform(normalise)
			.pipe(z.string().regex(pattern, { error: message }))
			.optional()
	);

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;

/** The fields of an organisation, shared by the form, the CSV import and the server. */
export const organisationSchema = z
	.object({
		name: requiredText('Enter the organisation’s name', 200, { min: 2, label: 'Organisation name' }),
		kind: z.enum(ORGANISATION_KINDS, { error: 'Select the type of organisation' }),
		sector: z.enum(SECTORS, { error: 'Select the sector' }),
		urn: identifier(/^[0-9]{6,7}$/, 'URN must be 6 or 7 digits, like 123456'),
		ukprn: identifier(/^1[0-9]{7}$/, 'UKPRN must be 8 digits starting with 1, like 10012345'),
		odsCode: identifier(/^[A-Z0-9]{3,6}$/, 'ODS code must be 3 to 6 letters or digits, like RXK', (v) => v.toUpperCase()),
		gssCode: identifier(/^[EWSN][0-9]{8}$/, 'GSS code must be a letter and 8 digits, like E10000015', (v) => v.toUpperCase()),
		address: optionalText(500, 'Address'),
		postcode: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.transform(normalisePostcode)
				.pipe(z.string().regex(UK_POSTCODE, { error: 'Enter a real postcode, like B1 1AA' }))
				.optional()
		)
	})
	.superRefine((o, ctx) => {
		if (o.kind === 'school' && !o.urn) {
			ctx.addIssue({
				code: 'custom',
				path: ['urn'],
				message: 'Enter the school’s URN (from Get Information About Schools)'
			});
		}
	});

export type OrganisationInput = z.infer<typeof organisationSchema>;

export function normalisePostcode(value: string): string {
	const compact = value.replace(/\s+/g, '').toUpperCase();
	return compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}
