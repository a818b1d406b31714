-- People, their scoped roles, sessions, and the single-use tokens that bring
-- them in (invitations) or back (password resets).

create table users (
	id uuid primary key default gen_random_uuid(),
	email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
	name text not null default '',
	password_hash text,
	system_admin boolean not null default false,
	disabled_at timestamptz,
	password_changed_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	version integer not null default 1
);
create unique index users_email_key on users (email);

create table organisation_roles (
	user_id uuid not null references users (id),
	organisation_id uuid not null references organisations (id),
	role text not null check (role in ('contributor', 'lead', 'signatory')),
	-- The capacity a signatory signs in (a school's return needs a headteacher and a governor).
	capacity text check (capacity in ('headteacher', 'governor', 'executive_lead')),
	granted_by uuid references users (id),
	granted_at timestamptz not null default now(),
	primary key (user_id, organisation_id, role),
	check ((role = 'signatory') = (capacity is not null))
);
create index organisation_roles_organisation_idx on organisation_roles (organisation_id);

create table partnership_roles (
	user_id uuid not null references users (id),
	partnership_id uuid not null references partnerships (id),
	role text not null check (role in ('business_unit', 'chair', 'moderator', 'board_member')),
	granted_by uuid references users (id),
	granted_at timestamptz not null default now(),
	primary key (user_id, partnership_id, role)
);
create index partnership_roles_partnership_idx on partnership_roles (partnership_id);

-- Only the SHA-256 of a session token is stored (hex), never the token.
create table sessions (
	id text primary key check (id ~ '^[0-9a-f]{64}$'),
	user_id uuid not null references users (id),
	created_at timestamptz not null default now(),
	last_seen_at timestamptz not null default now(),
	expires_at timestamptz not null,
	absolute_expires_at timestamptz not null,
	ip text not null default '',
	user_agent text not null default ''
);
create index sessions_user_idx on sessions (user_id);

create table invitations (
	id uuid primary key default gen_random_uuid(),
	token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
	email text not null check (email = lower(email)),
	name text not null default '',
	organisation_id uuid references organisations (id),
	partnership_id uuid references partnerships (id),
	role text not null,
	capacity text check (capacity in ('headteacher', 'governor', 'executive_lead')),
	invited_by uuid references users (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	accepted_at timestamptz,
	accepted_by uuid references users (id),
	revoked_at timestamptz,
	revoked_by uuid references users (id),
	check ((organisation_id is null) <> (partnership_id is null)),
	check (organisation_id is null or role in ('contributor', 'lead', 'signatory')),
	check (partnership_id is null or role in ('business_unit', 'chair', 'moderator', 'board_member')),
	check ((role = 'signatory') = (capacity is not null))
);
create index invitations_organisation_idx on invitations (organisation_id) where organisation_id is not null;
create index invitations_partnership_idx on invitations (partnership_id) where partnership_id is not null;

create table password_resets (
	id uuid primary key default gen_random_uuid(),
	token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
	user_id uuid not null references users (id),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);
create index password_resets_user_idx on password_resets (user_id);

-- Failed attempts (sign-in, reset requests), counted per key in a sliding
-- window. Held here, not in memory, so every instance sees the same count.
create table throttle_events (
	key text not null,
	at timestamptz not null default now()
);
create index throttle_events_key_at_idx on throttle_events (key, at);
