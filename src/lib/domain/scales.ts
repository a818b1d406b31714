// Grading scales in use by partnerships (DOMAIN.md), available by name so a
// template (or a spreadsheet) can say `scale: four-point` instead of spelling
// the scale out.
import type { Scale } from './template';

export const SCALE_PRESETS = {
	'four-point': {
		name: '1 Outstanding to 4 Inadequate',
		better: 'lower',
		grades: [
			{ value: '1', label: 'Outstanding', description: 'Embedded, consistently effective and evidenced', score: 1, colour: 'blue', strong: true },
			{ value: '2', label: 'Good', description: 'In place and effective, with evidence', score: 2, colour: 'green', strong: true },
			{ value: '3', label: 'Requires improvement', description: 'Partly in place or not yet effective', score: 3, colour: 'amber', strong: false },
			{ value: '4', label: 'Inadequate', description: 'Not in place', score: 4, colour: 'red', strong: false }
		],
		notApplicable: { allowed: false, reasonRequired: true }
	},
	rag: {
		name: 'Red, amber, green',
		better: 'higher',
		grades: [
			{ value: 'green', label: 'Green', description: 'Met or exceeded', score: 3, colour: 'green', strong: true },
			{ value: 'amber', label: 'Amber', description: 'Partly met: action needed', score: 2, colour: 'amber', strong: false },
			{ value: 'red', label: 'Red', description: 'Not met', score: 1, colour: 'red', strong: false }
		],
		notApplicable: { allowed: false, reasonRequired: true }
	},
	'rag-blue': {
		name: 'Blue, green, amber, red',
		better: 'higher',
		grades: [
			{ value: 'blue', label: 'Blue', description: 'Exceeds: good practice others could learn from', score: 4, colour: 'blue', strong: true },
			{ value: 'green', label: 'Green', description: 'Met', score: 3, colour: 'green', strong: true },
			{ value: 'amber', label: 'Amber', description: 'Partly met: action needed', score: 2, colour: 'amber', strong: false },
			{ value: 'red', label: 'Red', description: 'Not met', score: 1, colour: 'red', strong: false }
		],
		notApplicable: { allowed: false, reasonRequired: true }
	},
	'fully-mostly-partially-not': {
		name: 'Fully, mostly, partially or not met',
		better: 'higher',
		grades: [
			{ value: 'fully', label: 'Fully met', score: 4, colour: 'green', strong: true },
			{ value: 'mostly', label: 'Mostly met', score: 3, colour: 'green', strong: true },
			{ value: 'partially', label: 'Partially met', score: 2, colour: 'amber', strong: false },
			{ value: 'not', label: 'Not met', score: 1, colour: 'red', strong: false }
		],
		notApplicable: { allowed: true, reasonRequired: true }
	},
	'yes-partly-no': {
		name: 'Yes, partly or no',
		better: 'higher',
		grades: [
			{ value: 'yes', label: 'Yes', score: 2, colour: 'green', strong: true },
			{ value: 'partly', label: 'Partly', score: 1, colour: 'amber', strong: false },
			{ value: 'no', label: 'No', score: 0, colour: 'red', strong: false }
		],
		notApplicable: { allowed: true, reasonRequired: true }
	}
} as const satisfies Record<string, Scale>;

export type ScalePreset = keyof typeof SCALE_PRESETS;

export function isScalePreset(name: string): name is ScalePreset {
	return Object.hasOwn(SCALE_PRESETS, name);
}
