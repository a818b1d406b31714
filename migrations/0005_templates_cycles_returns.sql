-- Templates (versioned data), audit cycles, organisations' live returns, their
-- sign-offs, and the immutable submissions that everything later reads.

-- One row per version of a template. The definition is the validated template
-- file. Shipped templates belong to no partnership and are offered to all;
-- imported ones belong to the partnership that imported them. A published
-- version never changes: changes make a new version.
create table templates (
	id uuid primary key default gen_random_uuid(),
	slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
	version integer not null check (version between 1 and 1000),
	title text not null,
	kind text not null check (kind in ('section-11', 'section-175', 'themed')),
	definition jsonb not null,
	status text not null check (status in ('draft', 'published')),
	partnership_id uuid references partnerships (id),
	created_by uuid references users (id),
	created_at timestamptz not null default now(),
	published_at timestamptz,
	check ((status = 'published') = (published_at is not null))
);
create unique index templates_slug_version_key on templates (slug, version);

create function templates_published_are_frozen() returns trigger
language plpgsql as $$
begin
	if old.status = 'published' then
		raise exception 'template % version % is published and cannot change', old.slug, old.version
			using errcode = 'insufficient_privilege';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger templates_published_frozen
	before update or delete on templates
	for each row execute function templates_published_are_frozen();

-- A partnership asks its members for a return against one published template
-- version: all its standards or some (a two-stage pilot), between two dates.
create table cycles (
	id uuid primary key default gen_random_uuid(),
	partnership_id uuid not null references partnerships (id),
	template_id uuid not null references templates (id),
	title text not null check (length(btrim(title)) between 3 and 200),
	standard_codes text[] not null check (cardinality(standard_codes) > 0),
	opens_on date not null,
	closes_on date not null,
	closed_at timestamptz,
	created_by uuid references users (id),
	created_at timestamptz not null default now(),
	version integer not null default 1,
	check (closes_on >= opens_on)
);
create index cycles_partnership_idx on cycles (partnership_id, opens_on desc);

create table cycle_participants (
	cycle_id uuid not null references cycles (id),
	organisation_id uuid not null references organisations (id),
	-- A later deadline for this organisation only.
	extended_to date,
	added_at timestamptz not null default now(),
	primary key (cycle_id, organisation_id)
);
create index cycle_participants_organisation_idx on cycle_participants (organisation_id);

-- An organisation's live self-assessment against one template version. Always
-- editable by the organisation; partnerships only ever see its submissions.
create table returns (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references organisations (id),
	template_id uuid not null references templates (id),
	carried_from uuid references returns (id),
	created_by uuid references users (id),
	created_at timestamptz not null default now(),
	unique (organisation_id, template_id)
);

-- When the organisation began work on a cycle with this return.
create table return_cycles (
	return_id uuid not null references returns (id),
	cycle_id uuid not null references cycles (id),
	started_at timestamptz not null default now(),
	started_by uuid references users (id),
	primary key (return_id, cycle_id)
);

-- One answer per requirement: a grade (a scale value, or 'na' with a reason)
-- and the narrative behind it. `version` guards against silent overwrites.
create table responses (
	return_id uuid not null references returns (id),
	requirement_code text not null,
	grade text,
	na_reason text not null default '',
	narrative text not null default '',
	-- Copied from an earlier return or submission and not yet confirmed.
	carried_forward boolean not null default false,
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id),
	version integer not null default 1,
	primary key (return_id, requirement_code)
);

-- The action plan: what the organisation will do about areas for improvement.
-- Overdue is derived from due_on and status, never stored.
create table actions (
	id uuid primary key default gen_random_uuid(),
	return_id uuid not null references returns (id),
	requirement_code text not null,
	description text not null check (length(btrim(description)) between 1 and 2000),
	owner text not null default '',
	due_on date,
	status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done')),
	progress text not null default '',
	carried_forward boolean not null default false,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id),
	version integer not null default 1
);
create index actions_return_idx on actions (return_id, requirement_code);

-- A signatory signs the return as it stands: the hash of its content at that
-- moment. Any later change makes the sign-off stale until signed again.
create table sign_offs (
	id uuid primary key default gen_random_uuid(),
	return_id uuid not null references returns (id),
	capacity text not null check (capacity in ('headteacher', 'governor', 'executive_lead')),
	user_id uuid not null references users (id),
	signed_name text not null,
	signed_role text not null default '',
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	signed_at timestamptz not null default now()
);
create index sign_offs_return_idx on sign_offs (return_id, capacity, signed_at desc);

-- A frozen snapshot of a return sent to one cycle. Submitting again adds a
-- version; nothing ever changes one. Every later step reads these.
create table submissions (
	id uuid primary key default gen_random_uuid(),
	return_id uuid not null references returns (id),
	cycle_id uuid not null references cycles (id),
	organisation_id uuid not null references organisations (id),
	partnership_id uuid not null references partnerships (id),
	version integer not null check (version >= 1),
	snapshot jsonb not null,
	submitted_at timestamptz not null default now(),
	submitted_by uuid references users (id),
	late boolean not null,
	unique (cycle_id, organisation_id, version)
);
create index submissions_return_idx on submissions (return_id, submitted_at desc);
create index submissions_partnership_idx on submissions (partnership_id, cycle_id);

create function submissions_are_immutable() returns trigger
language plpgsql as $$
begin
	raise exception 'submissions are immutable: % is not allowed', tg_op
		using errcode = 'insufficient_privilege';
end;
$$;

create trigger submissions_no_update_or_delete
	before update or delete on submissions
	for each row execute function submissions_are_immutable();
