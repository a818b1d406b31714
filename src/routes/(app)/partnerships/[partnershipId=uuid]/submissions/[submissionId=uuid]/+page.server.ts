import type { PageServerLoad } from './$types';
import { found, requireAccess, requireUser } from '$lib/server/access';
import { submissionFor } from '$lib/server/guards';
import { submissionPage } from '$lib/server/submission-view';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	requireAccess(user, 'partnership:submissions', { partnershipId: params.partnershipId });
	const submission = await submissionFor(user, params.submissionId);
	if (submission.partnershipId !== params.partnershipId) found(null);
	return {
		title: `${submission.snapshot.organisation.name}: ${submission.snapshot.cycle.title}, version ${submission.version}`,
		cycleId: submission.cycleId,
		...(await submissionPage(submission, url.searchParams.get('compare')))
	};
};
