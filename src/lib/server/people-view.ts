// Shapes people and invitations for the tables on the users pages.
import { roleLabel, type OrganisationRole, type PartnershipRole } from '../domain/roles';
import { invitationStatus, type Invitation } from './auth/invitations';
import type { Person } from './people';

export function peopleRows(people: Person[], removable: (role: OrganisationRole | PartnershipRole) => boolean) {
	return people.map((p) => ({
		userId: p.userId,
		name: p.name,
		email: p.email,
		disabled: p.disabled,
		roles: p.roles.map((r) => ({
			role: r.role,
			label: roleLabel(r.role, r.capacity),
			removable: removable(r.role)
		}))
	}));
}

export function invitationRows(invitations: Invitation[], now = new Date()) {
	return invitations.map((i) => ({
		id: i.id,
		email: i.email,
		role: roleLabel(i.role, i.capacity),
		status: invitationStatus(i, now),
		createdAt: i.createdAt.toISOString(),
		expiresAt: i.expiresAt.toISOString(),
		invitedBy: i.invitedByName
	}));
}
