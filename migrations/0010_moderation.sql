-- Moderation: the partnership's review of what an organisation submitted to a
-- cycle. One moderation per organisation per cycle, following its versions:
-- it points at the submission being moderated (the latest, until moderation is
-- complete), who it is assigned to, its state, and the six review criteria.
-- Each standard's moderated grade (and, where the template asks, each
-- requirement's) is its own row with its own version, so two moderators
-- working on different standards never conflict and on the same one get a 409.
create table moderations (
	id uuid primary key default gen_random_uuid(),
	cycle_id uuid not null references cycles (id),
	organisation_id uuid not null references organisations (id),
	partnership_id uuid not null references partnerships (id),
	submission_id uuid not null references submissions (id),
	state text not null default 'awaiting' check (state in ('awaiting', 'changes_requested', 'accepted', 'completed')),
	moderator_id uuid references users (id),
	assigned_at timestamptz,
	assigned_by uuid references users (id),
	-- The six review criteria: {"complete": {"rating": "yes", "comment": "…"}, …}, and an overall comment.
	criteria jsonb not null default '{}' check (jsonb_typeof(criteria) = 'object'),
	summary text not null default '',
	review_version integer not null default 0,
	review_updated_at timestamptz,
	review_updated_by uuid references users (id),
	state_changed_at timestamptz not null default now(),
	state_changed_by uuid references users (id),
	version integer not null default 1,
	unique (cycle_id, organisation_id)
);
create index moderations_moderator_idx on moderations (moderator_id) where moderator_id is not null;
create index moderations_organisation_idx on moderations (organisation_id, state);

create table moderation_standards (
	moderation_id uuid not null references moderations (id),
	standard_code text not null,
	grade text,
	rationale text not null default '',
	-- Per requirement, where the template moderates requirements: {"1.1": {"grade": "2", "rationale": "…"}}.
	requirement_grades jsonb not null default '{}' check (jsonb_typeof(requirement_grades) = 'object'),
	-- What the organisation is asked to change in this standard when changes are requested.
	change_request text not null default '',
	-- The submission these grades were written against: a resubmission that changes the standard shows it.
	based_on_submission_id uuid references submissions (id),
	agreed_grade text,
	agreed_rationale text not null default '',
	agreed_source text check (agreed_source in ('chair', 'challenge_event')),
	agreed_at timestamptz,
	agreed_by uuid references users (id),
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id),
	version integer not null default 1,
	primary key (moderation_id, standard_code)
);

-- The history of the moderated and agreed grades (the self grade's history is
-- the submissions themselves). Appended to, never changed.
create table grade_history (
	id bigint generated always as identity primary key,
	moderation_id uuid not null references moderations (id),
	standard_code text not null,
	requirement_code text,
	kind text not null check (kind in ('moderated', 'agreed')),
	grade text,
	rationale text not null,
	submission_id uuid not null references submissions (id),
	source text not null check (source in ('moderation', 'chair', 'challenge_event')),
	actor_id uuid references users (id),
	recorded_at timestamptz not null default now()
);
create index grade_history_moderation_idx on grade_history (moderation_id, standard_code, recorded_at);

-- Every step a moderation takes (assigned, changes requested, resubmitted,
-- accepted, sent back, completed). Appended to, never changed.
create table moderation_steps (
	id bigint generated always as identity primary key,
	moderation_id uuid not null references moderations (id),
	step text not null check (step in ('assigned', 'unassigned', 'changes_requested', 'resubmitted', 'accepted', 'sent_back', 'completed')),
	state_after text not null,
	submission_id uuid not null references submissions (id),
	actor_id uuid references users (id),
	detail jsonb not null default '{}',
	at timestamptz not null default now()
);
create index moderation_steps_moderation_idx on moderation_steps (moderation_id, at);

-- Each submission's self grades and evidence counts per requirement, by
-- standard ({"1": [{"grade": "2", "evidence": 1}, …]}), so the moderation
-- workspace need not read whole snapshots (narratives and all) of every
-- submission in a cycle. Written with the submission (which itself never
-- changes); filled in here for those made before.
create table submission_summaries (
	submission_id uuid primary key references submissions (id),
	grades jsonb not null check (jsonb_typeof(grades) = 'object')
);
insert into submission_summaries (submission_id, grades)
select s.id, coalesce((
	select jsonb_object_agg(st->>'code', (
		select coalesce(jsonb_agg(jsonb_build_object('grade', r->'grade', 'evidence', coalesce(jsonb_array_length(s.snapshot->'evidence'->(r->>'code')), 0))), '[]')
		from jsonb_array_elements(st->'requirements') r))
	from jsonb_array_elements(s.snapshot->'standards') st), '{}')
from submissions s;
