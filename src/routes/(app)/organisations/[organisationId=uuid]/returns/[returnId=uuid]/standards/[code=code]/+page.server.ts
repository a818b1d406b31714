import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, found, requireUser } from '$lib/server/access';
import { returnFor } from '$lib/server/guards';
import { isOverdue } from '$lib/server/return-view';
import { answerFingerprint, listResponses, NO_ANSWER, saveStandardAnswers, type AnswerConflict } from '$lib/server/returns';
import { listActions } from '$lib/server/actions';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { listReturnEvidence } from '$lib/server/evidence-links';
import { uploadFormSettings } from '$lib/server/evidence/from-request';
import { evidenceView } from '$lib/server/evidence/view';
import { checkRequirement } from '$lib/domain/completion';
import { NARRATIVE_MAX, NA_REASON_MAX, readStandardForm } from '$lib/domain/answers';
import { allowsNotApplicable } from '$lib/domain/template';
import { ukToday } from '$lib/domain/cycles';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { organisation, ret } = await returnFor(user, params.organisationId, params.returnId, 'return:view');
	const def = ret.template.definition;
	const index = def.standards.findIndex((s) => s.code === params.code);
	const standard = found(def.standards[index]);
	const [responses, actions, evidence] = await Promise.all([listResponses(db(), ret.id), listActions(db(), ret.id), listReturnEvidence(db(), ret.id)]);
	const counts = Object.fromEntries([...evidence].map(([code, e]) => [code, e.documents.length]));
	const today = ukToday();
	const codes = standard.requirements.map((r) => r.code);
	return {
		title: `${standard.code}. ${standard.title} – ${ret.template.title}`,
		organisation: { id: organisation.id, name: organisation.name },
		ret: { id: ret.id, title: ret.template.title },
		standard: { code: standard.code, title: standard.title, description: standard.description ?? '' },
		next: def.standards[index + 1]?.code ?? null,
		saved: url.searchParams.has('saved'),
		actionFlash: url.searchParams.get('action'),
		// After "confirm all unchanged answers": how many were confirmed, and which had changed meanwhile.
		confirmed: url.searchParams.has('confirmed') ? Number(url.searchParams.get('confirmed')) || 0 : null,
		notConfirmed: (url.searchParams.get('notConfirmed') ?? '').split(',').filter((c) => codes.includes(c)),
		canEdit: can(user, 'return:edit', { organisation }),
		canUpload: can(user, 'evidence:edit', { organisation }),
		upload: uploadFormSettings({ locals }),
		evidenceFlash: url.searchParams.get('evidence'),
		narrative: { required: def.narrative.required, minLength: def.narrative.minLength, maxLength: NARRATIVE_MAX, prompt: def.narrative.prompt ?? 'Describe your arrangements and the evidence behind the grade' },
		naReasonMaxLength: NA_REASON_MAX,
		grades: def.scale.grades.map((g) => ({ value: g.value, label: g.label, hint: g.description })),
		requirements: standard.requirements.map((r) => {
			const response = responses.find((x) => x.requirementCode === r.code);
			const values = { grade: response?.grade ?? null, naReason: response?.naReason ?? '', narrative: response?.narrative ?? '' };
			return {
				code: r.code,
				text: r.text,
				guidance: r.guidance ?? '',
				evidence: r.evidence,
				allowNotApplicable: allowsNotApplicable(def, r),
				values,
				version: response?.version ?? 0,
				original: answerFingerprint(values),
				updatedAt: response?.updatedAt.toISOString() ?? null,
				updatedBy: response?.updatedByName ?? null,
				check: checkRequirement({ template: def, evidenceCounts: counts }, r, response),
				cited: evidenceView(evidence.get(r.code)),
				actions: actions
					.filter((a) => a.requirementCode === r.code)
					.map((a) => ({ id: a.id, description: a.description, owner: a.owner, dueOn: a.dueOn, status: a.status, overdue: isOverdue(a, today), carriedForward: a.carriedForward }))
			};
		})
	};
};

/**
 * The whole standard as one post (without JavaScript, or the page's buttons).
 * `confirmAll` also confirms the carried-forward answers the page showed and the
 * person left as they were.
 */
async function saveStandard(event: RequestEvent<{ organisationId: string; returnId: string; code: string }>, confirmAll: boolean) {
	const user = requireUser(event.locals, event.url);
	const { ret } = await returnFor(user, event.params.organisationId, event.params.returnId, 'return:edit');
	const standard = found(ret.template.definition.standards.find((s) => s.code === event.params.code));
	const form = await event.request.formData();
	// Echoed back as the fields hold text (browsers post line breaks as CRLF), so an untouched answer stays untouched.
	const values = Object.fromEntries([...form.entries()].flatMap(([k, v]) => (typeof v === 'string' ? [[k, v.replace(/\r\n/g, '\n')]] : [])));
	const { answers, errors } = readStandardForm(ret.template.definition, standard, form);
	if (Object.keys(errors).length) return invalid(400, errors, values, { conflicts: [] as Conflict[] });
	const carried = new Set(confirmAll ? answers.filter((a) => form.get(`carried-${a.code}`) === 'yes').map((a) => a.code) : []);
	const result = await saveStandardAnswers(db(), auditContext(event), ret, answers, carried);
	if (!result.ok) {
		const conflicts = result.conflicts.map(conflictView);
		const message = `${conflicts.length === 1 ? 'An answer was' : `${conflicts.length} answers were`} changed by someone else while you were editing. Nothing has been saved yet: compare the versions, keep what is right, then save again.`;
		return invalid(409, { _form: message }, values, { conflicts });
	}
	if (confirmAll) {
		const changed = result.notConfirmed.length ? `&notConfirmed=${result.notConfirmed.map(encodeURIComponent).join(',')}` : '';
		redirect(303, `${event.url.pathname}?confirmed=${result.confirmed.length}${changed}`);
	}
	const base = `/organisations/${event.params.organisationId}/returns/${ret.id}`;
	const next = ret.template.definition.standards[ret.template.definition.standards.indexOf(standard) + 1];
	if (form.get('continue') === 'yes') redirect(303, next ? `${base}/standards/${next.code}` : base);
	redirect(303, `${event.url.pathname}?saved`);
}

export const actions: Actions = {
	save: (event) => saveStandard(event, false),
	confirmAll: (event) => saveStandard(event, true)
};


type Conflict = {
	code: string;
	theirs: { grade: string | null; naReason: string; narrative: string; by: string | null; at: string | null };
	version: number;
	original: string;
};

const conflictView = ({ code, theirs }: AnswerConflict): Conflict => ({
	code,
	theirs: theirs
		? { grade: theirs.grade, naReason: theirs.naReason, narrative: theirs.narrative, by: theirs.updatedByName, at: theirs.updatedAt.toISOString() }
		: { ...NO_ANSWER, by: null, at: null },
	version: theirs?.version ?? 0,
	original: answerFingerprint(theirs ?? NO_ANSWER)
});
