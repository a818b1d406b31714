// What a challenge may point at, checked against the database: a member
// organisation of the partnership, one of its cycles the organisation is in,
// one of the organisation's submissions to it, a standard and requirement of
// that cycle's template, an action in the organisation's plan, documents in its
// library. Also the choices the challenge pages offer.
import type { Queryable } from './db';
import { getTemplate } from './templates';
import type { RaiseForm } from '../domain/challenge-forms';

type Refs = Pick<RaiseForm, 'organisationId' | 'cycleId' | 'submissionId' | 'standardCode' | 'requirementCode'>;

export async function checkReferences(db: Queryable, partnershipId: string, refs: Refs): Promise<{ ok: true; refs: Refs } | { ok: false; errors: Record<string, string> }> {
	const errors: Record<string, string> = {};
	const member = await db.query('select 1 from partnership_members where partnership_id = $1 and organisation_id = $2 and active', [partnershipId, refs.organisationId]);
	if (!member.length) return { ok: false, errors: { organisation: 'Choose an organisation that is a member of the partnership' } };
	let cycleId = refs.cycleId;
	if (refs.submissionId) {
		const s = (await db.query<{ cycle_id: string }>('select cycle_id from submissions where id = $1 and partnership_id = $2 and organisation_id = $3', [refs.submissionId, partnershipId, refs.organisationId]))[0];
		if (!s) errors.submission = 'That submission is not one the organisation sent to this partnership';
		else if (cycleId && s.cycle_id !== cycleId) errors.submission = 'That submission was sent to a different cycle from the one chosen';
		else cycleId = s.cycle_id;
	}
	let standardCode = refs.standardCode;
	if (cycleId && !errors.submission) {
		const cycle = (await db.query<{ template_id: string; standard_codes: string[]; participant: boolean }>(
			`select c.template_id, c.standard_codes, exists (select 1 from cycle_participants p where p.cycle_id = c.id and p.organisation_id = $3) as participant
			 from cycles c where c.id = $1 and c.partnership_id = $2`,
			[cycleId, partnershipId, refs.organisationId]
		))[0];
		if (!cycle) errors.cycle = 'Choose one of the partnership’s cycles';
		else if (!cycle.participant) errors.cycle = 'The organisation is not in that cycle';
		else if (standardCode || refs.requirementCode) {
			const template = (await getTemplate(db, cycle.template_id))!.definition;
			const requirementStandard = refs.requirementCode
				? template.standards.find((s) => s.requirements.some((r) => r.code === refs.requirementCode))?.code
				: undefined;
			if (refs.requirementCode && !requirementStandard) errors.requirement = `The cycle’s template has no requirement ${refs.requirementCode}`;
			else if (requirementStandard && standardCode && requirementStandard !== standardCode) errors.requirement = `Requirement ${refs.requirementCode} belongs to standard ${requirementStandard}, not ${standardCode}`;
			standardCode ??= requirementStandard ?? null;
			if (standardCode && !template.standards.some((s) => s.code === standardCode)) errors.standard = `The cycle’s template has no standard ${standardCode}`;
			else if (standardCode && !cycle.standard_codes.includes(standardCode)) errors.standard = `The cycle does not ask for standard ${standardCode}`;
		}
	} else if (!cycleId && (standardCode || refs.requirementCode)) {
		errors.cycle = 'Choose the cycle (or submission) the standard belongs to';
	}
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, refs: { ...refs, cycleId, standardCode } };
}

export interface Choice {
	value: string;
	label: string;
}

/** The partnership's active members, its cycles, and (for a chosen organisation) its submissions to the partnership. */
export async function raiseChoices(db: Queryable, partnershipId: string, organisationId: string | null) {
	const [members, cycles, submissions] = await Promise.all([
		db.query<{ id: string; name: string }>(
			`select o.id, o.name from partnership_members m join organisations o on o.id = m.organisation_id
			 where m.partnership_id = $1 and m.active order by lower(o.name)`,
			[partnershipId]
		),
		db.query<{ id: string; title: string }>('select id, title from cycles where partnership_id = $1 order by opens_on desc, title', [partnershipId]),
		organisationId
			? db.query<{ id: string; version: number; title: string }>(
					`select s.id, s.version, c.title from submissions s join cycles c on c.id = s.cycle_id
					 where s.partnership_id = $1 and s.organisation_id = $2 order by s.submitted_at desc`,
					[partnershipId, organisationId]
				)
			: Promise.resolve([])
	]);
	return {
		organisations: members.map((m): Choice => ({ value: m.id, label: m.name })),
		cycles: cycles.map((c): Choice => ({ value: c.id, label: c.title })),
		submissions: submissions.map((s): Choice => ({ value: s.id, label: `${s.title}, version ${s.version}` }))
	};
}

/** The organisation's actions (every live return's plan), to link to a challenge. */
export async function actionChoices(db: Queryable, organisationId: string): Promise<(Choice & { status: string })[]> {
	const rows = await db.query<{ id: string; requirement_code: string; description: string; status: string }>(
		`select a.id, a.requirement_code, a.description, a.status from actions a join returns r on r.id = a.return_id
		 where r.organisation_id = $1 order by a.requirement_code, a.created_at`,
		[organisationId]
	);
	return rows.map((r) => ({ value: r.id, label: `${r.requirement_code}: ${r.description.length > 80 ? `${r.description.slice(0, 79)}…` : r.description}`, status: r.status }));
}

export const actionBelongsTo = async (db: Queryable, organisationId: string, actionId: string) =>
	(await db.query('select 1 from actions a join returns r on r.id = a.return_id where a.id = $1 and r.organisation_id = $2', [actionId, organisationId])).length > 0;

/** The library's current documents, each with its newest revision: what an answer may cite. */
export async function libraryChoices(db: Queryable, organisationId: string): Promise<{ documentId: string; title: string; revisionId: string; revision: number; fileName: string }[]> {
	const rows = await db.query<{ id: string; title: string; revision_id: string; revision: number; file_name: string }>(
		`select d.id, d.title, v.id as revision_id, v.revision, v.file_name from evidence_documents d
		 join lateral (select * from evidence_revisions w where w.document_id = d.id order by w.revision desc limit 1) v on true
		 where d.organisation_id = $1 and d.removed_at is null and v.purged_at is null order by lower(d.title), d.id`,
		[organisationId]
	);
	return rows.map((r) => ({ documentId: r.id, title: r.title, revisionId: r.revision_id, revision: r.revision, fileName: r.file_name }));
}
