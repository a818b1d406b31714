import type { PageServerLoad } from './$types';
import { found, requireUser } from '$lib/server/access';
import { organisationFor, submissionFor } from '$lib/server/guards';
import { submissionPage } from '$lib/server/submission-view';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await organisationFor(user, params.organisationId, 'organisation:workspace');
	const submission = await submissionFor(user, params.submissionId);
	if (submission.organisationId !== organisation.id) found(null);
	const submittedIds = url.searchParams.get('submitted')?.split(',') ?? [];
	return {
		title: `${submission.snapshot.cycle.title}, version ${submission.version}`,
		organisation: { id: organisation.id, name: organisation.name },
		submitted: submittedIds.length ? submittedIds.length : 0,
		...(await submissionPage(submission, url.searchParams.get('compare')))
	};
};
