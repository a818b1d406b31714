import { z } from 'zod';
import { emailAddress, optionalText, requiredText } from './text';

export const newPartnershipSchema = z.object({
	name: requiredText('Enter the partnership’s name', 200, { min: 2, label: 'Partnership name' }),
	area: optionalText(200, 'Area'),
	contactName: requiredText('Enter the name of the business unit contact', 120),
	email: emailAddress
});
