// The made-up region `npm run seed:region` builds: seven partnerships the size
// of real English local authorities' (one of 450 schools, the largest), their
// schools with phases as the school register gives them, and ~200 agencies,
// many of which (police, NHS trusts, fire, probation) cover several partnerships.
import type { SchoolPhase, Sector } from '../../domain/organisations';
import { random } from './demo-answers';

export const REGION_PARTNERSHIPS = [
	{ area: 'Ashvale', schools: 450 },
	{ area: 'Brindley', schools: 320 },
	{ area: 'Coldharbour', schools: 280 },
	{ area: 'Dunmore', schools: 240 },
	{ area: 'Elmsworth', schools: 200 },
	{ area: 'Fenwick', schools: 160 },
	{ area: 'Greyford', schools: 130 }
] as const;

export const regionSlug = (area: string) => area.toLowerCase();
export const partnershipName = (area: string) => `${area} Safeguarding Children Partnership`;

// The shares of schools by phase, roughly England's.
const PHASES: [SchoolPhase, number, string][] = [
	['primary', 0.72, 'Primary School'],
	['secondary', 0.14, 'High School'],
	['nursery', 0.02, 'Nursery School'],
	['all-through', 0.02, 'Academy'],
	['16-plus', 0.03, 'Sixth Form College'],
	['not-applicable', 0.07, 'Special School']
];
const PLACES = ['Oak', 'Elm', 'Ash', 'Birch', 'Willow', 'Hazel', 'Rowan', 'Cedar', 'Holly', 'Maple', 'Beech', 'Alder', 'Poplar', 'Linden', 'Yew', 'Larch', 'Thorn', 'Fern', 'Heath', 'Moor'];
const ENDS = ['field', 'wood', 'bank', 'brook', 'hill', 'lea', 'croft', 'gate', 'mead', 'well', 'dale', 'ford', 'ley', 'hurst', 'combe'];

export interface RegionSchool {
	name: string;
	urn: string;
	phase: SchoolPhase;
	establishmentType: string;
	pupils: number;
}

/** A partnership's schools, deterministic per area. */
export function schoolsOf(area: string, index: number, count: number): RegionSchool[] {
	const rand = random(1000 + index);
	return Array.from({ length: count }, (_, n) => {
		let r = rand();
		const [phase, , word] = PHASES.find(([, share]) => (r -= share) < 0) ?? PHASES[0];
		const place = `${PLACES[n % PLACES.length]}${ENDS[Math.floor(n / PLACES.length) % ENDS.length]}`;
		const pupils = phase === 'secondary' ? 700 + Math.floor(rand() * 900) : phase === 'primary' ? 120 + Math.floor(rand() * 400) : 40 + Math.floor(rand() * 200);
		return {
			name: `${area} ${place} ${word}${n >= PLACES.length * ENDS.length ? ` ${Math.floor(n / (PLACES.length * ENDS.length)) + 1}` : ''}`,
			urn: String(600000 + index * 10000 + n),
			phase,
			establishmentType: rand() < 0.45 ? 'Academy converter' : 'Community school',
			pupils
		};
	});
}

export interface RegionAgency {
	name: string;
	sector: Sector;
	/** Indexes into REGION_PARTNERSHIPS. */
	partnerships: number[];
}

const ALL = REGION_PARTNERSHIPS.map((_, i) => i);
const NORTH = [0, 1, 2, 3];
const SOUTH = [4, 5, 6];

/** The region's agencies: shared forces and trusts first, then each area's own (`scale` thins the voluntary sector, for tests). */
export function regionAgencies(scale = 1): RegionAgency[] {
	const shared: RegionAgency[] = [
		{ name: 'North Vale Police', sector: 'police', partnerships: NORTH },
		{ name: 'South Vale Police', sector: 'police', partnerships: SOUTH },
		{ name: 'North Vale Fire and Rescue Service', sector: 'fire', partnerships: NORTH },
		{ name: 'South Vale Fire and Rescue Service', sector: 'fire', partnerships: SOUTH },
		{ name: 'Probation Service – the Vales', sector: 'probation', partnerships: ALL },
		{ name: 'Vales Ambulance Service NHS Trust', sector: 'health', partnerships: ALL },
		{ name: 'NHS North Vale Integrated Care Board', sector: 'health', partnerships: NORTH },
		{ name: 'NHS South Vale Integrated Care Board', sector: 'health', partnerships: SOUTH },
		{ name: 'Vales Mental Health NHS Foundation Trust', sector: 'health', partnerships: ALL }
	];
	const own = REGION_PARTNERSHIPS.flatMap(({ area }, i): RegionAgency[] => [
		{ name: `${area} Council Children’s Services`, sector: 'local-authority', partnerships: [i] },
		{ name: `${area} Youth Justice Service`, sector: 'youth-justice', partnerships: [i] },
		{ name: `${area} Hospitals NHS Trust`, sector: 'health', partnerships: i % 2 ? [i, i - 1] : [i] },
		{ name: `${area} Community Health NHS Trust`, sector: 'health', partnerships: [i] },
		{ name: `${area} Homes`, sector: 'housing', partnerships: [i] },
		{ name: `${area} Early Years Network`, sector: 'early-years', partnerships: [i] },
		...['Families Together', 'Youth Trust', 'Food Bank', 'Sports Foundation', 'Carers Centre', 'Mind', 'Scouts and Guides', 'Refuge', 'Faith Forum', 'Advice Centre', 'Young Carers', 'Play Association', 'Community Transport', 'Women’s Aid', 'Men’s Shed', 'Arts Collective', 'Tenants’ Association', 'Befriending Service', 'Drug and Alcohol Service', 'Housing Advice', 'Mentoring Scheme', 'Sea Cadets'].slice(0, Math.max(1, Math.round(22 * scale))).map(
			(what): RegionAgency => ({ name: `${area} ${what}`, sector: 'voluntary', partnerships: [i] })
		)
	]);
	return [...shared, ...own];
}
