-- Keys the portal makes for itself, shared by every instance on this database:
-- each is created once, by whichever instance needs it first, and never leaves
-- the server. Today: the key that signs device cookies (see auth/device-cookies.ts).

create table server_keys (
	name text primary key,
	key text not null check (length(key) >= 64),
	created_at timestamptz not null default now()
);
