-- Chasing returns. Each cycle has a reminder schedule (a row here only once
-- the business unit changes the default: 14, 7 and 1 days before the deadline,
-- then weekly while overdue). Every reminder sent is logged once per
-- (cycle, organisation, occasion): the unique key makes sending idempotent, so
-- a second instance or a rerun after a crash never sends the same one again.
-- Scheduled work runs from the jobs table, claimed with FOR UPDATE SKIP LOCKED.

create table reminder_schedules (
	cycle_id uuid primary key references cycles (id) on delete cascade,
	enabled boolean not null default true,
	days_before integer[] not null default '{14,7,1}',
	weekly_overdue boolean not null default true,
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id)
);

create table reminders (
	id uuid primary key default gen_random_uuid(),
	cycle_id uuid not null references cycles (id) on delete cascade,
	organisation_id uuid not null references organisations (id),
	-- A scheduled occasion is its UK date ('2027-03-01'); a reminder sent now is 'now:' and the form's own key.
	occasion text not null,
	kind text not null check (kind in ('now', 'scheduled')),
	recipients jsonb not null check (jsonb_typeof(recipients) = 'array' and jsonb_array_length(recipients) > 0),
	subject text not null,
	sent_at timestamptz not null default now(),
	sent_by uuid references users (id),
	unique (cycle_id, organisation_id, occasion)
);
create index reminders_cycle_idx on reminders (cycle_id, sent_at desc);

create table jobs (
	id uuid primary key default gen_random_uuid(),
	kind text not null,
	-- What the job is about (for reminders, the cycle and the UK day): the same job is queued once.
	key text not null,
	payload jsonb not null default '{}',
	run_at timestamptz not null default now(),
	-- A claimed job is leased until then; a runner that crashes leaves it to be claimed again afterwards.
	locked_until timestamptz,
	attempts integer not null default 0,
	last_error text,
	done_at timestamptz,
	created_at timestamptz not null default now(),
	unique (kind, key)
);
create index jobs_due_idx on jobs (run_at) where done_at is null;
