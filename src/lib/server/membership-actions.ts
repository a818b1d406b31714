// Form actions of a member organisation's page that change how it belongs to
// the partnership: ending its membership, making it a member again, adding it
// to a cycle. The page's route checks access before calling them.
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { invalid } from './forms';
import { recordAudit } from './audit-log';
import { addParticipants } from './cycle-participants';
import type { Cycle } from './cycles';
import { joinExisting } from './membership-requests';
import { endMembership, type Organisation } from './organisations';
import { auditContext } from './request';
import { config, db } from './runtime';

/** Ends the membership, once the person has ticked the box to confirm it. */
export async function endMembershipAction(event: RequestEvent, organisation: Organisation, partnershipId: string) {
	if ((await event.request.formData()).get('confirm') !== 'yes') {
		return invalid(400, { confirm: `Tick the box to confirm you want to end ${organisation.name}’s membership` });
	}
	await db().transaction(async (tx) => {
		await endMembership(tx, partnershipId, organisation.id);
		await recordAudit(tx, auditContext(event), {
			action: 'organisation.deactivate',
			partnershipId,
			organisationId: organisation.id,
			subjectType: 'organisation',
			subjectId: organisation.id
		});
	});
	redirect(303, `${event.url.pathname}?deactivated`);
}

/** A former member rejoins by the same rule as a new one: if others hold it, it is asked to agree. */
export async function rejoinAction(event: RequestEvent, organisation: Organisation, partnershipId: string) {
	const ctx = auditContext(event);
	const joined = await db().transaction(async (tx) => {
		const result = await joinExisting(tx, partnershipId, organisation, { ctx, origin: config().origin });
		if (result.outcome === 'linked') {
			await recordAudit(tx, ctx, { action: 'organisation.reactivate', partnershipId, organisationId: organisation.id, subjectType: 'organisation', subjectId: organisation.id });
		}
		return result;
	});
	redirect(303, `${event.url.pathname}?${joined.outcome === 'requested' ? 'asked' : 'reactivated'}`);
}

/** Adds the organisation to one of the partnership's cycles that is not closed. */
export async function joinCycleAction(event: RequestEvent, organisation: Organisation, cycle: Cycle) {
	if (!organisation.activePartnershipIds.includes(cycle.partnershipId)) return invalid(409, { _form: 'Only a current member can take part in a cycle' });
	const added = await addParticipants(db(), auditContext(event), cycle, [organisation.id]);
	if (!added.ok) return invalid(409, { _form: `${cycle.title} is closed: reopen it to add organisations` });
	redirect(303, `${event.url.pathname}?addedTo=${cycle.id}`);
}
