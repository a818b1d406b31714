// Template versions: shipped ones (installed at start, offered to every
// partnership) and those a business unit imports for its own partnership.
// A published version is frozen (a trigger enforces it); changes make a new one.
import { createHash } from 'node:crypto';
import type { Queryable } from './db';
import type { Logger } from './log';
import { recordAudit, type AuditContext } from './audit-log';
import { templateSchema, type Template, type TemplateKind } from '../domain/template';
import { isSignatoryCapacity, type SignatoryCapacity } from '../domain/roles';

export interface TemplateVersion {
	id: string;
	slug: string;
	version: number;
	title: string;
	kind: TemplateKind;
	status: 'draft' | 'published';
	/** Null for shipped templates, which every partnership may use. */
	partnershipId: string | null;
	definition: Template;
	createdAt: Date;
	publishedAt: Date | null;
}

type TemplateRow = {
	id: string;
	slug: string;
	version: number;
	title: string;
	kind: TemplateKind;
	status: 'draft' | 'published';
	partnership_id: string | null;
	definition: unknown;
	created_at: Date;
	published_at: Date | null;
};

// The stored definition passed validation when it was saved; parsing again
// fills defaults added since, so old rows read like new ones.
const toTemplate = (r: TemplateRow): TemplateVersion => ({
	id: r.id,
	slug: r.slug,
	version: r.version,
	title: r.title,
	kind: r.kind,
	status: r.status,
	partnershipId: r.partnership_id,
	definition: templateSchema.parse(r.definition),
	createdAt: r.created_at,
	publishedAt: r.published_at
});

/**
 * Published versions never change (a change is a new version), so each is
 * read and checked once per process: every request on a return needs its
 * template, and checking a 60-requirement definition is most of what an
 * autosave costs. Frozen, since every caller shares it. Drafts are read each time.
 */
const published = new Map<string, TemplateVersion>();
const PUBLISHED_KEPT = 500;

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const v of Object.values(value)) deepFreeze(v);
	}
	return value;
}

export async function getTemplate(db: Queryable, id: string): Promise<TemplateVersion | null> {
	const kept = published.get(id);
	if (kept) return kept;
	const rows = await db.query<TemplateRow>('select * from templates where id = $1', [id]);
	if (!rows[0]) return null;
	const template = toTemplate(rows[0]);
	if (template.status !== 'published') return template;
	if (published.size >= PUBLISHED_KEPT) published.delete(published.keys().next().value!);
	published.set(id, deepFreeze(template));
	return template;
}

export interface TemplateSummary {
	id: string;
	slug: string;
	version: number;
	title: string;
	kind: TemplateKind;
	status: 'draft' | 'published';
	shipped: boolean;
	requirements: number;
	cycles: number;
	createdAt: Date;
}

/** The versions a partnership may use or manage: shipped ones and its own. */
export async function listTemplatesFor(db: Queryable, partnershipId: string): Promise<TemplateSummary[]> {
	const rows = await db.query<Omit<TemplateRow, 'definition' | 'published_at'> & { requirements: number; cycles: number }>(
		`select t.id, t.slug, t.version, t.title, t.kind, t.status, t.partnership_id, t.created_at,
			(select count(*) from jsonb_array_elements(t.definition->'standards') s,
				jsonb_array_elements(s->'requirements')) as requirements,
			(select count(*) from cycles c where c.template_id = t.id and c.partnership_id = $1) as cycles
		 from templates t where t.partnership_id is null or t.partnership_id = $1
		 order by t.title, t.slug, t.version desc`,
		[partnershipId]
	);
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		version: r.version,
		title: r.title,
		kind: r.kind,
		status: r.status,
		shipped: r.partnership_id === null,
		requirements: r.requirements,
		cycles: r.cycles,
		createdAt: r.created_at
	}));
}

/** Other versions of the same template that a partnership can see, newest first. */
export async function siblingVersions(db: Queryable, slug: string, partnershipId: string): Promise<{ id: string; version: number; status: string }[]> {
	return db.query(
		`select id, version, status from templates where slug = $1 and (partnership_id is null or partnership_id = $2)
		 order by version desc`,
		[slug, partnershipId]
	);
}

export type ImportResult =
	| { ok: true; template: TemplateVersion; replacedDraft: boolean }
	| { ok: false; reason: 'version_published' | 'version_taken'; message: string };

/**
 * Saves an imported template as a draft of the partnership. Importing the same
 * id and version again replaces the draft; a published version is never touched.
 */
