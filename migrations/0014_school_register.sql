-- What the national register of schools (Get Information About Schools) says
-- about a school: its phase, type, local authority, trust, head and size, as
-- the last import found them. Reports group schools by phase. A school the
-- register lists as closed keeps its history here and is marked closed.

alter table organisations
	add column phase text check (phase in (
		'nursery', 'primary', 'middle', 'secondary', 'all-through', '16-plus', 'not-applicable'
	)),
	add column establishment_type text not null default '',
	add column establishment_group text not null default '',
	add column la_code text check (la_code ~ '^[0-9]{3}$'),
	add column la_name text not null default '',
	add column trust_name text not null default '',
	add column head_name text not null default '',
	add column pupils integer check (pupils >= 0),
	add column register_imported_at timestamptz,
	add column closed_at timestamptz;

create index organisations_la_code_idx on organisations (la_code) where la_code is not null;
