-- The challenge log: every challenge a partnership raises with a member
-- organisation, the organisation's answers and the chair's decisions. The
-- current state lives on `challenges` (for fast lists, guarded by `version`);
-- every step is appended to `challenge_steps`, which nothing updates or deletes.

create table challenges (
	id uuid primary key default gen_random_uuid(),
	partnership_id uuid not null references partnerships (id),
	organisation_id uuid not null references organisations (id),
	cycle_id uuid references cycles (id),
	submission_id uuid references submissions (id),
	standard_code text,
	requirement_code text,
	source text not null check (source in ('moderation', 'challenge_event', 'board_meeting', 'other')),
	-- Challenge events come later: no foreign key yet.
	challenge_event_id uuid,
	raised_by uuid references users (id),
	raised_at timestamptz not null default now(),
	text text not null check (length(btrim(text)) between 1 and 4000),
	due_on date not null,
	status text not null check (status in ('open', 'answered', 'escalated', 'accepted', 'closed')),
	-- An action in the organisation's plan that addresses it; a deleted action unlinks.
	action_id uuid references actions (id) on delete set null,
	action_closure_required boolean not null default false,
	updated_at timestamptz not null default now(),
	version integer not null default 1,
	check (requirement_code is null or standard_code is not null)
);
create index challenges_partnership_idx on challenges (partnership_id, status, due_on);
create index challenges_organisation_idx on challenges (organisation_id, status, due_on);

-- One row per step: raised, answered, accepted, further challenge, escalated, closed.
create table challenge_steps (
	id uuid primary key default gen_random_uuid(),
	challenge_id uuid not null references challenges (id),
	-- Order within the challenge (1 = raised): never reused, so history sorts exactly.
	seq integer not null check (seq >= 1),
	kind text not null check (kind in ('raise', 'answer', 'accept', 'further', 'escalate', 'close')),
	actor_id uuid references users (id),
	actor_name text not null,
	at timestamptz not null default now(),
	text text not null default '',
	new_due_on date,
	status_after text not null check (status_after in ('open', 'answered', 'escalated', 'accepted', 'closed')),
	-- On an answer: the action it names, and exactly which evidence revisions it cites.
	action_id uuid,
	unique (challenge_id, seq)
);

create table challenge_step_evidence (
	step_id uuid not null references challenge_steps (id),
	revision_id uuid not null references evidence_revisions (id),
	primary key (step_id, revision_id)
);
create index challenge_step_evidence_revision_idx on challenge_step_evidence (revision_id);

create function challenge_history_is_append_only() returns trigger
language plpgsql as $$
begin
	raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
		using errcode = 'insufficient_privilege';
end;
$$;

create trigger challenge_steps_no_update_or_delete
	before update or delete on challenge_steps
	for each row execute function challenge_history_is_append_only();

create trigger challenge_step_evidence_no_update_or_delete
	before update or delete on challenge_step_evidence
	for each row execute function challenge_history_is_append_only();
