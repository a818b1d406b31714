// Fictional demo organisations. Identifiers are well-formed but not real
// (URNs in the unused 9xxxxx range, ODS codes beginning Z-ish).
import type { OrganisationInput } from '../../domain/organisations';

export const DEMO_PARTNERSHIPS = [
	{ key: 'Northmere', name: 'Northmere Safeguarding Children Partnership', area: 'Northmere' },
	{ key: 'Eastbrook', name: 'Eastbrook Safeguarding Children Partnership', area: 'Eastbrook' }
] as const;

type DemoMember = { input: OrganisationInput; partnerships: string[] };

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

const school = (name: string, urn: string, partnership: string): DemoMember => ({
	input: { name, kind: 'school', sector: 'education', urn, address: '' },
	partnerships: [partnership]
});

export const DEMO_SCHOOLS: DemoMember[] = [
	school("Oakfield Primary School", '990100', 'Northmere'),
	school("St Chad’s CofE Primary School", '990107', 'Northmere'),
	school("Northmere Academy", '990114', 'Northmere'),
	school("Riverside Infant School", '990121', 'Northmere'),
	school("Holly Bank Junior School", '990128', 'Northmere'),
	school("Castle Hill Primary School", '990135', 'Northmere'),
	school("Greenacres Primary Academy", '990142', 'Northmere'),
	school("St Mary’s Catholic Primary School", '990149', 'Northmere'),
	school("Northmere College", '990156', 'Northmere'),
	school("Brook Lane Nursery and Infant School", '990163', 'Northmere'),
	school("Millfield Primary School", '990170', 'Northmere'),
	school("Westgate Academy", '990177', 'Northmere'),
	school("The Meadows Special School", '990184', 'Northmere'),
	school("Ashcroft Primary School", '990191', 'Northmere'),
	school("Kingsway High School", '990198', 'Northmere'),
	school("Elm Tree Primary School", '990205', 'Northmere'),
	school("Eastbrook High School", '990212', 'Eastbrook'),
	school("Eastbrook Primary Academy", '990219', 'Eastbrook'),
	school("Ferndale Primary School", '990226', 'Eastbrook'),
	school("St Peter’s CofE Academy", '990233', 'Eastbrook'),
	school("Moorside Junior School", '990240', 'Eastbrook'),
	school("Windmill Hill Primary School", '990247', 'Eastbrook'),
	school("Eastbrook Sixth Form College", '990254', 'Eastbrook'),
	school("Priory Park Infant School", '990261', 'Eastbrook'),
	school("Hawthorn Academy", '990268', 'Eastbrook'),
	school("Lakeside Primary School", '990275', 'Eastbrook'),
	school("Beacon View School", '990282', 'Eastbrook'),
	school("Orchard Vale Primary School", '990289', 'Eastbrook'),
	school("Eastbrook Pupil Referral Unit", '990296', 'Eastbrook'),
	school("Cedar Grove Primary School", '990303', 'Eastbrook'),
];
