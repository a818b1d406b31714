-- Evidence: an organisation's library of documents, each with its uploaded
-- revisions, cited by requirements of its live returns; submissions record
-- exactly which revision they were sent with.

-- A document in an organisation's evidence library. Its files are revisions;
-- the newest revision is the one live returns cite.
create table evidence_documents (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references organisations (id),
	title text not null check (length(btrim(title)) between 1 and 200),
	description text not null default '' check (length(description) <= 2000),
	-- When the document was written or approved (not when it was uploaded).
	document_date date,
	-- When the organisation means to review it; "due for review soon" and
	-- "overdue for review" are derived from this, never stored.
	review_by date,
	created_by uuid references users (id),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	-- Removed documents are hidden from new use but stay for the submissions citing them.
	removed_at timestamptz,
	removed_by uuid references users (id),
	version integer not null default 1
);
create index evidence_documents_organisation_idx on evidence_documents (organisation_id, created_at desc);
create index evidence_documents_title_idx on evidence_documents (organisation_id, lower(title));

-- One uploaded file of a document. The stored object is content-addressed
-- (organisation and SHA-256), so identical files are stored once per organisation.
create table evidence_revisions (
	id uuid primary key default gen_random_uuid(),
	document_id uuid not null references evidence_documents (id),
	revision integer not null check (revision >= 1),
	-- The name the uploader's file had, cleaned for display; never part of a path.
	file_name text not null check (length(file_name) between 1 and 200),
	-- Decided from the content, never from the name or the browser.
	media_type text not null,
	size_bytes integer not null check (size_bytes > 0),
	sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
	storage_key text not null,
	-- 'clean' when ClamAV passed it; 'not_scanned' when no scanner is configured.
	scan text not null check (scan in ('clean', 'not_scanned')),
	-- The personal-data check of the text: checked (with findings), or why not.
	text_check text not null check (text_check in ('checked', 'not_text', 'too_large', 'unreadable')),
	findings jsonb not null default '[]',
	uploaded_by uuid references users (id),
	uploaded_at timestamptz not null default now(),
	-- Set when the retention purge deleted the file; the row stays for the record.
	purged_at timestamptz,
	unique (document_id, revision)
);
create index evidence_revisions_storage_idx on evidence_revisions (storage_key);

-- The evidence cited for one requirement of a live return. `version` counts
-- every link and unlink, so a change made from a stale page is refused.
create table evidence_sets (
	return_id uuid not null references returns (id),
	requirement_code text not null,
	version integer not null default 1,
	primary key (return_id, requirement_code)
);

create table evidence_links (
	return_id uuid not null references returns (id),
	requirement_code text not null,
	document_id uuid not null references evidence_documents (id),
	linked_by uuid references users (id),
	linked_at timestamptz not null default now(),
	primary key (return_id, requirement_code, document_id),
	foreign key (return_id, requirement_code) references evidence_sets (return_id, requirement_code)
);
create index evidence_links_document_idx on evidence_links (document_id);

-- Exactly which revision each submission cited for each requirement: what the
-- partnership may open, and what the retention purge must keep.
create table submission_evidence (
	submission_id uuid not null references submissions (id),
	requirement_code text not null,
	revision_id uuid not null references evidence_revisions (id),
	primary key (submission_id, requirement_code, revision_id)
);
create index submission_evidence_revision_idx on submission_evidence (revision_id);

-- How long a partnership keeps evidence files after a cycle closes; null keeps them.
alter table partnerships add column evidence_retention_months integer
	check (evidence_retention_months between 1 and 1200);

-- Before the first upload of a session the person confirms that the documents
-- do not identify children, or have been redacted.
alter table sessions add column evidence_confirmed_at timestamptz;
