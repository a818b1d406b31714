-- Partnerships (safeguarding children partnerships) and the organisations that
-- answer to them. An organisation may belong to several partnerships.

create table partnerships (
	id uuid primary key default gen_random_uuid(),
	name text not null check (length(btrim(name)) between 2 and 200),
	area text not null default '',
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1
);
create unique index partnerships_name_key on partnerships (lower(name));

create table organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null check (length(btrim(name)) between 2 and 200),
	kind text not null check (kind in ('agency', 'school', 'other')),
	sector text not null check (sector in (
		'police', 'health', 'local-authority', 'probation', 'youth-justice', 'education',
		'early-years', 'voluntary', 'housing', 'fire', 'other'
	)),
	-- Identifiers: URN (schools, Get Information About Schools), UKPRN (colleges),
	-- ODS code (NHS bodies), GSS code (local authorities, police force areas).
	urn text check (urn ~ '^[0-9]{6,7}$'),
	ukprn text check (ukprn ~ '^1[0-9]{7}$'),
	ods_code text check (ods_code ~ '^[A-Z0-9]{3,6}$'),
	gss_code text check (gss_code ~ '^[EWSN][0-9]{8}$'),
	address text not null default '',
	postcode text not null default '',
	active boolean not null default true,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1
);
create unique index organisations_urn_key on organisations (urn) where urn is not null;
create unique index organisations_ukprn_key on organisations (ukprn) where ukprn is not null;
create unique index organisations_ods_code_key on organisations (ods_code) where ods_code is not null;
create unique index organisations_gss_code_key on organisations (gss_code) where gss_code is not null;
create index organisations_name_idx on organisations (lower(name));

create table partnership_members (
	partnership_id uuid not null references partnerships (id),
	organisation_id uuid not null references organisations (id),
	active boolean not null default true,
	joined_at timestamptz not null default now(),
	primary key (partnership_id, organisation_id)
);
create index partnership_members_organisation_idx on partnership_members (organisation_id);
