// Every route and form action × every role, with the answer each must get.
// The HTTP matrix test runs it; the e2e sweep visits every page in it with axe;
// a test fails when a route or action exists in src/routes without a row here.
//
// Conventions (deny by default):
//   200 allowed page · 303 redirect (anonymous → sign-in, or a completed action)
//   400 allowed action given an invalid form (access passed, validation refused)
//   403 inside the user's scope without the permission · 404 outside it.
import type { DemoIds } from './demo-ids';
import type { FormBody } from './http';

export const ACTORS = {
	admin: 'admin@example.org',
	nm_bu: 'business.unit@northmere.example.org',
	nm_chair: 'chair@northmere.example.org',
	nm_moderator: 'moderator@northmere.example.org',
	nm_board: 'board@northmere.example.org',
	eb_bu: 'business.unit@eastbrook.example.org',
	eb_chair: 'chair@eastbrook.example.org',
	police_lead: 'lead@police.example.org',
	police_contributor: 'contributor@police.example.org',
	police_signatory: 'director@police.example.org',
	nhs_lead: 'lead@nhs.example.org',
	school_lead: 'dsl@oakfield.example.org',
	school_head: 'head@oakfield.example.org',
	school_governor: 'governor@oakfield.example.org'
} as const;

export type SignedInActor = keyof typeof ACTORS;
export type Actor = 'anonymous' | SignedInActor;
export const ALL_ACTORS: Actor[] = ['anonymous', ...(Object.keys(ACTORS) as SignedInActor[])];

export type Expectation = { default: number } & Partial<Record<Actor, number>>;

export interface RouteCase {
	/** The route id as SvelteKit names it (the folder under src/routes). */
	route: string;
	method: 'GET' | 'POST';
	/** A named form action (`?/name`), or 'default'. Omitted for pages and endpoints. */
	action?: string;
	path: (ids: DemoIds) => string;
	form?: FormBody;
	headers?: Record<string, string>;
	/** Needs a session of its own (the request ends it, e.g. signing out). */
	fresh?: boolean;
	expect: Expectation;
	/** What the case shows beyond the expectation itself. */
	note?: string;
	/** A file download, not a page: the accessibility sweep leaves it out. */
	file?: boolean;
}

export function expected(c: RouteCase, actor: Actor): number {
	return c.expect[actor] ?? c.expect.default;
}

// Shorthands for expectations.
const everyone = (status: number): Expectation => ({ default: status });
const signedIn = (status: number): Expectation => ({ default: status, anonymous: 303 });
const only = (status: number, allowed: SignedInActor[], inScope: SignedInActor[] = []): Expectation => {
	const e: Expectation = { default: 404, anonymous: 303 };
	for (const a of inScope) e[a] = 403;
	for (const a of allowed) e[a] = status;
	return e;
};

const NM_PARTNERSHIP_ROLES: SignedInActor[] = ['nm_bu', 'nm_chair', 'nm_moderator', 'nm_board'];
const POLICE_ROLES: SignedInActor[] = ['police_lead', 'police_contributor', 'police_signatory'];
const SCHOOL_ROLES: SignedInActor[] = ['school_lead', 'school_head', 'school_governor'];

const org = (ids: DemoIds, name: string) => {
	const id = ids.organisations[name];
	if (!id) throw new Error(`no demo organisation called ${name}`);
	return id;
};
const police = (ids: DemoIds) => org(ids, 'Mercia Vale Police');
const school = (ids: DemoIds) => org(ids, 'Oakfield Primary School');
const nmHomes = (ids: DemoIds) => org(ids, 'Northmere Homes');
const ebCouncil = (ids: DemoIds) => org(ids, 'Eastbrook Borough Council');
const nm = (ids: DemoIds) => `/partnerships/${ids.partnerships.northmere}`;
const ret = (ids: DemoIds) => `/organisations/${police(ids)}/returns/${ids.police.returnId}`;
/** Partnership roles whose partnerships the police force belongs to: in scope of its records, never of its drafts. */
const PARTNERSHIPS_OF_POLICE: SignedInActor[] = ['nm_bu', 'nm_chair', 'nm_moderator', 'nm_board', 'eb_bu', 'eb_chair'];

const BOGUS_TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';
const NO_SUCH_ID = '7d5e3f0a-2b1c-4d8e-9f6a-0c1b2d3e4f5a';
const LIBRARY = '/(app)/organisations/[organisationId=uuid]/evidence';
const DOCUMENT = `${LIBRARY}/[documentId=uuid]`;
const EVENTS = '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/events';
const EVENT = `${EVENTS}/[eventId=uuid]`;
const SLOT = `${EVENT}/slots/[slotId=uuid]`;
const OWN_SLOT = '/(app)/organisations/[organisationId=uuid]/events/[slotId=uuid]';
const REMINDERS = '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/reminders';

/** A page (GET) and, for each action, the same expectation with `allowed` answering `actionStatus`. */
function page(route: string, path: RouteCase['path'], expect: Expectation, note?: string): RouteCase {
	return { route, method: 'GET', path, expect, note };
}

