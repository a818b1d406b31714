-- Append-only record of every write, sign-in and download: who, when, what,
-- from where. Triggers refuse UPDATE, DELETE and TRUNCATE, so not even a bug
-- in the application can rewrite history.

create table audit_log (
	id bigint generated always as identity primary key,
	at timestamptz not null default now(),
	actor_id uuid references users (id),
	actor_email text,
	action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
	partnership_id uuid references partnerships (id),
	organisation_id uuid references organisations (id),
	subject_type text,
	subject_id text,
	detail jsonb not null default '{}'::jsonb,
	ip text,
	user_agent text,
	request_id text
);
create index audit_log_partnership_idx on audit_log (partnership_id, at desc) where partnership_id is not null;
create index audit_log_organisation_idx on audit_log (organisation_id, at desc) where organisation_id is not null;
create index audit_log_actor_idx on audit_log (actor_id, at desc);
create index audit_log_at_idx on audit_log (at desc);

create function audit_log_is_append_only() returns trigger
language plpgsql as $$
begin
	raise exception 'audit_log is append-only: % is not allowed', tg_op
		using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_or_delete
	before update or delete on audit_log
	for each row execute function audit_log_is_append_only();

create trigger audit_log_no_truncate
	before truncate on audit_log
	for each statement execute function audit_log_is_append_only();
