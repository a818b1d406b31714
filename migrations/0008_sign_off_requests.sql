-- A lead asking the organisation's signatories to sign off a return. Each
-- request keeps whom it was sent to as they were then (name, email, capacity),
-- so the lead's page can say who was asked and when; the mail itself goes
-- through the outbox and the audit log records the request.
create table sign_off_requests (
	id uuid primary key default gen_random_uuid(),
	return_id uuid not null references returns (id),
	requested_by uuid references users (id),
	requested_at timestamptz not null default now(),
	recipients jsonb not null check (jsonb_typeof(recipients) = 'array' and jsonb_array_length(recipients) > 0)
);
create index sign_off_requests_return_idx on sign_off_requests (return_id, requested_at desc);
