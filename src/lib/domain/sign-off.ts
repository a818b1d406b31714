import { z } from 'zod';
import { optionalText, requiredText } from './text';
import { SIGNATORY_CAPACITIES } from './roles';

export const signOffSchema = z.object({
	capacity: z.enum(SIGNATORY_CAPACITIES, { error: 'Choose the capacity you are signing in' }),
	name: requiredText('Enter your full name', 120),
	role: optionalText(120, 'Job title'),
	confirm: z.literal('yes', { error: 'Confirm that you have read the self-assessment and it is accurate' })
});

export const submitSchema = z.object({
	cycleIds: z.array(z.string().uuid()).min(1, { error: 'Choose at least one cycle to submit to' })
});