export async function saveDraftTemplate(
	db: Queryable,
	ctx: AuditContext,
	partnershipId: string,
	template: Template
): Promise<ImportResult> {
	return db.transaction(async (tx) => {
		const existing = await tx.query<TemplateRow>('select * from templates where slug = $1 and version = $2 for update', [
			template.id,
			template.version
		]);
		const row = existing[0];
		// Another partnership's template, draft or published, is none of this one's
		// business: say only that the id is taken.
		if (row && row.partnership_id !== null && row.partnership_id !== partnershipId) {
			return {
				ok: false,
				reason: 'version_taken',
				message: `The id “${template.id}” is already used by another template: choose a different id`
			} as const;
		}
		if (row?.status === 'published') {
			return { ok: false, reason: 'version_published', message: await publishedAdvice(tx, template, partnershipId) } as const;
		}
		const saved = row
			? await tx.query<TemplateRow>(
					`update templates set title = $2, kind = $3, definition = $4, created_by = $5, created_at = now()
					 where id = $1 returning *`,
					[row.id, template.title, template.kind, template, ctx.actorId]
				)
			: await tx.query<TemplateRow>(
					`insert into templates (slug, version, title, kind, definition, status, partnership_id, created_by)
					 values ($1, $2, $3, $4, $5, 'draft', $6, $7) returning *`,
					[template.id, template.version, template.title, template.kind, template, partnershipId, ctx.actorId]
				);
		await recordAudit(tx, ctx, {
			action: 'template.import',
			partnershipId,
			subjectType: 'template',
			subjectId: saved[0].id,
			detail: { slug: template.id, version: template.version, replacedDraft: Boolean(row) }
		});
		return { ok: true, template: toTemplate(saved[0]), replacedDraft: Boolean(row) } as const;
	});
}

/** What to do with a file whose version is published: give it the first version after every one that exists. */
async function publishedAdvice(db: Queryable, template: Template, partnershipId: string): Promise<string> {
	const rows = await db.query<{ version: number; status: string; partnership_id: string | null }>(
		'select version, status, partnership_id from templates where slug = $1 order by version desc limit 1',
		[template.id]
	);
	const latest = rows[0];
	const ownDraft = latest.status === 'draft' && latest.partnership_id === partnershipId ? ` (or version ${latest.version} to replace your draft of it)` : '';
	return `Version ${template.version} of “${template.id}” is published and cannot change: give the file version ${latest.version + 1}${ownDraft}`;
}

/** A change only a draft allows, recorded in the audit log; false if the version is no longer a draft. */
async function changeDraft(db: Queryable, ctx: AuditContext, template: TemplateVersion, sql: string, action: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx.query(sql, [template.id]);
		if (!rows.length) return false;
		await recordAudit(tx, ctx, {
			action,
			partnershipId: template.partnershipId,
			subjectType: 'template',
			subjectId: template.id,
			detail: { slug: template.slug, version: template.version }
		});
		return true;
	});
}

export function publishTemplate(db: Queryable, ctx: AuditContext, template: TemplateVersion): Promise<boolean> {
	const sql = `update templates set status = 'published', published_at = now() where id = $1 and status = 'draft' returning id`;
	return changeDraft(db, ctx, template, sql, 'template.publish');
}

export function deleteDraftTemplate(db: Queryable, ctx: AuditContext, template: TemplateVersion): Promise<boolean> {
	return changeDraft(db, ctx, template, `delete from templates where id = $1 and status = 'draft' returning id`, 'template.delete_draft');
}

/** The capacities the templates asked of an organisation sign off in: those of its returns and of the cycles it takes part in. */
export async function signOffCapacitiesAskedOf(db: Queryable, organisationId: string): Promise<SignatoryCapacity[]> {
	const rows = await db.query<{ capacity: string }>(
		`select distinct jsonb_array_elements_text(t.definition -> 'signOff' -> 'capacities') as capacity
		 from templates t
		 where t.id in (select r.template_id from returns r where r.organisation_id = $1
		                union select c.template_id from cycles c join cycle_participants cp on cp.cycle_id = c.id where cp.organisation_id = $1)`,
		[organisationId]
	);
	return rows.map((r) => r.capacity).filter(isSignatoryCapacity);
}

const fingerprint = (t: Template) => createHash('sha256').update(JSON.stringify(t)).digest('hex');

/**
 * Installs the shipped templates as published versions at start. A shipped
 * file edited without raising its version is reported, never applied.
 */
export async function installShippedTemplates(db: Queryable, templates: Template[], log: Logger): Promise<number> {
	let installed = 0;
	for (const t of templates) {
		const rows = await db.query<{ definition: unknown }>('select definition from templates where slug = $1 and version = $2', [t.id, t.version]);
		if (rows[0]) {
			if (fingerprint(templateSchema.parse(rows[0].definition)) !== fingerprint(t)) {
				log.warn({ template: t.id, version: t.version }, 'shipped template file differs from the installed version: raise its version to publish the change');
			}
			continue;
		}
		await db.query(
			`insert into templates (slug, version, title, kind, definition, status, published_at)
			 values ($1, $2, $3, $4, $5, 'published', now()) on conflict (slug, version) do nothing`,
			[t.id, t.version, t.title, t.kind, t]
		);
		installed++;
	}
	return installed;
}
