-- Every message the portal sends is written here in the transaction that
-- caused it, then delivered over SMTP when SMTP_URL is set. Without SMTP the
-- messages stay here for a system admin to read in the portal.

create table mail_outbox (
	id uuid primary key default gen_random_uuid(),
	to_address text not null,
	subject text not null,
	body_text text not null,
	created_at timestamptz not null default now(),
	sent_at timestamptz,
	attempts integer not null default 0,
	next_attempt_at timestamptz not null default now(),
	last_error text
);
create index mail_outbox_pending_idx on mail_outbox (next_attempt_at) where sent_at is null;
create index mail_outbox_created_idx on mail_outbox (created_at desc);
