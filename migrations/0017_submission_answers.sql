-- What the reports read of each submission, kept beside it so a cycle's
-- dashboard need not open every submission's snapshot (narratives and all,
-- ~24 KB each) to pick out its grades: each requirement's self grade by its
-- code, and each action's status and due date. Written when the submission is
-- made; a submission without them is read from its snapshot.
alter table submission_summaries
	add column answers jsonb check (answers is null or jsonb_typeof(answers) = 'object'),
	add column actions jsonb check (actions is null or jsonb_typeof(actions) = 'array');

update submission_summaries ss set
	answers = coalesce((
		select jsonb_object_agg(r->>'code', r->'grade')
		from submissions s, jsonb_array_elements(s.snapshot->'standards') st, jsonb_array_elements(st->'requirements') r
		where s.id = ss.submission_id), '{}'::jsonb),
	actions = coalesce((
		select jsonb_agg(jsonb_build_object('status', a->>'status', 'dueOn', a->'dueOn') order by n)
		from submissions s, jsonb_array_elements(coalesce(s.snapshot->'actions', '[]'::jsonb)) with ordinality x(a, n)
		where s.id = ss.submission_id), '[]'::jsonb);
