import { z } from 'zod';
import { optionalText, plural, requiredText } from './text';
import { CAPACITY_LABELS, SIGNATORY_CAPACITIES, type SignatoryCapacity } from './roles';

export const signOffSchema = z.object({
	capacity: z.enum(SIGNATORY_CAPACITIES, { error: 'Choose the capacity you are signing in' }),
	name: requiredText('Enter your full name', 120),
	role: optionalText(120, 'Job title'),
	confirm: z.literal('yes', { error: 'Confirm that you have read the self-assessment and it is accurate' })
});

export const submitSchema = z.object({
	cycleIds: z.array(z.string().uuid()).min(1, { error: 'Choose at least one cycle to submit to' })
});

/** "headteacher or principal", "governor": a capacity as a sentence names it. */
export function capacityWords(capacity: SignatoryCapacity): string {
	return CAPACITY_LABELS[capacity].split(' (')[0].toLowerCase();
}

/** The capacities the template asks for that have no signature of the return as it stands. */
export function capacitiesToSign(
	required: readonly SignatoryCapacity[],
	signOffs: readonly { capacity: SignatoryCapacity; stale: boolean }[]
): SignatoryCapacity[] {
	return required.filter((capacity) => {
		const signed = signOffs.find((s) => s.capacity === capacity);
		return !signed || signed.stale;
	});
}

/** "1 thing to finish", "2 things to finish". */
export function thingsToFinish(count: number): string {
	return `${plural(count, 'thing')} to finish`;
}

/** The heading of a cycle's blockers: which cycle of which partnership they stand between. */
export function blockersHeading(count: number, cycle: { title: string; partnershipName: string }): string {
	return `${thingsToFinish(count)} before you can submit to ${cycle.title} for ${cycle.partnershipName}`;
}
