-- Challenge events: the chair's panel meetings for a cycle. Each invited
-- organisation has a slot, and the slot carries the record of its session
-- (attendees, questions and answers, the outcome), guarded by its own version
-- so two people recording never overwrite each other. Whether an event is
-- planned or held is derived (held once any slot has an outcome); only a
-- cancellation is stored.

create table challenge_events (
	id uuid primary key default gen_random_uuid(),
	partnership_id uuid not null references partnerships (id),
	cycle_id uuid not null references cycles (id),
	title text not null check (length(btrim(title)) between 1 and 200),
	starts_at timestamptz not null,
	ends_at timestamptz not null,
	-- Where it happens: a room, an online link, or both (at least one).
	place text not null default '',
	online_link text not null default '',
	agenda text not null default '',
	created_by uuid references users (id),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id),
	cancelled_at timestamptz,
	cancelled_by uuid references users (id),
	version integer not null default 1,
	check (ends_at > starts_at),
	check (btrim(place) <> '' or btrim(online_link) <> '')
);
create index challenge_events_cycle_idx on challenge_events (cycle_id, starts_at);
create index challenge_events_partnership_idx on challenge_events (partnership_id, starts_at);

-- The panel: the partnership's own users, or named guests from elsewhere.
create table challenge_event_panel (
	id uuid primary key default gen_random_uuid(),
	event_id uuid not null references challenge_events (id),
	user_id uuid references users (id),
	guest_name text,
	guest_email text,
	guest_role text,
	check ((user_id is not null and guest_name is null) or (user_id is null and guest_name is not null and length(btrim(guest_name)) > 0)),
	unique (event_id, user_id)
);

create table challenge_event_slots (
	id uuid primary key default gen_random_uuid(),
	event_id uuid not null references challenge_events (id),
	organisation_id uuid not null references organisations (id),
	starts_at timestamptz not null,
	ends_at timestamptz not null,
	-- Why the organisation was invited: the suggestion's reasons or the chair's own words. The panel's, never the organisation's.
	reason text not null default '',
	attendees text not null default '',
	-- [{"question": "…", "answer": "…"}, …] in the order asked.
	questions jsonb not null default '[]' check (jsonb_typeof(questions) = 'array'),
	outcome text check (outcome in ('assured', 'partly_assured', 'not_assured')),
	recorded_at timestamptz,
	recorded_by uuid references users (id),
	-- The calendar invitation's SEQUENCE: raised each time the slot's time or place changes, so calendars update it.
	sequence integer not null default 0,
	created_at timestamptz not null default now(),
	version integer not null default 1,
	check (ends_at > starts_at),
	unique (event_id, organisation_id)
);
create index challenge_event_slots_organisation_idx on challenge_event_slots (organisation_id, starts_at);

alter table challenges add constraint challenges_challenge_event_fk foreign key (challenge_event_id) references challenge_events (id);
create index challenges_event_idx on challenges (challenge_event_id) where challenge_event_id is not null;

-- Files sent with a message (a calendar invitation): [{"filename", "contentType", "content", "method"?}].
alter table mail_outbox add column attachments jsonb not null default '[]' check (jsonb_typeof(attachments) = 'array');
