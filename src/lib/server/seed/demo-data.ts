// Fictional demo organisations. Identifiers are well-formed but not real
// (URNs in the unused 9xxxxx range, ODS codes beginning Z-ish).
import type { OrganisationInput, SchoolPhase } from '../../domain/organisations';
import type { RegisterInput } from '../organisations';

export const DEMO_PARTNERSHIPS = [
	{ key: 'Northmere', name: 'Northmere Safeguarding Children Partnership', area: 'Northmere' },
	{ key: 'Eastbrook', name: 'Eastbrook Safeguarding Children Partnership', area: 'Eastbrook' }
] as const;

/** A demo organisation; a school's phase is what the school register would say of it. */
export type DemoMember = { input: OrganisationInput; partnerships: string[]; phase?: SchoolPhase };

const agency = (name: string, sector: OrganisationInput['sector'], ids: Partial<OrganisationInput>, partnerships: string[]): DemoMember => ({
	input: { name, kind: 'agency', sector, address: '', ...ids },
	partnerships
});

export const DEMO_AGENCIES: DemoMember[] = [
	agency("Mercia Vale Police", 'police', { gssCode: 'E23000099' }, ['Northmere', 'Eastbrook']),
	agency("Mercia Vale Community Health NHS Trust", 'health', { odsCode: 'RZZ' }, ['Northmere', 'Eastbrook']),
	agency("NHS Mercia Vale Integrated Care Board", 'health', { odsCode: 'QZZ' }, ['Northmere', 'Eastbrook']),
	agency("Probation Service – Mercia Vale", 'probation', {}, ['Northmere', 'Eastbrook']),
	agency("Mercia Vale Ambulance Service NHS Trust", 'health', { odsCode: 'RZX' }, ['Northmere', 'Eastbrook']),
	agency("Northmere Council Children’s Services", 'local-authority', { gssCode: 'E06000098' }, ['Northmere']),
	agency("Northmere Hospitals NHS Foundation Trust", 'health', { odsCode: 'RZY' }, ['Northmere']),
	agency("Northmere Youth Justice Service", 'youth-justice', {}, ['Northmere']),
	agency("Northmere Homes", 'housing', {}, ['Northmere']),
	agency("Northmere Families Together", 'voluntary', {}, ['Northmere']),
	agency("Eastbrook Borough Council", 'local-authority', { gssCode: 'E06000097' }, ['Eastbrook']),
	agency("Eastbrook Youth Offending Team", 'youth-justice', {}, ['Eastbrook']),
	agency("Mercia Vale Fire and Rescue Service", 'fire', {}, ['Northmere', 'Eastbrook']),
];

const school = (name: string, urn: string, partnership: string, phase: SchoolPhase): DemoMember => ({
	input: { name, kind: 'school', sector: 'education', urn, address: '' },
	partnerships: [partnership],
	phase
});

/** The demo partnerships' local-authority codes, as the school register gives them (999 and 998 are no real authority's). */
export const DEMO_LA_CODES: Record<string, string> = { Northmere: '999', Eastbrook: '998' };

/** Register details with nothing known: what the demo fills in beside each school's phase. */
export const NOT_IN_REGISTER: RegisterInput = { phase: null, establishmentType: '', establishmentGroup: '', laCode: null, laName: '', trustName: '', headName: '', pupils: null };

export const DEMO_SCHOOLS: DemoMember[] = [
	school("Oakfield Primary School", '990100', 'Northmere', 'primary'),
	school("St Chad’s CofE Primary School", '990107', 'Northmere', 'primary'),
	school("Northmere Academy", '990114', 'Northmere', 'secondary'),
	school("Riverside Infant School", '990121', 'Northmere', 'primary'),
	school("Holly Bank Junior School", '990128', 'Northmere', 'primary'),
	school("Castle Hill Primary School", '990135', 'Northmere', 'primary'),
	school("Greenacres Primary Academy", '990142', 'Northmere', 'primary'),
	school("St Mary’s Catholic Primary School", '990149', 'Northmere', 'primary'),
	school("Northmere College", '990156', 'Northmere', '16-plus'),
	school("Brook Lane Nursery and Infant School", '990163', 'Northmere', 'primary'),
	school("Millfield Primary School", '990170', 'Northmere', 'primary'),
	school("Westgate Academy", '990177', 'Northmere', 'secondary'),
	school("The Meadows Special School", '990184', 'Northmere', 'not-applicable'),
	school("Ashcroft Primary School", '990191', 'Northmere', 'primary'),
	school("Kingsway High School", '990198', 'Northmere', 'secondary'),
	school("Elm Tree Primary School", '990205', 'Northmere', 'primary'),
	school("Eastbrook High School", '990212', 'Eastbrook', 'secondary'),
	school("Eastbrook Primary Academy", '990219', 'Eastbrook', 'primary'),
	school("Ferndale Primary School", '990226', 'Eastbrook', 'primary'),
	school("St Peter’s CofE Academy", '990233', 'Eastbrook', 'secondary'),
	school("Moorside Junior School", '990240', 'Eastbrook', 'primary'),
	school("Windmill Hill Primary School", '990247', 'Eastbrook', 'primary'),
	school("Eastbrook Sixth Form College", '990254', 'Eastbrook', '16-plus'),
	school("Priory Park Infant School", '990261', 'Eastbrook', 'primary'),
	school("Hawthorn Academy", '990268', 'Eastbrook', 'secondary'),
	school("Lakeside Primary School", '990275', 'Eastbrook', 'primary'),
	school("Beacon View School", '990282', 'Eastbrook', 'not-applicable'),
	school("Orchard Vale Primary School", '990289', 'Eastbrook', 'primary'),
	school("Eastbrook Pupil Referral Unit", '990296', 'Eastbrook', 'not-applicable'),
	school("Cedar Grove Primary School", '990303', 'Eastbrook', 'primary'),
];
