import { z } from 'zod';
import { requiredText } from './text';
import { SIGNATORY_CAPACITIES } from './roles';

export const signOffSchema = z.object({
	capacity: z.enum(SIGNATORY_CAPACITIES, { error: 'Choose the capacity you are signing in' }),
	name: requiredText('Enter your full name', 120),
	role: z
		.string()
		.trim()
		.max(120, { error: 'Job title must be 120 characters or fewer' })
		.optional()
		.transform((v) => v ?? ''),
	confirm: z.literal('yes', { error: 'Confirm that you have read the self-assessment and it is accurate' })
});

export const submitSchema = z.object({
	cycleIds: z.array(z.string().uuid()).min(1, { error: 'Choose at least one cycle to submit to' })
});
