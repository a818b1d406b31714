// Form actions shared by the three pages that manage people: an organisation's
// users, a partnership's users and a member organisation's leads.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { invalid } from './forms';
import { uuid } from '../domain/text';
import type { OrganisationRole, PartnershipRole } from '../domain/roles';
import { getInvitation, revokeInvitation } from './auth/invitations';
import { removeRole } from './people';
import { auditContext } from './request';
import { db } from './runtime';

type Scope = { organisationId: string } | { partnershipId: string };

const inScope = (scope: Scope, inv: { organisationId: string | null; partnershipId: string | null }) =>
	'organisationId' in scope ? inv.organisationId === scope.organisationId : inv.partnershipId === scope.partnershipId;

/** Withdraws a pending invitation of this scope; another scope's invitation is a 404. */
export async function revokeAction(event: RequestEvent, scope: Scope, form: FormData, done: string) {
	const id = uuid.safeParse(form.get('invitationId'));
	if (!id.success) return invalid(400, { _form: 'Choose an invitation to withdraw' });
	const invitation = await getInvitation(db(), id.data);
	if (!invitation || !inScope(scope, invitation)) error(404, 'Not found');
	if (!(await revokeInvitation(db(), auditContext(event), invitation))) {
		return invalid(409, { _form: 'That invitation has already been accepted or withdrawn' });
	}
	redirect(303, `${done}?withdrawn=${encodeURIComponent(invitation.email)}`);
}

/** Removes one of `removable` roles from a person in this scope. */
export async function removeAction(
	event: RequestEvent,
	scope: Scope,
	form: FormData,
	removable: readonly (OrganisationRole | PartnershipRole)[],
	done: string
) {
	const userId = uuid.safeParse(form.get('userId'));
	const role = String(form.get('role') ?? '') as OrganisationRole & PartnershipRole;
	if (!userId.success || !removable.includes(role)) return invalid(400, { _form: 'Choose a role to remove' });
	const target =
		'organisationId' in scope
			? { userId: userId.data, organisationId: scope.organisationId, role }
			: { userId: userId.data, partnershipId: scope.partnershipId, role };
	const result = await removeRole(db(), auditContext(event), target);
	if (!result.ok && result.reason === 'not_found') error(404, 'Not found');
	if (!result.ok) {
		const what = 'organisationId' in scope ? 'safeguarding lead' : 'business unit user';
		return invalid(409, { _form: `You cannot remove the last ${what}: invite another one first` });
	}
	redirect(303, `${done}?removed`);
}
