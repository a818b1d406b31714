import { z } from 'zod';
import { emailAddress, requiredText } from './text';

export const newPartnershipSchema = z.object({
	name: requiredText('Enter the partnership’s name'),
	area: z
		.string()
		.trim()
		.max(200, { error: 'Area must be 200 characters or fewer' })
		.optional()
		.transform((v) => v ?? ''),
	contactName: requiredText('Enter the name of the business unit contact', 120),
	email: emailAddress
});
