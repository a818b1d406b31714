import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { submissionThrough } from '$lib/server/guards';
import { submissionPage } from '$lib/server/submission-view';
import { listSubmissionsOfOrganisation } from '$lib/server/submissions';
import { db } from '$lib/server/runtime';
import { uuid } from '$lib/domain/text';
import { getModeration } from '$lib/server/moderation';
import { moderationForOrganisation } from '$lib/server/moderation-view';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { submission, organisation } = await submissionThrough(user, { organisationId: params.organisationId }, params.submissionId);
	// Straight after submitting: every submission just sent, one per cycle.
	const submittedIds = (url.searchParams.get('submitted')?.split(',') ?? []).filter((id) => uuid.safeParse(id).success);
	const [sent, page, moderation] = await Promise.all([
		submittedIds.length ? listSubmissionsOfOrganisation(db(), organisation.id, submittedIds) : [],
		submissionPage(submission, url.searchParams.get('compare')),
		getModeration(db(), submission.cycleId, submission.organisationId)
	]);
	return {
		title: `${submission.snapshot.cycle.title}, version ${submission.version}`,
		organisation: { id: organisation.id, name: organisation.name },
		sent: sent.map((s) => ({ id: s.id, cycleTitle: s.cycleTitle, partnershipName: s.partnershipName, version: s.version })),
		moderation: await moderationForOrganisation(submission, moderation),
		...page
	};
};
