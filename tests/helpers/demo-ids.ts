import type { Queryable } from '../../src/lib/server/db';

/** Ids of the demo seed's records, read once from the template every test database copies. */
export interface DemoIds {
	partnerships: Record<'northmere' | 'eastbrook', string>;
	organisations: Record<string, string>;
	users: Record<string, string>;
}

export async function readDemoIds(db: Queryable): Promise<DemoIds> {
	const [partnerships, organisations, users] = await Promise.all([
		db.query<{ id: string; name: string }>('select id, name from partnerships'),
		db.query<{ id: string; name: string }>('select id, name from organisations'),
		db.query<{ id: string; email: string }>('select id, email from users')
	]);
	const byName = (name: string) => partnerships.find((p) => p.name.startsWith(name))!.id;
	return {
		partnerships: { northmere: byName('Northmere'), eastbrook: byName('Eastbrook') },
		organisations: Object.fromEntries(organisations.map((o) => [o.name, o.id])),
		users: Object.fromEntries(users.map((u) => [u.email, u.id]))
	};
}
