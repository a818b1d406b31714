import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { can, requireUser } from '$lib/server/access';
import { moderationThrough } from '$lib/server/guards';
import { moderationPage } from '$lib/server/moderation-view';
import { ensureModeration, saveReview, saveStandard } from '$lib/server/moderation';
import { cycleClosed, setAgreedGrade, takeStep } from '$lib/server/moderation-steps';
import { readReviewForm, readStandardForm } from '$lib/server/moderation-forms';
import { getTemplate } from '$lib/server/templates';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db } from '$lib/server/runtime';
import { formValues } from '$lib/domain/forms';
import { acceptProblems, hasChangeRequest, moderatesRequirements, RATIONALE_MAX, type ModerationStep } from '$lib/domain/moderation';
import { rowVersion } from '$lib/domain/row-version';
import type { ModerationPermission } from '$lib/server/access';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { submission, moderation } = await moderationThrough(user, params.partnershipId, params.submissionId, 'moderation:view');
	const target = { moderation: { partnershipId: params.partnershipId, moderatorId: moderation?.moderatorId ?? null } };
	return {
		title: `Moderate ${submission.snapshot.organisation.name}: ${submission.snapshot.cycle.title}`,
		flash: url.searchParams.get('done'),
		userId: user.id,
		organisationId: submission.organisationId,
		canRaise: can(user, 'challenge:raise', { partnershipId: params.partnershipId }),
		cycleClosed: await cycleClosed(db(), submission.cycleId),
		...(await moderationPage(submission, moderation, { edit: can(user, 'moderation:edit', target), complete: can(user, 'moderation:complete', target) }))
	};
};

const STEP_REFUSED = {
	conflict: 'Someone else changed this moderation’s status while you were looking at it: check the page and try again',
	not_allowed: 'This moderation is no longer in a state where that can be done',
	cycle_closed: 'The cycle is closed, so the organisation could not resubmit: reopen the cycle from its page to ask for changes, or accept the moderation'
} as const;
const NOT_CURRENT = 'A newer version was submitted while you were moderating: open it to moderate what the organisation sent last';
const LOCKED = 'This moderation has been accepted, so its grades and review can no longer change';

/**
 * The submission an action writes the moderation of, for someone with
 * `permission`; `moderation()` makes the moderation if it does not exist yet,
 * so call it only once the form is valid.
 */
async function writable(event: RequestEvent, permission: ModerationPermission) {
	const user = requireUser(event.locals, event.url);
	const { submission } = await moderationThrough(user, event.params.partnershipId, event.params.submissionId, permission);
	const template = (await getTemplate(db(), submission.snapshot.template.id))!.definition;
	return { submission, template, ctx: auditContext(event), moderation: () => ensureModeration(db(), submission) };
}

const step = (name: ModerationStep, permission: ModerationPermission) => async (event: RequestEvent) => {
	const { submission, template, ctx, ...w } = await writable(event, permission);
	const form = await event.request.formData();
	const version = rowVersion.safeParse(form.get('version'));
	if (!version.success) return invalid(400, { _form: version.error.issues[0].message });
	const moderation = await w.moderation();
	if (moderation.submissionId !== submission.id) return invalid(409, { _form: NOT_CURRENT });
	if (name === 'accept') {
		const problems = acceptProblems(
			submission.snapshot.standards.map((s) => ({ code: s.code, title: s.title, requirementCodes: s.requirements.map((r) => r.code) })),
			moderation.standards,
			moderation.criteria,
			moderatesRequirements(template)
		);
		if (problems.length) return invalid(400, { _form: `Before accepting: ${problems.map((p) => p.message).join('; ')}` });
	}
	if (name === 'request_changes' && !hasChangeRequest(moderation.standards.values())) {
		return invalid(400, { _form: 'Say what to change in at least one standard (“What the organisation should change”) and save it, then request changes' });
	}
	const notice = { origin: config().origin, organisationName: submission.snapshot.organisation.name, cycleTitle: submission.snapshot.cycle.title, partnershipName: submission.snapshot.cycle.partnershipName };
	const outcome = await takeStep(db(), ctx, moderation, name, version.data, notice, { confirmAgreed: form.get('confirmAgreed') === 'yes' });
	if (!outcome.ok) return invalid(409, { _form: STEP_REFUSED[outcome.reason] });
	return { done: name };
};

