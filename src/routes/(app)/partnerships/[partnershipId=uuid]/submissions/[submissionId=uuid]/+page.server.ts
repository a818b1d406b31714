import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/access';
import { submissionThrough } from '$lib/server/guards';
import { submissionPage } from '$lib/server/submission-view';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const { submission } = await submissionThrough(user, { partnershipId: params.partnershipId }, params.submissionId);
	const page = await submissionPage(submission, url.searchParams.get('compare'));
	return {
		title: `${submission.snapshot.organisation.name}: ${submission.snapshot.cycle.title}, version ${submission.version}`,
		cycleId: submission.cycleId,
		latestId: page.versions[page.versions.length - 1].id,
		...page
	};
};
