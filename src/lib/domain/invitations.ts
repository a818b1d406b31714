import { z } from 'zod';
import { emailAddress, optionalText } from './text';
import { PARTNERSHIP_ROLES, SIGNATORY_CAPACITIES } from './roles';

const name = optionalText(120, 'Name');

/** What an organisation's lead may invite: contributors and signatories (with the capacity they sign in). */
export const organisationInviteSchema = z
	.object({
		email: emailAddress,
		name,
		role: z.enum(['contributor', 'signatory'], { error: 'Select what they will do' }),
		capacity: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SIGNATORY_CAPACITIES).optional())
	})
	.superRefine((v, ctx) => {
		if (v.role === 'signatory' && !v.capacity) {
			ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'Select the capacity they sign off in' });
		}
	})
	.transform((v) => ({ ...v, capacity: v.role === 'signatory' ? v.capacity! : null }));

/** The business unit invites an organisation's safeguarding lead. */
export const leadInviteSchema = z.object({ email: emailAddress, name });

export const partnershipInviteSchema = z.object({
	email: emailAddress,
	name,
	role: z.enum(PARTNERSHIP_ROLES, { error: 'Select their role' })
});