export const actions: Actions = {
	saveStandard: async (event) => {
		const { submission, template, ctx, ...w } = await writable(event, 'moderation:edit');
		const form = await event.request.formData();
		const values = formValues(form);
		const code = String(form.get('code') ?? '');
		const standard = submission.snapshot.standards.find((s) => s.code === code);
		if (!standard) return invalid(400, { _form: 'Choose a standard of this submission' }, values);
		const parsed = readStandardForm(form, template.scale.grades.map((g) => g.value), standard.requirements.map((r) => r.code), moderatesRequirements(template));
		const extra = { code };
		if (!parsed.ok) return invalid(400, parsed.errors, values, extra);
		const moderation = await w.moderation();
		const saved = await saveStandard(db(), ctx, { ...moderation, submissionId: submission.id }, code, parsed.value, parsed.version);
		if (!saved.ok && saved.reason === 'conflict') {
			const t = saved.theirs;
			return invalid(409, { _form: `Someone else saved standard ${code} while you were editing: their version is shown; yours is still in the form` }, values, { ...extra, conflict: { version: saved.version, grade: t?.grade ?? null, rationale: t?.rationale ?? '', changeRequest: t?.changeRequest ?? '', at: t?.updatedAt.toISOString() ?? null } });
		}
		if (!saved.ok) return invalid(409, { _form: saved.reason === 'locked' ? LOCKED : NOT_CURRENT }, values, extra);
		return { saved: { code, version: saved.version, savedAt: saved.savedAt.toISOString() } };
	},
	saveReview: async (event) => {
		const { submission, ctx, ...w } = await writable(event, 'moderation:edit');
		const form = await event.request.formData();
		const values = formValues(form);
		const parsed = readReviewForm(form);
		const extra = { code: 'review' };
		if (!parsed.ok) return invalid(400, parsed.errors, values, extra);
		const moderation = await w.moderation();
		if (moderation.submissionId !== submission.id) return invalid(409, { _form: NOT_CURRENT }, values, extra);
		const saved = await saveReview(db(), ctx, moderation, parsed.value, parsed.version);
		if (!saved.ok && saved.reason === 'conflict') {
			return invalid(409, { _form: 'Someone else saved the review while you were editing: reload to see theirs; yours is still in the form' }, values, { ...extra, conflict: { version: saved.version, criteria: saved.theirs?.criteria ?? {}, summary: saved.theirs?.summary ?? '', at: saved.theirs?.updatedAt?.toISOString() ?? null } });
		}
		if (!saved.ok) return invalid(409, { _form: LOCKED }, values, extra);
		return { saved: { code: 'review', version: saved.version, savedAt: saved.savedAt.toISOString() } };
	},
	requestChanges: step('request_changes', 'moderation:edit'),
	accept: step('accept', 'moderation:edit'),
	sendBack: step('send_back', 'moderation:complete'),
	complete: step('complete', 'moderation:complete'),
	agree: async (event) => {
		const { template, ctx, ...w } = await writable(event, 'moderation:complete');
		const form = await event.request.formData();
		const values = formValues(form);
		const code = String(form.get('code') ?? '');
		const grade = String(form.get('agreedGrade') ?? '');
		const rationale = String(form.get('agreedRationale') ?? '').trim();
		const extra = { code: `agree-${code}` };
		if (!template.scale.grades.some((g) => g.value === grade)) return invalid(400, { agreedGrade: 'Choose the agreed grade' }, values, extra);
		if (!rationale) return invalid(400, { agreedRationale: 'Say why this grade was agreed' }, values, extra);
		if (rationale.length > RATIONALE_MAX) return invalid(400, { agreedRationale: `The reason must be ${RATIONALE_MAX.toLocaleString('en-GB')} characters or fewer` }, values, extra);
		const moderation = await w.moderation();
		if (!moderation.standards.has(code)) return invalid(400, { _form: 'Moderate this standard before agreeing its grade' }, values, extra);
		if (moderation.state !== 'accepted' && moderation.state !== 'completed') return invalid(409, { _form: 'Agree grades once the moderation has been accepted' }, values, extra);
		await setAgreedGrade(db(), ctx, moderation, code, grade, rationale, 'chair');
		return { done: 'agreed' };
	}
};
