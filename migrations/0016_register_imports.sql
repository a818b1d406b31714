-- A school register import between its preview and its apply: who uploaded the
-- national file (Get Information About Schools) and when, for which local
-- authorities, and the establishments of those local authorities as read from
-- it, so that applying writes exactly what the preview showed was read. A
-- preview expires after a day; once applied, its rows are removed and the
-- outcome kept.

create table register_imports (
	id uuid primary key default gen_random_uuid(),
	partnership_id uuid not null references partnerships (id) on delete cascade,
	uploaded_by uuid references users (id) on delete set null,
	uploaded_at timestamptz not null default now(),
	expires_at timestamptz not null,
	file_name text not null,
	encoding text not null,
	la_codes text[] not null,
	rows_read integer not null check (rows_read >= 0),
	-- Rows that could not be read: [{ line, reason }], the first few hundred of malformed_count.
	malformed jsonb not null default '[]',
	malformed_count integer not null default 0,
	applied_at timestamptz,
	applied_by uuid references users (id) on delete set null,
	outcome jsonb
);

create index register_imports_partnership_idx on register_imports (partnership_id, uploaded_at desc);

create table register_import_rows (
	import_id uuid not null references register_imports (id) on delete cascade,
	line integer not null,
	urn text not null,
	ukprn text,
	name text not null,
	postcode text not null default '',
	status text not null check (status in ('open', 'closed')),
	phase text,
	establishment_type text not null default '',
	establishment_group text not null default '',
	la_code text,
	la_name text not null default '',
	trust_name text not null default '',
	head_name text not null default '',
	pupils integer,
	primary key (import_id, line)
);
