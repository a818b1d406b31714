import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { can, requireUser } from '$lib/server/access';
import { cycleLetterFor } from '$lib/server/letter-guards';
import { saveWording } from '$lib/server/letters';
import { letterFacts } from '$lib/server/letter-facts';
import { issueLetter } from '$lib/server/letters/issue';
import { invalid } from '$lib/server/forms';
import { auditContext } from '$lib/server/request';
import { config, db, evidenceServices } from '$lib/server/runtime';
import { canDraftFrom, gradeTable, wordingProblem } from '$lib/domain/letters';
import { MODERATION_STATE_LABELS } from '$lib/domain/moderation';
import { rowVersion } from '$lib/domain/row-version';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { cycle, letter } = await cycleLetterFor(user, params.partnershipId, params.cycleId, params.letterId, 'letter:read');
	const found = await letterFacts(db(), cycle.id, letter.organisationId);
	const canWrite = can(user, 'letter:write', { partnershipId: cycle.partnershipId }) && letter.state === 'draft';
	return {
		title: `Feedback letter: ${letter.organisationName}`,
		flash: url.searchParams.get('done'),
		base: `/partnerships/${cycle.partnershipId}/cycles/${cycle.id}`,
		cycle: { id: cycle.id, title: cycle.title },
		letter: {
			id: letter.id,
			organisationName: letter.organisationName,
			state: letter.state,
			body: letter.body,
			version: letter.version,
			updatedAt: letter.updatedAt.toISOString(),
			updatedByName: letter.updatedByName,
			issuedAt: letter.issuedAt?.toISOString() ?? null,
			issuedByName: letter.issuedByName,
			signed: letter.signedName ? { name: letter.signedName, role: letter.signedRole ?? '', on: letter.signedOn ?? '' } : null,
			pdfSha256: letter.pdf?.sha256 ?? null,
			docxSha256: letter.docx?.sha256 ?? null
		},
		moderationLabel: found ? MODERATION_STATE_LABELS[found.moderationState as keyof typeof MODERATION_STATE_LABELS] : 'No moderation',
		ready: canDraftFrom(found?.moderationState),
		table: found ? gradeTable(found.facts) : null,
		canWrite
	};
};

const RELOADED = 'This letter was changed by someone else while you had it open.';

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { letter } = await cycleLetterFor(user, event.params.partnershipId!, event.params.cycleId!, event.params.letterId!, 'letter:write');
		const form = await event.request.formData();
		const body = String(form.get('body') ?? '');
		const version = rowVersion.safeParse(form.get('version'));
		if (!version.success) return invalid(400, { _form: version.error.issues[0].message }, { body });
		const problem = wordingProblem(body);
		if (problem) return invalid(400, { body: problem }, { body, version: String(version.data) });
		const saved = await saveWording(db(), auditContext(event), letter, body, version.data);
		if (!saved.ok && saved.reason === 'issued') return invalid(409, { _form: 'This letter has been issued, so its wording cannot change. Your wording is shown below so you can copy it.' }, { body }, { unsaved: body });
		if (!saved.ok) {
			return invalid(409, { body: `${RELOADED} Their wording is beside yours; yours is still in the form and has not been saved. Save again to replace theirs.` }, { body, version: String(saved.current.version) }, { theirs: { body: saved.current.body, by: saved.current.updatedByName, at: saved.current.updatedAt.toISOString() } });
		}
		redirect(303, `${event.url.pathname}?done=saved`);
	},
	issue: async (event) => {
		const user = requireUser(event.locals, event.url);
		const { letter } = await cycleLetterFor(user, event.params.partnershipId!, event.params.cycleId!, event.params.letterId!, 'letter:write');
		const form = await event.request.formData();
		const version = rowVersion.safeParse(form.get('version'));
		if (!version.success) return invalid(400, { _form: version.error.issues[0].message });
		if (form.get('confirm') !== 'yes') return invalid(400, { confirm: 'Tick the box to confirm the letter is ready to issue' });
		const outcome = await issueLetter(db(), evidenceServices(), auditContext(event), letter, { name: user.name, origin: config().origin }, version.data);
		if (!outcome.ok && outcome.reason === 'not_ready') return invalid(409, { _form: 'This letter cannot be issued until the organisation’s moderation is accepted or complete.' });
		if (!outcome.ok && outcome.reason === 'issued') return invalid(409, { _form: 'This letter has already been issued.' });
		if (!outcome.ok) return invalid(409, { _form: `${RELOADED} Check the wording shown now, then issue it.` });
		redirect(303, `${event.url.pathname}?done=issued`);
	}
};