function action(
	route: string,
	name: string,
	path: RouteCase['path'],
	expect: Expectation,
	form: FormBody = {},
	note?: string
): RouteCase {
	return { route, method: 'POST', action: name, path, expect, form, note };
}

export const ROUTE_CASES: RouteCase[] = [
	// Public pages: the same for everyone.
	page('/(public)', () => '/', everyone(200)),
	page('/(public)/accessibility', () => '/accessibility', everyone(200)),
	page('/(public)/privacy', () => '/privacy', everyone(200)),
	page('/(public)/sign-in', () => '/sign-in', { default: 303, anonymous: 200 }, 'signed-in people are sent home'),
	action('/(public)/sign-in', 'default', () => '/sign-in', { default: 303, anonymous: 400 }, {}, 'signed-in people are sent home'),
	page('/(public)/password-reset', () => '/password-reset', everyone(200)),
	action('/(public)/password-reset', 'default', () => '/password-reset', everyone(400)),
	page('/(public)/password-reset/[token]', () => `/password-reset/${BOGUS_TOKEN}`, everyone(200), 'says the link is not valid'),
	action('/(public)/password-reset/[token]', 'default', () => `/password-reset/${BOGUS_TOKEN}`, everyone(303)),
	page('/(public)/invitations/[token]', () => `/invitations/${BOGUS_TOKEN}`, everyone(200), 'says the link is not valid'),
	action('/(public)/invitations/[token]', 'default', () => `/invitations/${BOGUS_TOKEN}`, everyone(303)),
	page('/healthz', () => '/healthz', everyone(200)),

	// Everyone signed in.
	page('/(app)/home', () => '/home', signedIn(200)),
	page('/(app)/account', () => '/account', signedIn(200)),
	action('/(app)/account', 'name', () => '/account', signedIn(400)),
	action('/(app)/account', 'password', () => '/account', signedIn(400)),
	page('/(app)/account/sessions', () => '/account/sessions', signedIn(200)),
	action('/(app)/account/sessions', 'end', () => '/account/sessions', signedIn(400)),
	action('/(app)/account/sessions', 'others', () => '/account/sessions', signedIn(303)),
	{ route: '/(app)/sign-out', method: 'POST', path: () => '/sign-out', fresh: true, expect: everyone(303) },
	{
		route: '/api/session',
		method: 'POST',
		path: () => '/api/session',
		headers: { accept: 'application/json' },
		expect: { default: 200, anonymous: 401 }
	},

	// An organisation's own workspace: its people only; partnership roles are in scope but forbidden.
	page('/(app)/organisations/[organisationId=uuid]', (ids) => `/organisations/${police(ids)}`,
		only(200, POLICE_ROLES, [...NM_PARTNERSHIP_ROLES, 'eb_bu', 'eb_chair'])),
	page('/(app)/organisations/[organisationId=uuid]', (ids) => `/organisations/${school(ids)}`,
		only(200, SCHOOL_ROLES, NM_PARTNERSHIP_ROLES), 'Eastbrook is not in scope of a Northmere school'),
	// A partnership's request to add an organisation (the demo has Eastbrook asking Oakfield): its lead answers;
	// the partnership that asks never can, nor can the school's other partnership while the school has a lead.
	page('/(app)/organisations/[organisationId=uuid]/membership-requests/[partnershipId=uuid]',
		(ids) => `/organisations/${school(ids)}/membership-requests/${ids.partnerships.eastbrook}`,
		only(200, ['school_lead'], ['school_head', 'school_governor', ...NM_PARTNERSHIP_ROLES])),
	...['agree', 'decline'].map((name) =>
		action('/(app)/organisations/[organisationId=uuid]/membership-requests/[partnershipId=uuid]', name,
			(ids) => `/organisations/${school(ids)}/membership-requests/${ids.partnerships.northmere}`,
			only(404, [], ['school_head', 'school_governor', ...NM_PARTNERSHIP_ROLES]), {},
			'a request that does not exist: access is checked first, then 404')
	),
	page('/(app)/organisations/[organisationId=uuid]/users', (ids) => `/organisations/${police(ids)}/users`,
		only(200, ['police_lead'], ['police_contributor', 'police_signatory', ...NM_PARTNERSHIP_ROLES, 'eb_bu', 'eb_chair'])),
	...['invite', 'revoke', 'remove'].map((name) =>
		action('/(app)/organisations/[organisationId=uuid]/users', name, (ids) => `/organisations/${police(ids)}/users`,
			only(400, ['police_lead'], ['police_contributor', 'police_signatory', ...NM_PARTNERSHIP_ROLES, 'eb_bu', 'eb_chair']))
	),

	// A partnership's pages: its own partnership roles only.
	page('/(app)/partnerships/[partnershipId=uuid]', nm, only(200, NM_PARTNERSHIP_ROLES)),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations', (ids) => `${nm(ids)}/organisations`,
		only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board']), 'read by whoever reads its organisations’ pages'),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations', 'withdraw', (ids) => `${nm(ids)}/organisations`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/new', (ids) => `${nm(ids)}/organisations/new`,
		only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/new', 'default', (ids) => `${nm(ids)}/organisations/new`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/import', (ids) => `${nm(ids)}/organisations/import`,
		only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	...['preview', 'import'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/organisations/import', name, (ids) => `${nm(ids)}/organisations/import`,
			only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']))
	),
	// The school register import: the business unit only (the chair reads the schools, never imports them).
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/register', (ids) => `${nm(ids)}/organisations/register`,
		only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/register', 'preview', (ids) => `${nm(ids)}/organisations/register`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), {}, 'no file uploaded'),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/register', 'apply', (ids) => `${nm(ids)}/organisations/register`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), {}, 'no preview named'),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/register', (ids) => `${nm(ids)}/organisations/register?import=${NO_SUCH_ID}`,
		only(404, [], ['nm_chair', 'nm_moderator', 'nm_board']), 'a preview that is not this partnership’s is a 404'),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]',
		(ids) => `${nm(ids)}/organisations/${school(ids)}`,
		only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]',
		(ids) => `${nm(ids)}/organisations/${ebCouncil(ids)}`,
		{ default: 404, anonymous: 303 },
		'another partnership’s organisation, through this partnership’s path, is a 404 even for its business unit'),
	...['inviteLead', 'revoke', 'remove'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]', name,
			(ids) => `${nm(ids)}/organisations/${school(ids)}`,
			only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']))
	),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]', 'deactivate',
		(ids) => `${nm(ids)}/organisations/${nmHomes(ids)}`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), {}, 'without the box ticked to confirm'),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]', 'reactivate',
		(ids) => `${nm(ids)}/organisations/${nmHomes(ids)}`,
		only(303, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]', 'addToCycle',
		(ids) => `${nm(ids)}/organisations/${nmHomes(ids)}`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]/edit',
		(ids) => `${nm(ids)}/organisations/${school(ids)}/edit`,
		only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/organisations/[organisationId=uuid]/edit', 'default',
		(ids) => `${nm(ids)}/organisations/${school(ids)}/edit`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/users', (ids) => `${nm(ids)}/users`,
		only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	...['invite', 'revoke', 'remove'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/users', name, (ids) => `${nm(ids)}/users`,
			only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']))
	),
	page('/(app)/partnerships/[partnershipId=uuid]/audit-log', (ids) => `${nm(ids)}/audit-log`,
		only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/evidence-retention', (ids) => `${nm(ids)}/evidence-retention`,
		only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/evidence-retention', 'default', (ids) => `${nm(ids)}/evidence-retention`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),

	// An organisation's live return: its own people only. Partnerships never see a draft (403 in scope).
	action('/(app)/organisations/[organisationId=uuid]', 'start', (ids) => `/organisations/${police(ids)}`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE])),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]', ret, only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]', (ids) => `/organisations/${ids.organisations['Mercia Vale Community Health NHS Trust']}/returns/${ids.police.returnId}`,
		only(200, [], PARTNERSHIPS_OF_POLICE), 'another organisation’s return through one’s own organisation is a 404'),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/standards/[code=code]', (ids) => `${ret(ids)}/standards/1`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/standards/[code=code]', (ids) => `${ret(ids)}/standards/99`,
		only(404, POLICE_ROLES, PARTNERSHIPS_OF_POLICE), 'a standard the template does not have: access is checked first'),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/standards/[code=code]', 'save', (ids) => `${ret(ids)}/standards/1`,
		only(409, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]), {},
		'a form without versions never overwrites saved answers'),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/standards/[code=code]', 'confirmAll', (ids) => `${ret(ids)}/standards/1`,
		only(409, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]), {},
		'confirm all unchanged answers: a form without versions confirms nothing and overwrites nothing'),
	{
		route: '/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/responses/[code=code]',
		method: 'POST',
		path: (ids) => `${ret(ids)}/responses/1.1`,
		headers: { accept: 'application/json', 'content-type': 'application/json' },
		expect: { ...only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]), anonymous: 401 },
		note: 'autosave: an empty body is refused'
	},
	// A requirement's evidence: the organisation's people read it; contributors and the lead change it.
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/evidence/[code=code]', (ids) => `${ret(ids)}/evidence/1.1`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/evidence/[code=code]', (ids) => `${ret(ids)}/evidence/99.1`,
		only(404, POLICE_ROLES, PARTNERSHIPS_OF_POLICE), 'a requirement the template does not have'),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/evidence/[code=code]', 'link', (ids) => `${ret(ids)}/evidence/1.1`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]), {}, 'no version and no documents'),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/evidence/[code=code]', 'unlink', (ids) => `${ret(ids)}/evidence/1.1`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE])),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/evidence/[code=code]', 'upload', (ids) => `${ret(ids)}/evidence/1.1`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]), {}, 'a form with no file'),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/check', (ids) => `${ret(ids)}/check`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/check', 'sign', (ids) => `${ret(ids)}/check`,
		only(400, ['police_signatory'], ['police_lead', 'police_contributor', ...PARTNERSHIPS_OF_POLICE])),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/check', 'askSignOff', (ids) => `${ret(ids)}/check`,
		only(303, ['police_lead'], ['police_contributor', 'police_signatory', ...PARTNERSHIPS_OF_POLICE]), {},
		'emails the executive lead, whose signature from last year no longer counts'),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/check', 'submit', (ids) => `${ret(ids)}/check`,
		only(400, ['police_lead'], ['police_contributor', 'police_signatory', ...PARTNERSHIPS_OF_POLICE])),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/actions', (ids) => `${ret(ids)}/actions`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/actions/new', (ids) => `${ret(ids)}/actions/new?requirement=1.1`,
		only(200, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE])),
	action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/actions/new', 'default', (ids) => `${ret(ids)}/actions/new?requirement=1.1`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE])),
	page('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/actions/[actionId=uuid]', (ids) => `${ret(ids)}/actions/${ids.police.actionId}`,
		only(200, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE])),
	...['save', 'delete'].map((name) =>
		action('/(app)/organisations/[organisationId=uuid]/returns/[returnId=uuid]/actions/[actionId=uuid]', name, (ids) => `${ret(ids)}/actions/${ids.police.actionId}`,
			only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]))
	),
	page('/(app)/organisations/[organisationId=uuid]/submissions/[submissionId=uuid]', (ids) => `/organisations/${police(ids)}/submissions/${ids.police.submissionId}`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	// Evidence files. The demo cites none, so these rows check access before the lookup (a 404 for everyone
	// allowed); tests/integration/http/evidence-downloads.test.ts downloads real files role by role.
	page('/(app)/organisations/[organisationId=uuid]/evidence/[documentId=uuid]/revisions/[revision]/file',
		(ids) => `/organisations/${police(ids)}/evidence/${NO_SUCH_ID}/revisions/1/file`,
		only(404, []), 'a document the library does not have; the library is its organisation’s alone (a 404 to partnerships too)'),
	page('/(app)/organisations/[organisationId=uuid]/submissions/[submissionId=uuid]/evidence/[revisionId=uuid]',
		(ids) => `/organisations/${police(ids)}/submissions/${ids.police.submissionId}/evidence/${NO_SUCH_ID}`,
		only(404, [], PARTNERSHIPS_OF_POLICE), 'a revision the submission does not cite: access is checked first'),
	page('/(app)/organisations/[organisationId=uuid]/submissions/[submissionId=uuid]/evidence.zip',
		(ids) => `/organisations/${police(ids)}/submissions/${ids.police.submissionId}/evidence.zip`,
		only(404, [], PARTNERSHIPS_OF_POLICE), 'a submission citing no evidence: access is checked first'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/evidence/[revisionId=uuid]',
		(ids) => `${nm(ids)}/submissions/${ids.police.submissionId}/evidence/${NO_SUCH_ID}`,
		{ default: 404, anonymous: 303, nm_board: 403 }, 'a revision the submission does not cite: access is checked first'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/evidence.zip',
		(ids) => `${nm(ids)}/submissions/${ids.police.submissionId}/evidence.zip`,
		{ default: 404, anonymous: 303, nm_board: 403 }, 'a submission citing no evidence: access is checked first'),

	// The challenge log. Partnership side: every role reads, reviewers raise, the chair decides; another partnership's path is a 404.
	page('/(app)/partnerships/[partnershipId=uuid]/challenges', (ids) => `${nm(ids)}/challenges`, only(200, NM_PARTNERSHIP_ROLES)),
	page('/(app)/partnerships/[partnershipId=uuid]/challenges', (ids) => `${nm(ids)}/challenges?status=open&overdue=yes&source=moderation&standard=2&cycle=${NO_SUCH_ID}&organisation=${police(ids)}&page=2`,
		only(200, NM_PARTNERSHIP_ROLES), 'filtered'),
	page('/(app)/partnerships/[partnershipId=uuid]/challenges/new', (ids) => `${nm(ids)}/challenges/new?organisation=${police(ids)}&source=moderation&standard=2`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board']), 'prefilled as the moderation page links to it'),
	action('/(app)/partnerships/[partnershipId=uuid]/challenges/new', 'default', (ids) => `${nm(ids)}/challenges/new`,
		only(400, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/challenges/[challengeId=uuid]', (ids) => `${nm(ids)}/challenges/${ids.challenges.policeOverdue}`,
		only(200, NM_PARTNERSHIP_ROLES)),
	page('/(app)/partnerships/[partnershipId=uuid]/challenges/[challengeId=uuid]', (ids) => `/partnerships/${ids.partnerships.eastbrook}/challenges/${ids.challenges.policeOverdue}`,
		{ default: 404, anonymous: 303 }, 'Northmere’s challenge through Eastbrook’s path, even to Eastbrook’s chair'),
	action('/(app)/partnerships/[partnershipId=uuid]/challenges/[challengeId=uuid]', 'decide', (ids) => `${nm(ids)}/challenges/${ids.challenges.policeAnswered}`,
		only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), {}, 'a form without its version changes nothing'),
	page('/(app)/partnerships/[partnershipId=uuid]/challenges/[challengeId=uuid]/evidence/[revisionId=uuid]',
		(ids) => `${nm(ids)}/challenges/${ids.challenges.policeAnswered}/evidence/${NO_SUCH_ID}`,
		{ default: 404, anonymous: 303 }, 'a revision no answer cites (tests/integration/http/challenges.test.ts opens a cited one): access is checked first'),
	// Organisation side: its own people read its challenges; contributors and leads answer; partnerships use their own pages.
	page('/(app)/organisations/[organisationId=uuid]/challenges', (ids) => `/organisations/${police(ids)}/challenges`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	page('/(app)/organisations/[organisationId=uuid]/challenges/[challengeId=uuid]', (ids) => `/organisations/${police(ids)}/challenges/${ids.challenges.policeOverdue}`,
		only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),
	page('/(app)/organisations/[organisationId=uuid]/challenges/[challengeId=uuid]',
		(ids) => `/organisations/${ids.organisations['Mercia Vale Community Health NHS Trust']}/challenges/${ids.challenges.policeOverdue}`,
		only(404, [], PARTNERSHIPS_OF_POLICE), 'another organisation’s challenge through one’s own organisation is a 404'),
	action('/(app)/organisations/[organisationId=uuid]/challenges/[challengeId=uuid]', 'answer', (ids) => `/organisations/${police(ids)}/challenges/${ids.challenges.policeOverdue}`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory', ...PARTNERSHIPS_OF_POLICE]), {}, 'a form without its version changes nothing'),

	// An organisation's evidence library: its own people only; to partnerships it does not exist (they open evidence through submissions).
	page(LIBRARY, (ids) => `/organisations/${police(ids)}/evidence`, only(200, POLICE_ROLES)),
	page(LIBRARY, (ids) => `/organisations/${police(ids)}/evidence?q=policy&flag=overdue&type=application%2Fpdf&requirement=1.1&page=2`, only(200, POLICE_ROLES), 'searched and filtered'),
	page(DOCUMENT, (ids) => `/organisations/${police(ids)}/evidence/${NO_SUCH_ID}`, only(404, POLICE_ROLES), 'a document that does not exist (tests/integration/http/library.test.ts opens real ones): access is checked first'),
	...['details', 'remove', 'revise'].map((name) =>
		action(DOCUMENT, name, (ids) => `/organisations/${police(ids)}/evidence/${NO_SUCH_ID}`, only(404, [], ['police_signatory']), {},
			'a document that does not exist: access is checked first')
	),

	// A partnership's cycles, templates and the submissions sent to it.
	page('/(app)/partnerships/[partnershipId=uuid]/cycles', (ids) => `${nm(ids)}/cycles`, only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/new', (ids) => `${nm(ids)}/cycles/new`, only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/cycles/new', 'default', (ids) => `${nm(ids)}/cycles/new`, only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}`,
		{ default: 404, anonymous: 303, nm_board: 403 }, 'another partnership’s cycle through this partnership’s path'),
	...['extend', 'add'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]', name, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}`,
			only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']))
	),
	action('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]', 'close', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}`,
		only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), {}, 'without the box ticked to confirm'),
	action('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]', 'reopen', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}`,
		only(303, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]', (ids) => `${nm(ids)}/submissions/${ids.police.submissionId}`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]', (ids) => `/partnerships/${ids.partnerships.eastbrook}/submissions/${ids.police.submissionId}`,
		{ default: 404, anonymous: 303 }, 'a submission to Northmere through Eastbrook’s path'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]', (ids) => `/partnerships/${ids.partnerships.eastbrook}/submissions/${ids.ambulanceEastbrookSubmission}`,
		{ default: 404, anonymous: 303, eb_bu: 200, eb_chair: 200 }, 'the same return sent to Eastbrook is Eastbrook’s to read'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]', (ids) => `${nm(ids)}/submissions/${ids.unassignedSubmission}`,
		{ default: 404, anonymous: 303, nm_bu: 200, nm_chair: 200, nm_board: 403 }, 'a moderator reads only the submissions assigned to them'),
	// Moderation: the workspace per cycle, and a submission's moderation page.
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/moderation', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/moderation`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/moderation', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/moderation?state=awaiting&sort=gap&order=desc&page=2`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board']), 'filtered, sorted and a page past the last (shows the last)'),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/moderation', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/moderation`,
		{ default: 404, anonymous: 303, nm_board: 403 }, 'another partnership’s cycle through this partnership’s path'),
	action('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/moderation', 'assign', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/moderation`,
		only(400, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board']), {}, 'with no submission chosen'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/moderation', (ids) => `${nm(ids)}/submissions/${ids.police.submissionId}/moderation`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board']), 'assigned to the demo moderator'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/moderation', (ids) => `${nm(ids)}/submissions/${ids.unassignedSubmission}/moderation`,
		{ default: 404, anonymous: 303, nm_bu: 200, nm_chair: 200, nm_board: 403 }, 'not assigned: a moderator gets 404'),
	page('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/moderation', (ids) => `/partnerships/${ids.partnerships.eastbrook}/submissions/${ids.police.submissionId}/moderation`,
		{ default: 404, anonymous: 303 }, 'a submission to Northmere through Eastbrook’s path'),
	...['saveStandard', 'saveReview', 'requestChanges', 'accept'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/moderation', name, (ids) => `${nm(ids)}/submissions/${ids.unassignedSubmission}/moderation`,
			{ default: 404, anonymous: 303, nm_chair: 400, nm_bu: 403, nm_board: 403 }, {}, 'without a version: refused before anything is written')
	),
	...['sendBack', 'complete', 'agree'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/submissions/[submissionId=uuid]/moderation', name, (ids) => `${nm(ids)}/submissions/${ids.unassignedSubmission}/moderation`,
			{ default: 404, anonymous: 303, nm_chair: 400, nm_bu: 403, nm_board: 403 }, {}, 'only the chair; refused for want of a version or standard')
	),
	// Challenge events: every partnership role reads them, the chair plans and records; an organisation sees only its own slot.
	page(EVENTS, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events`, only(200, NM_PARTNERSHIP_ROLES)),
	page(EVENTS, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/events`, { default: 404, anonymous: 303 }, 'another partnership’s cycle through this partnership’s path'),
	page(`${EVENTS}/new`, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/new`, only(200, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board'])),
	action(`${EVENTS}/new`, 'default', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/new`, only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board'])),
	page(EVENT, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}`, only(200, NM_PARTNERSHIP_ROLES)),
	page(EVENT, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.held}`, { default: 404, anonymous: 303 }, 'an event through another cycle’s path'),
	page(EVENT, (ids) => `/partnerships/${ids.partnerships.eastbrook}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}`, { default: 404, anonymous: 303 }, 'Northmere’s event through Eastbrook’s path, even to Eastbrook’s chair'),
	action(EVENT, 'panel', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}`, only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), { rows: '1', 'guest-0-email': 'not an address' }, 'a guest without a name'),
	action(EVENT, 'cancel', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}`, only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), {}, 'without the box ticked to confirm'),
	page(`${EVENT}/edit`, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}/edit`, only(200, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board'])),
	action(`${EVENT}/edit`, 'default', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}/edit`, only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board'])),
	page(`${EVENT}/invite`, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}/invite`, only(200, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board'])),
	action(`${EVENT}/invite`, 'default', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}/invite`, only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), {}, 'nobody chosen'),
	page(SLOT, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}/slots/${ids.events.heldPoliceSlot}`, only(200, NM_PARTNERSHIP_ROLES)),
	page(SLOT, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}/slots/${ids.events.heldPoliceSlot}`, { default: 404, anonymous: 303 }, 'a slot of another event through this event’s path'),
	...['record', 'move', 'raise'].map((name) =>
		action(SLOT, name, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}/slots/${ids.events.heldPoliceSlot}`, only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), {}, 'an empty form changes nothing')
	),
	page(`${SLOT}/invitation.ics`, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}/slots/${ids.events.heldPoliceSlot}/invitation.ics`, only(200, NM_PARTNERSHIP_ROLES)),
	// Pre-read packs: one organisation's is read by those who may read its submission (the moderator only if assigned), all at once by the chair and business unit.
	page(`${SLOT}/pack.pdf`, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}/slots/${ids.events.heldPoliceSlot}/pack.pdf`,
		only(200, ['nm_bu', 'nm_chair', 'nm_moderator'], ['nm_board']), 'the police’s submission is assigned to the demo moderator'),
	page(`${SLOT}/pack.pdf`, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Northmere}/events/${ids.events.planned}/slots/${ids.events.plannedNhsSlot}/pack.pdf`,
		{ default: 404, anonymous: 303 }, 'the organisation has not submitted yet: no pack'),
	page(`${EVENT}/packs.zip`, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/events/${ids.events.held}/packs.zip`, only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board'])),
	page(OWN_SLOT, (ids) => `/organisations/${police(ids)}/events/${ids.events.heldPoliceSlot}`, only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE), 'the partnership reads its events on its own pages'),
	page(OWN_SLOT, (ids) => `/organisations/${ids.organisations['Mercia Vale Community Health NHS Trust']}/events/${ids.events.heldPoliceSlot}`, only(404, [], PARTNERSHIPS_OF_POLICE), 'another organisation’s slot through one’s own organisation is a 404'),
	page(`${OWN_SLOT}/invitation.ics`, (ids) => `/organisations/${police(ids)}/events/${ids.events.heldPoliceSlot}/invitation.ics`, only(200, POLICE_ROLES, PARTNERSHIPS_OF_POLICE)),

	page('/(app)/partnerships/[partnershipId=uuid]/templates', (ids) => `${nm(ids)}/templates`, only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/templates/import', (ids) => `${nm(ids)}/templates/import`, only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/templates/import', 'default', (ids) => `${nm(ids)}/templates/import`, only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	page('/(app)/partnerships/[partnershipId=uuid]/templates/[templateId=uuid]', (ids) => `${nm(ids)}/templates/${ids.templates.s11}`, only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/templates/[templateId=uuid]', 'publish', (ids) => `${nm(ids)}/templates/${ids.templates.s11}`,
		only(403, [], ['nm_bu', 'nm_chair', 'nm_moderator', 'nm_board']), {}, 'a shipped template is already published'),
	action('/(app)/partnerships/[partnershipId=uuid]/templates/[templateId=uuid]', 'delete', (ids) => `${nm(ids)}/templates/${ids.templates.s11}`,
		{ ...only(409, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']) }, {}, 'a published version is never deleted'),
	{ route: '/(app)/partnerships/[partnershipId=uuid]/templates/[templateId=uuid]/download', method: 'GET', path: (ids) => `${nm(ids)}/templates/${ids.templates.s11}/download`,
		expect: only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board']) },

	// The evidence library's upload page: the organisation's contributors and lead only; like the library, a 404 to partnerships.
	page('/(app)/organisations/[organisationId=uuid]/evidence/upload', (ids) => `/organisations/${police(ids)}/evidence/upload`,
		only(200, ['police_lead', 'police_contributor'], ['police_signatory'])),
	action('/(app)/organisations/[organisationId=uuid]/evidence/upload', 'default', (ids) => `/organisations/${police(ids)}/evidence/upload`,
		only(400, ['police_lead', 'police_contributor'], ['police_signatory']), {}, 'a form with no file'),

	// Cycle dashboards: the partnership's report readers (the business unit, the chair, the board); a moderator, who sees only what is
	// assigned to them, is refused; an organisation's people and other partnerships do not see the cycle at all.
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/dashboard', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/dashboard`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']), 'this year’s schools audit'),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/dashboard', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/dashboard?phase=primary`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']), 'last year’s moderated Section 11 audit, a phase that matches no agency'),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/dashboard', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/dashboard`,
		{ default: 404, anonymous: 303, nm_moderator: 403 }, 'another partnership’s cycle through this partnership’s path'),
	// The partnership dashboard: the cycle dashboards' readers; a moderator is refused; everyone else, another partnership's people
	// included, is told it does not exist.
	page('/(app)/partnerships/[partnershipId=uuid]/dashboard', (ids) => `${nm(ids)}/dashboard`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']), 'every Northmere cycle, two of the same audit'),
	page('/(app)/partnerships/[partnershipId=uuid]/dashboard', (ids) => `/partnerships/${ids.partnerships.eastbrook}/dashboard`,
		only(200, ['eb_bu', 'eb_chair']), 'Eastbrook’s, to its own people only'),
	// The board paper: the dashboard's readers, as a PDF and a Word document.
	...(['board-paper.pdf', 'board-paper.docx'] as const).flatMap((file): RouteCase[] => [
		{ route: `/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/${file}`, method: 'GET', file: true,
			path: (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/${file}`, expect: only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']) },
		{ route: `/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/${file}`, method: 'GET', file: true,
			path: (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/${file}`, expect: { default: 404, anonymous: 303, nm_moderator: 403 },
			note: 'another partnership’s cycle through this partnership’s path' }
	]),

	// Feedback letters: the business unit, the chair and the board read a cycle's letters (drafts too), the chair drafts, words and
	// issues them; a moderator (who sees only what is assigned to them) does not. The organisation reads its own issued letters only.
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/letters`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator'])),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/letters`,
		{ default: 404, anonymous: 303, nm_moderator: 403 }, 'another partnership’s cycle through this partnership’s path'),
	action('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters', 'draft', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/letters`,
		only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), {}, 'a cycle with nothing moderated: nothing to draft'),
	{ route: '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters.zip', method: 'GET', path: (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/letters.zip`, file: true,
		expect: only(404, [], ['nm_moderator']), note: 'no letter issued yet in the seed: access is checked first' },
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters/[letterId=uuid]', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/letters/${ids.policeLetter}`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']), 'the police force’s draft'),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters/[letterId=uuid]', (ids) => `/partnerships/${ids.partnerships.eastbrook}/cycles/${ids.pastS11Northmere}/letters/${ids.policeLetter}`,
		{ default: 404, anonymous: 303 }, 'Northmere’s letter through Eastbrook’s path'),
	...['save', 'issue'].map((name) =>
		action('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters/[letterId=uuid]', name, (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/letters/${ids.policeLetter}`,
			only(400, ['nm_chair'], ['nm_bu', 'nm_moderator', 'nm_board']), {}, 'without a version: refused before anything is written')
	),
	...(['letter.pdf', 'letter.docx'] as const).map((file): RouteCase => ({
		route: `/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/letters/[letterId=uuid]/${file}`, method: 'GET', file: true,
		path: (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/letters/${ids.policeLetter}/${file}`,
		expect: only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']), note: 'a preview of the draft'
	})),
	...(['letter.pdf', 'letter.docx'] as const).map((file): RouteCase => ({
		route: `/(app)/organisations/[organisationId=uuid]/letters/[letterId=uuid]/${file}`, method: 'GET', file: true,
		path: (ids) => `/organisations/${police(ids)}/letters/${ids.policeLetter}/${file}`,
		expect: only(404, [], PARTNERSHIPS_OF_POLICE), note: 'a draft is a 404 to the organisation; partnerships read letters on their own pages'
	})),
	// The heatmap: the compliance readers (business unit, chair, board); a moderator, who sees only what is assigned to them, does not.
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/heatmap', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/heatmap`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator'])),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/heatmap', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/heatmap`,
		{ default: 404, anonymous: 303, nm_moderator: 403 }, 'another partnership’s cycle through this partnership’s path'),
	page('/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/heatmap', (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/heatmap?sort=nonsense&sector=nowhere&phase=x&standard=99&page=-4`,
		only(200, ['nm_bu', 'nm_chair', 'nm_board'], ['nm_moderator']), 'unknown filters, order and page fall back to the defaults'),
	// The organisation's full export: its lead only; its partnerships are refused, other organisations are told it does not exist.
	{ route: '/(app)/organisations/[organisationId=uuid]/export.zip', method: 'GET', path: (ids) => `/organisations/${police(ids)}/export.zip`, file: true,
		expect: only(200, ['police_lead'], ['police_contributor', 'police_signatory', ...PARTNERSHIPS_OF_POLICE]) },
	{ route: '/(app)/organisations/[organisationId=uuid]/export.zip', method: 'GET', path: () => `/organisations/${NO_SUCH_ID}/export.zip`, file: true,
		expect: { default: 404, anonymous: 303 }, note: 'an organisation that does not exist' },
	// A cycle's exports: the workbook and each sheet's CSV, for the business unit and the chair (report:export).
	{ route: '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/export.xlsx', method: 'GET', path: (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/export.xlsx`, file: true,
		expect: only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board']) },
	{ route: '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/export.xlsx', method: 'GET', path: (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/export.xlsx`, file: true,
		expect: { default: 404, anonymous: 303, nm_moderator: 403, nm_board: 403 }, note: 'another partnership’s cycle through this partnership’s path' },
	{ route: '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/export/[sheet=sheet].csv', method: 'GET', path: (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/export/responses.csv`, file: true,
		expect: only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board']) },
	{ route: '/(app)/partnerships/[partnershipId=uuid]/cycles/[cycleId=uuid]/export/[sheet=sheet].csv', method: 'GET', path: (ids) => `${nm(ids)}/cycles/${ids.pastS11Northmere}/export/users.csv`, file: true,
		expect: everyone(404), note: 'a sheet the export does not have' },
	// Reminders: the business unit chases a cycle's missing returns (now, and on the schedule), the chair reads what was sent; the board and moderators do not.
	page(REMINDERS, (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/reminders`, only(200, ['nm_bu', 'nm_chair'], ['nm_moderator', 'nm_board'])),
	page(REMINDERS, (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/reminders`, { default: 404, anonymous: 303, nm_moderator: 403, nm_board: 403 }, 'another partnership’s cycle through this partnership’s path'),
	action(REMINDERS, 'send', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/reminders`, only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), {}, 'no organisation ticked'),
	action(REMINDERS, 'send', (ids) => `${nm(ids)}/cycles/${ids.cycles.s11Eastbrook}/reminders`, { default: 404, anonymous: 303, nm_chair: 403, nm_moderator: 403, nm_board: 403 }, {}, 'another partnership’s cycle: nothing sent'),
	action(REMINDERS, 'preview', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/reminders`, only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), { extra: 'x'.repeat(2001) }, 'an extra paragraph too long'),
	action(REMINDERS, 'schedule', (ids) => `${nm(ids)}/cycles/${ids.cycles.s175Northmere}/reminders`, only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), { enabled: 'yes', daysBefore: 'soon' }, 'days that are not numbers'),
	page('/(app)/partnerships/[partnershipId=uuid]/logo', (ids) => `${nm(ids)}/logo`, only(200, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board'])),
	action('/(app)/partnerships/[partnershipId=uuid]/logo', 'default', (ids) => `${nm(ids)}/logo`, only(400, ['nm_bu'], ['nm_chair', 'nm_moderator', 'nm_board']), {}, 'no file chosen'),
	{ route: '/(app)/partnerships/[partnershipId=uuid]/logo/logo.img', method: 'GET', path: (ids) => `${nm(ids)}/logo/logo.img`, file: true,
		expect: only(404, [], ['nm_chair', 'nm_moderator', 'nm_board']), note: 'no logo in the seed' },

	// Administration: system admins only; everyone else is told it does not exist.
	page('/(admin)/admin', () => '/admin', only(200, ['admin'])),
	page('/(admin)/admin/partnerships/new', () => '/admin/partnerships/new', only(200, ['admin'])),
	action('/(admin)/admin/partnerships/new', 'default', () => '/admin/partnerships/new', only(400, ['admin'])),
	page('/(admin)/admin/outbox', () => '/admin/outbox', only(200, ['admin'])),
	page('/(admin)/admin/users', () => '/admin/users', only(200, ['admin'])),
	...['disable', 'enable'].map((name) => action('/(admin)/admin/users', name, () => '/admin/users', only(400, ['admin']))),
	page('/(admin)/admin/audit-log', () => '/admin/audit-log', only(200, ['admin']))
];
