import type { PageServerLoad } from './$types';
import { found, requireUser } from '$lib/server/access';
import { organisationFor, submissionFor } from '$lib/server/guards';
import { submissionPage } from '$lib/server/submission-view';
import { listSubmissionsOfOrganisation } from '$lib/server/submissions';
import { db } from '$lib/server/runtime';
import { uuid } from '$lib/domain/text';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const organisation = await organisationFor(user, params.organisationId, 'organisation:workspace');
	const submission = await submissionFor(user, params.submissionId);
	if (submission.organisationId !== organisation.id) found(null);
	// Straight after submitting: every submission just sent, one per cycle.
	const submittedIds = (url.searchParams.get('submitted')?.split(',') ?? []).filter((id) => uuid.safeParse(id).success);
	const [sent, page] = await Promise.all([
		submittedIds.length ? listSubmissionsOfOrganisation(db(), organisation.id, submittedIds) : [],
		submissionPage(submission, url.searchParams.get('compare'))
	]);
	return {
		title: `${submission.snapshot.cycle.title}, version ${submission.version}`,
		organisation: { id: organisation.id, name: organisation.name },
		sent: sent.map((s) => ({ id: s.id, cycleTitle: s.cycleTitle, partnershipName: s.partnershipName, version: s.version })),
		...page
	};
};
