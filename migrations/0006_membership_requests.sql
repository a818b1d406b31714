-- A partnership asking to add an organisation that already works with another
-- partnership, or already has people in the portal. Joining gives the
-- partnership's business unit power over the organisation's details and leads,
-- so the organisation's lead agrees first (or, while it has no lead, a business
-- unit of a partnership it already belongs to). Answered requests are deleted;
-- the audit log keeps the story.
create table membership_requests (
	partnership_id uuid not null references partnerships (id),
	organisation_id uuid not null references organisations (id),
	requested_by uuid references users (id),
	requested_at timestamptz not null default now(),
	primary key (partnership_id, organisation_id)
);
create index membership_requests_organisation_idx on membership_requests (organisation_id);
