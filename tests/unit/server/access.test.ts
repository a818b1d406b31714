import { describe, expect, it } from 'vitest';
import { canAnswerMembershipRequest, decide, organisationsWith, partnershipsWith, requireMembershipAnswerer } from '../../../src/lib/server/access';
import type { SessionUser } from '../../../src/lib/server/users';

const P1 = 'p1';
const P2 = 'p2';
const orgIn = (id: string, ...partnershipIds: string[]) => ({ organisation: { id, partnershipIds } });

function user(partial: Partial<SessionUser>): SessionUser {
	return { id: 'u', email: 'u@example.org', name: 'U', systemAdmin: false, organisationRoles: [], partnershipRoles: [], ...partial };
}
const orgRole = (organisationId: string, role: 'contributor' | 'lead' | 'signatory') => ({
	organisationId,
	organisationName: organisationId,
	organisationKind: 'agency' as const,
	role,
	capacity: role === 'signatory' ? ('executive_lead' as const) : null
});
const pRole = (partnershipId: string, role: 'business_unit' | 'chair' | 'moderator' | 'board_member') => ({
	partnershipId,
	partnershipName: partnershipId,
	role
});

describe('decide', () => {
	it('denies everything to nobody', () => {
		expect(decide(null, 'partnership:view', { partnershipId: P1 })).toBe('not_found');
	});

	it('answers not_found outside the scope and forbidden inside it', () => {
		const board = user({ partnershipRoles: [pRole(P1, 'board_member')] });
		expect(decide(board, 'partnership:reports', { partnershipId: P1 })).toBe('allow');
		expect(decide(board, 'partnership:manage', { partnershipId: P1 })).toBe('forbidden');
		expect(decide(board, 'partnership:view', { partnershipId: P2 })).toBe('not_found');
	});

	it('lets a partnership role see an organisation only while it is (or was) a member', () => {
		const bu = user({ partnershipRoles: [pRole(P1, 'business_unit')] });
		expect(decide(bu, 'organisation:edit', orgIn('o1', P1, P2))).toBe('allow');
		expect(decide(bu, 'organisation:edit', orgIn('o2', P2))).toBe('not_found');
		expect(decide(bu, 'organisation:workspace', orgIn('o1', P1))).toBe('forbidden');
		expect(decide(bu, 'return:edit', orgIn('o1', P1))).toBe('forbidden');
	});

	it('gives organisation roles exactly their permissions', () => {
		const contributor = user({ organisationRoles: [orgRole('o1', 'contributor')] });
		const signatory = user({ organisationRoles: [orgRole('o1', 'signatory')] });
		const lead = user({ organisationRoles: [orgRole('o1', 'lead')] });
		expect(decide(contributor, 'return:edit', orgIn('o1'))).toBe('allow');
		expect(decide(contributor, 'return:submit', orgIn('o1'))).toBe('forbidden');
		expect(decide(contributor, 'organisation:users', orgIn('o1'))).toBe('forbidden');
		expect(decide(signatory, 'return:sign', orgIn('o1'))).toBe('allow');
		expect(decide(signatory, 'return:edit', orgIn('o1'))).toBe('forbidden');
		expect(decide(lead, 'return:submit', orgIn('o1'))).toBe('allow');
		expect(decide(lead, 'organisation:users', orgIn('o1'))).toBe('allow');
		expect(decide(lead, 'return:view', orgIn('o2'))).toBe('not_found');
	});

	it('keeps system admins out of partnerships and organisations unless they hold a role there', () => {
		const admin = user({ systemAdmin: true });
		expect(decide(admin, 'admin:manage', { installation: true })).toBe('allow');
		expect(decide(admin, 'partnership:view', { partnershipId: P1 })).toBe('not_found');
		expect(decide(admin, 'organisation:view', orgIn('o1', P1))).toBe('not_found');
		expect(decide(user({}), 'admin:manage', { installation: true })).toBe('not_found');
	});

	it('never grants a partnership permission against an organisation target or the reverse', () => {
		const bu = user({ partnershipRoles: [pRole(P1, 'business_unit')] });
		expect(decide(bu, 'partnership:manage', orgIn('o1', P1))).toBe('forbidden');
		const lead = user({ organisationRoles: [orgRole('o1', 'lead')] });
		expect(decide(lead, 'return:edit', { partnershipId: P1 })).toBe('not_found');
	});
});

describe('set-based lookups for list pages', () => {
	it('lists the scopes where a permission is held', () => {
		const u = user({
			organisationRoles: [orgRole('o1', 'lead'), orgRole('o2', 'signatory')],
			partnershipRoles: [pRole(P1, 'chair'), pRole(P2, 'board_member')]
		});
		expect(partnershipsWith(u, 'partnership:audit')).toEqual([P1]);
		expect(partnershipsWith(u, 'partnership:reports').sort()).toEqual([P1, P2]);
		expect(organisationsWith(u, 'return:edit')).toEqual(['o1']);
		expect(organisationsWith(u, 'return:view').sort()).toEqual(['o1', 'o2']);
	});
});

describe('answering a partnership’s request to add an organisation', () => {
	const organisation = { id: 'o1', activePartnershipIds: [P1] };
	it('is the lead’s, or without one a business unit’s of a partnership it belongs to', () => {
		const lead = user({ organisationRoles: [orgRole('o1', 'lead')] });
		const bu = user({ partnershipRoles: [pRole(P1, 'business_unit')] });
		expect(canAnswerMembershipRequest(lead, organisation, P2, true)).toBe(true);
		expect(canAnswerMembershipRequest(bu, organisation, P2, true)).toBe(false);
		expect(canAnswerMembershipRequest(bu, organisation, P2, false)).toBe(true);
	});

	it('is never anyone’s who holds a role in the partnership that asked, so they are not offered it', () => {
		const leadAndAsker = user({ organisationRoles: [orgRole('o1', 'lead')], partnershipRoles: [pRole(P2, 'board_member')] });
		expect(canAnswerMembershipRequest(leadAndAsker, organisation, P2, true)).toBe(false);
		expect(() => requireMembershipAnswerer(leadAndAsker, organisation, P2, true)).toThrow(
			expect.objectContaining({ status: 403, body: { message: 'Someone from the partnership that asked cannot answer its request' } })
		);
	});
});
