// The partnership dashboard over HTTP, on a small partnership built here next to
// the demo's: two cycles of one audit (two template versions), a third of
// another audit not yet open; resubmissions (only the first decides on time or
// late, only the latest is moderated), late returns, an extension; challenges on
// the cycles and outside them. Its figures, worked out by hand, for each role
// that reads it; everyone else is refused or told it does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorClients, Client } from '../../helpers/http';
import { htmlText } from '../../helpers/html';
import { ACTORS } from '../../helpers/route-matrix';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import type { Db } from '../../../src/lib/server/db';
import { ukToday } from '../../../src/lib/domain/cycles';
import { formatDate } from '../../../src/lib/domain/dates';

const PEOPLE = {
	bu: 'business.unit@dashboard.example.org',
	chair: 'chair@dashboard.example.org',
	moderator: 'moderator@dashboard.example.org',
	board: 'board@dashboard.example.org',
	lead: 'lead@alder.example.org',
	eb_bu: ACTORS.eb_bu,
	nm_board: ACTORS.nm_board
} as const;
type Person = keyof typeof PEOPLE;

/** A UK calendar date `offset` days from today: the server reads the real today. */
const day = (offset: number) => new Date(Date.parse(`${ukToday()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const THIS_YEAR_CLOSES = day(-10);

let server: TestServer;
let partnershipId = '';
const cycleIds: Record<string, string> = {};
const clientOf = actorClients<Person>(() => server.url, PEOPLE);

const definition = (version: number) => ({
	id: 'pd-agency', version, title: 'Agency audit', kind: 'section-11', scale: 'yes-partly-no', signOff: { capacities: ['executive_lead'] },
	standards: [{ code: 'A', title: 'Leadership', requirements: [{ code: 'A.1', text: 'Named lead' }] }]
});

async function prepare(db: Db) {
	const one = async <T extends object>(sql: string, params: unknown[]) => (await db.query<T>(sql, params))[0];
	const id = async (sql: string, params: unknown[]) => (await one<{ id: string }>(`${sql} returning id`, params)).id;
	partnershipId = await id(`insert into partnerships (name) values ('Dashboard Test Partnership')`, []);
	// Every person signs in with the demo's password.
	const { password_hash } = await one<{ password_hash: string }>('select password_hash from users where email = $1', [ACTORS.nm_bu]);
	const person = (email: string) => id('insert into users (email, name, password_hash) values ($1, $1, $2)', [email, password_hash]);
	for (const [key, role] of [['bu', 'business_unit'], ['chair', 'chair'], ['moderator', 'moderator'], ['board', 'board_member']] as const) {
		await db.query('insert into partnership_roles (user_id, partnership_id, role) values ($1, $2, $3)', [await person(PEOPLE[key]), partnershipId, role]);
	}
	const orgs: Record<string, string> = {};
	for (const [name, sector] of [['Alder Police', 'police'], ['Birch Health', 'health'], ['Cherry Council', 'local-authority'], ['Damson Probation', 'probation']]) {
		orgs[name] = await id(`insert into organisations (name, kind, sector) values ($1, 'agency', $2)`, [name, sector]);
		await db.query('insert into partnership_members (partnership_id, organisation_id) values ($1, $2)', [partnershipId, orgs[name]]);
	}
	await db.query(`insert into organisation_roles (user_id, organisation_id, role) values ($1, $2, 'lead')`, [await person(PEOPLE.lead), orgs['Alder Police']]);

	const template = (slug: string, version: number, title: string) =>
		id(`insert into templates (slug, version, title, kind, definition, status, published_at) values ($1, $2, $3, 'section-11', $4, 'published', now())`, [slug, version, title, definition(version)]);
	const v1 = await template('pd-agency', 1, 'Agency audit');
	const v2 = await template('pd-agency', 2, 'Agency audit (second edition)');
	const themed = await template('pd-themed', 1, 'Themed audit');
	const cycle = async (key: string, templateId: string, title: string, opensOn: string, closesOn: string, names: string[], closed = false) => {
		cycleIds[key] = await id(
			`insert into cycles (partnership_id, template_id, title, standard_codes, opens_on, closes_on, closed_at) values ($1, $2, $3, '{A}', $4, $5, $6)`,
			[partnershipId, templateId, title, opensOn, closesOn, closed ? new Date() : null]
		);
		for (const name of names) await db.query('insert into cycle_participants (cycle_id, organisation_id) values ($1, $2)', [cycleIds[key], orgs[name]]);
	};
	const ALL = Object.keys(orgs);
	await cycle('last', v1, 'Agency audit last year', day(-430), day(-370), ALL, true);
	await cycle('now', v2, 'Agency audit this year', day(-60), THIS_YEAR_CLOSES, ALL);
	await cycle('themed', themed, 'Themed audit next month', day(30), day(90), ['Alder Police', 'Birch Health']);

	const submit = async (key: string, name: string, templateId: string, version: number, late: boolean) => {
		const ret = await id(
			`insert into returns (organisation_id, template_id) values ($1, $2) on conflict (organisation_id, template_id) do update set organisation_id = excluded.organisation_id`,
			[orgs[name], templateId]
		);
		return id(
			`insert into submissions (return_id, cycle_id, organisation_id, partnership_id, version, snapshot, late) values ($1, $2, $3, $4, $5, $6, $7)`,
			[ret, cycleIds[key], orgs[name], partnershipId, version, { standards: [], actions: [], signOffs: [], evidence: {} }, late]
		);
	};
	const moderate = (key: string, name: string, submissionId: string, state: string) =>
		db.query('insert into moderations (cycle_id, organisation_id, partnership_id, submission_id, state) values ($1, $2, $3, $4, $5)', [cycleIds[key], orgs[name], partnershipId, submissionId, state]);
	// Last year: Alder on time, then resubmitted late (its first decides: on time); Birch late; Cherry on time; Damson never (overdue).
	await submit('last', 'Alder Police', v1, 1, false);
	const alder2 = await submit('last', 'Alder Police', v1, 2, true);
	const birch = await submit('last', 'Birch Health', v1, 1, true);
	const cherry = await submit('last', 'Cherry Council', v1, 1, false);
	await moderate('last', 'Alder Police', alder2, 'completed');
	await moderate('last', 'Birch Health', birch, 'accepted');
	await moderate('last', 'Cherry Council', cherry, 'awaiting');
	// This year: Alder on time, Damson late; Birch has an extension to next month; Cherry is overdue.
	const alder = await submit('now', 'Alder Police', v2, 1, false);
	await submit('now', 'Damson Probation', v2, 1, true);
	await moderate('now', 'Alder Police', alder, 'accepted');
	await db.query('update cycle_participants set extended_to = $3 where cycle_id = $1 and organisation_id = $2', [cycleIds.now, orgs['Birch Health'], day(30)]);

	const challenge = (key: string | null, name: string, source: string, status: string, dueOn: string) =>
		db.query(`insert into challenges (partnership_id, organisation_id, cycle_id, source, text, due_on, status) values ($1, $2, $3, $4, 'Show us', $5, $6)`, [
			partnershipId, orgs[name], key ? cycleIds[key] : null, source, dueOn, status
		]);
	await challenge('last', 'Birch Health', 'moderation', 'closed', day(-380));
	await challenge('last', 'Damson Probation', 'challenge_event', 'open', day(-300)); // overdue
	await challenge('now', 'Alder Police', 'moderation', 'open', day(20));
	await challenge('now', 'Cherry Council', 'board_meeting', 'escalated', day(-5)); // overdue
	await challenge(null, 'Cherry Council', 'other', 'answered', day(-5)); // answered: waiting for the chair, not overdue
}

beforeAll(async () => {
	server = await startTestServer({ prepare });
}, 180_000);
afterAll(() => server?.stop());

const path = () => `/partnerships/${partnershipId}/dashboard`;
const cells = (row: string) => [...row.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => htmlText(m[1]).trim());
/** A table's body rows as the text of each cell, found by its caption. */
function table(html: string, caption: string): string[][] {
	const t = [...html.matchAll(/<table\b[\s\S]*?<\/table>/g)].map((m) => m[0]).find((x) => htmlText(x).includes(caption));
	if (!t) throw new Error(`no table captioned ${caption}`);
	return [...t.split(/<tbody\b/)[1].matchAll(/<tr\b[\s\S]*?<\/tr>/g)].map((m) => cells(m[0]));
}

describe('the partnership dashboard', () => {
	it('is read by the business unit, the chair and the board, with the same figures', async () => {
		const pages = await Promise.all((['bu', 'chair', 'board'] as const).map(async (p) => {
			const res = await (await clientOf(p)).get(path());
			expect(res.status, p).toBe(200);
			return table(await res.text(), 'Every audit cycle of the partnership');
		}));
		expect(pages[1]).toEqual(pages[0]);
		expect(pages[2]).toEqual(pages[0]);
	});

	it('lists every cycle newest first, with its return rate, timeliness, moderation and open challenges', async () => {
		const rows = table(await (await (await clientOf('board')).get(path())).text(), 'Every audit cycle of the partnership');
		expect(rows).toEqual([
			['Themed audit next month : dashboard Themed audit', formatDate(day(90)), 'Scheduled', '0% (0 of 2)', '0', '0', '0', '–', '0'],
			['Agency audit this year : dashboard Agency audit (second edition)', formatDate(THIS_YEAR_CLOSES), 'Open', '50% (2 of 4)', '1', '1', '1', '1 of 2', '2 open challenges on Agency audit this year'],
			['Agency audit last year : dashboard Agency audit', formatDate(day(-370)), 'Closed', '75% (3 of 4)', '2', '1', '1', '2 of 3', '1 open challenge on Agency audit last year']
		]);
	});

	it('links each cycle to its own dashboard, and its open challenges to the log', async () => {
		const html = await (await (await clientOf('board')).get(path())).text();
		for (const key of ['last', 'now', 'themed']) expect(html).toContain(`href="/partnerships/${partnershipId}/cycles/${cycleIds[key]}/dashboard"`);
		expect(html).toContain(`href="/partnerships/${partnershipId}/challenges?cycle=${cycleIds.now}&amp;status=not_closed"`);
		expect(html).not.toMatch(/href="[^"]*\/submissions\//);
	});

	it('charts each audit’s return rate cycle by cycle, oldest first', async () => {
		const html = await (await (await clientOf('bu')).get(path())).text();
		expect(table(html, 'Return rate of each Agency audit (second edition) cycle')).toEqual([['Agency audit last year', '75% (3 of 4)'], ['Agency audit this year', '50% (2 of 4)']]);
		expect(table(html, 'Return rate of each Themed audit cycle')).toEqual([['Themed audit next month', '0% (0 of 2)']]);
		expect(htmlText(html)).toContain('from the earliest: Agency audit last year 75% (3 of 4); Agency audit this year 50% (2 of 4).');
	});

	it('counts the whole challenge log of this partnership only, by status and by source, with those overdue', async () => {
		const html = await (await (await clientOf('chair')).get(path())).text();
		expect(htmlText(html)).toContain('5 challenges raised by the partnership, on any of its cycles or none; 2 overdue');
		expect(table(html, 'Challenges by status')).toEqual([
			['Waiting for the organisation', '2'], ['Answered: waiting for the chair', '1'], ['Escalated', '1'], ['Answer accepted', '0'], ['Closed', '1']
		]);
		expect(table(html, 'Challenges by where they were raised')).toEqual([
			['Moderation', '2'], ['Challenge event', '1'], ['Board meeting', '1'], ['Other', '1']
		]);
		expect(html).toContain(`href="/partnerships/${partnershipId}/challenges">Open the challenge log`);
	});

	it('is refused to the moderator, and does not exist for an organisation’s lead or another partnership', async () => {
		expect((await (await clientOf('moderator')).get(path())).status).toBe(403);
		for (const p of ['lead', 'eb_bu', 'nm_board'] as const) expect((await (await clientOf(p)).get(path())).status, p).toBe(404);
		const anonymous = await new Client(server.url).get(path());
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/sign-in\?next=/);
	});
});

describe('the overview', () => {
	it('links to the partnership dashboard for its report readers, above the board’s cycle dashboards', async () => {
		const overview = `/partnerships/${partnershipId}`;
		for (const p of ['bu', 'chair', 'board'] as const) expect(await (await (await clientOf(p)).get(overview)).text(), p).toContain(`href="${overview}/dashboard"`);
		const board = await (await (await clientOf('board')).get(overview)).text();
		expect(board.indexOf(`${overview}/dashboard"`)).toBeLessThan(board.indexOf('Cycle dashboards'));
		expect(await (await (await clientOf('moderator')).get(overview)).text()).not.toContain(`href="${overview}/dashboard"`);
	});
});
