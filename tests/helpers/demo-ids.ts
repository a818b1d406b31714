import type { Queryable } from '../../src/lib/server/db';

/** Ids of the demo seed's records, read once from the template every test database copies. */
export interface DemoIds {
	partnerships: Record<'northmere' | 'eastbrook', string>;
	organisations: Record<string, string>;
	users: Record<string, string>;
	/** Open Section 11 cycles (northmere, eastbrook) and Northmere's open schools cycle. */
	cycles: { s11Northmere: string; s11Eastbrook: string; s175Northmere: string };
	/** Mercia Vale Police's Section 11 return, one of its actions, its last year's submission to Northmere. */
	police: { returnId: string; actionId: string; submissionId: string };
	/** The ambulance trust's submission to Eastbrook (sent with the one to Northmere). */
	ambulanceEastbrookSubmission: string;
	/** A submission to Northmere that no moderator is assigned (the youth justice service's, last year). */
	unassignedSubmission: string;
	/** Last year's Northmere Section 11 cycle, part-way through moderation. */
	pastS11Northmere: string;
	templates: { s11: string };
	/** Northmere's demo challenges with the police force: one open and overdue, one answered. */
	challenges: { policeOverdue: string; policeAnswered: string };
	/** Northmere's challenge events: one held last month on last year's Section 11 cycle (the police's slot), one planned next month on this year's (the community health trust's slot). */
	events: { held: string; heldPoliceSlot: string; planned: string; plannedNhsSlot: string };
	/** Last year's feedback letter to the police force: a draft in the seed (the demo server issues it at start). */
	policeLetter: string;
}

export async function readDemoIds(db: Queryable): Promise<DemoIds> {
	const [partnerships, organisations, users] = await Promise.all([
		db.query<{ id: string; name: string }>('select id, name from partnerships'),
		db.query<{ id: string; name: string }>('select id, name from organisations'),
		db.query<{ id: string; email: string }>('select id, email from users')
	]);
	const byName = (name: string) => partnerships.find((p) => p.name.startsWith(name))!.id;
	const org = (name: string) => organisations.find((o) => o.name === name)!.id;
	const one = async (sql: string, params: unknown[]) => {
		const rows = await db.query<{ id: string }>(sql, params);
		if (!rows[0]) throw new Error(`demo data is missing: ${sql}`);
		return rows[0].id;
	};
	const openCycle = (partnership: string, slug: string) =>
		one(
			`select c.id from cycles c join templates t on t.id = c.template_id
			 where c.partnership_id = $1 and t.slug = $2 and c.closed_at is null order by c.opens_on desc limit 1`,
			[byName(partnership), slug]
		);
	const police = org('Mercia Vale Police');
	const returnId = await one(
		`select r.id from returns r join templates t on t.id = r.template_id where r.organisation_id = $1 and t.slug = 'west-midlands-section-11'`,
		[police]
	);
	return {
		partnerships: { northmere: byName('Northmere'), eastbrook: byName('Eastbrook') },
		organisations: Object.fromEntries(organisations.map((o) => [o.name, o.id])),
		users: Object.fromEntries(users.map((u) => [u.email, u.id])),
		cycles: {
			s11Northmere: await openCycle('Northmere', 'west-midlands-section-11'),
			s11Eastbrook: await openCycle('Eastbrook', 'west-midlands-section-11'),
			s175Northmere: await openCycle('Northmere', 'section-175-schools')
		},
		police: {
			returnId,
			actionId: await one('select id from actions where return_id = $1 order by requirement_code limit 1', [returnId]),
			submissionId: await one('select id from submissions where organisation_id = $1 and partnership_id = $2 order by submitted_at limit 1', [police, byName('Northmere')])
		},
		ambulanceEastbrookSubmission: await one('select id from submissions where organisation_id = $1 and partnership_id = $2', [
			org('Mercia Vale Ambulance Service NHS Trust'),
			byName('Eastbrook')
		]),
		unassignedSubmission: await one('select id from submissions where organisation_id = $1 and partnership_id = $2 order by submitted_at limit 1', [
			org('Northmere Youth Justice Service'),
			byName('Northmere')
		]),
		pastS11Northmere: await one(
			`select c.id from cycles c join templates t on t.id = c.template_id where c.partnership_id = $1 and t.slug = 'west-midlands-section-11' and c.closed_at is not null order by c.opens_on desc limit 1`,
			[byName('Northmere')]
		),
				templates: { s11: await one(`select id from templates where slug = 'west-midlands-section-11' and partnership_id is null`, []) },
		challenges: {
			policeOverdue: await one(`select id from challenges where organisation_id = $1 and status = 'open' order by raised_at limit 1`, [police]),
			policeAnswered: await one(`select id from challenges where organisation_id = $1 and status = 'answered' order by raised_at limit 1`, [police])
		},
		events: {
			held: await one(`select id from challenge_events where title = 'Section 11 challenge event: police and ambulance'`, []),
			heldPoliceSlot: await one(`select s.id from challenge_event_slots s join challenge_events e on e.id = s.event_id where e.title = 'Section 11 challenge event: police and ambulance' and s.organisation_id = $1`, [police]),
			planned: await one(`select id from challenge_events where title = 'Section 11 challenge event: health'`, []),
			plannedNhsSlot: await one(`select s.id from challenge_event_slots s join challenge_events e on e.id = s.event_id where e.title = 'Section 11 challenge event: health' and s.organisation_id = $1`, [org('Mercia Vale Community Health NHS Trust')])
		},
		policeLetter: await one('select id from feedback_letters where organisation_id = $1 and partnership_id = $2', [police, byName('Northmere')])
	};
}
