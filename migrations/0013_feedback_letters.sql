-- Feedback letters: one per organisation per cycle, drafted by the portal from
-- the moderation, worded by the chair and issued once. An issued letter never
-- changes: its PDF and Word files are stored with their SHA-256 and the row is
-- frozen by a trigger. The partnership's logo, printed on its letters, is kept
-- here as bytes (PNG or JPEG, at most 1 MB).
create table partnership_logos (
	partnership_id uuid primary key references partnerships (id),
	media_type text not null check (media_type in ('image/png', 'image/jpeg')),
	bytes bytea not null check (octet_length(bytes) between 1 and 1048576),
	file_name text not null,
	uploaded_by uuid references users (id),
	uploaded_at timestamptz not null default now()
);

create table feedback_letters (
	id uuid primary key default gen_random_uuid(),
	partnership_id uuid not null references partnerships (id),
	cycle_id uuid not null references cycles (id),
	organisation_id uuid not null references organisations (id),
	-- The submission whose moderation the letter reports (the moderated version).
	submission_id uuid not null references submissions (id),
	state text not null default 'draft' check (state in ('draft', 'issued')),
	-- The chair's wording: plain text, "# " headings, "- " list items, blank lines between paragraphs.
	body text not null check (length(btrim(body)) between 1 and 20000),
	version integer not null default 1,
	created_at timestamptz not null default now(),
	created_by uuid references users (id),
	updated_at timestamptz not null default now(),
	updated_by uuid references users (id),
	issued_at timestamptz,
	issued_by uuid references users (id),
	-- The chair as the letter was signed.
	signed_name text,
	signed_role text,
	signed_on date,
	pdf_sha256 text check (pdf_sha256 ~ '^[0-9a-f]{64}$'),
	pdf_storage_key text,
	pdf_size integer,
	docx_sha256 text check (docx_sha256 ~ '^[0-9a-f]{64}$'),
	docx_storage_key text,
	docx_size integer,
	unique (cycle_id, organisation_id),
	check ((state = 'issued') = (issued_at is not null)),
	check (state = 'draft' or (signed_name is not null and signed_role is not null and signed_on is not null
		and pdf_sha256 is not null and pdf_storage_key is not null and docx_sha256 is not null and docx_storage_key is not null))
);
create index feedback_letters_organisation_idx on feedback_letters (organisation_id, state);

create function feedback_letters_issued_are_immutable() returns trigger
language plpgsql as $$
begin
	if old.state = 'issued' then
		raise exception 'feedback letter % is issued and cannot change: % is not allowed', old.id, tg_op
			using errcode = 'insufficient_privilege';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger feedback_letters_issued_frozen
	before update or delete on feedback_letters
	for each row execute function feedback_letters_issued_are_immutable();
