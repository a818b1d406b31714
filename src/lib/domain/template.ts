// A template is data, never code: the standards and requirements an
// organisation assesses itself against, the grading scale, the narrative and
// sign-off rules. One zod schema validates shipped files, uploaded files and
// spreadsheets alike.
import { z } from 'zod';
import { SIGNATORY_CAPACITIES } from './roles';
import { SCALE_PRESETS, isScalePreset } from './scales';

export const TEMPLATE_KINDS = ['section-11', 'section-175', 'themed'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const KIND_TITLES: Record<TemplateKind, string> = {
	'section-11': 'Section 11 (Children Act 2004)',
	'section-175': 'Section 175/157 (Education Act 2002)',
	themed: 'Themed self-assessment'
};

export const GRADE_COLOURS = ['green', 'amber', 'red', 'blue', 'grey'] as const;

const code = (what: string) =>
	z
		.string({ error: `${what} code is required` })
		.trim()
		.regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, { error: `${what} code must be like 1, 1.2 or A.3` })
		.max(20);

const text = (what: string, max: number) =>
	z
		.string({ error: `${what} is required` })
		.trim()
		.min(1, { error: `${what} is required` })
		.max(max, { error: `${what} must be ${max} characters or fewer` });

const optionalText = (max: number) => z.string().trim().max(max).optional();

export const gradeSchema = z.object({
	/** What is stored: stable across versions of the template. */
	value: z
		.string({ error: 'Grade value is required' })
		.trim()
		.regex(/^[a-z0-9-]{1,20}$/, { error: 'Grade value must be lower-case letters, digits or hyphens' }),
	label: text('Grade label', 60),
	description: optionalText(300),
	/** For aggregation: averages, comparisons, the heatmap. `better` on the scale says which way is better. */
	score: z.number({ error: 'Grade score must be a number' }).finite(),
	colour: z.enum(GRADE_COLOURS).optional(),
	/** A grade that claims strength (good, green, yes): prompts for evidence before submission. */
	strong: z.boolean().default(false)
});
export type Grade = z.infer<typeof gradeSchema>;

export const scaleSchema = z
	.object({
		name: text('Scale name', 100),
		better: z.enum(['higher', 'lower'], { error: 'Scale "better" must be higher or lower' }),
		/** Listed best first, as people read them. */
		grades: z.array(gradeSchema).min(2, { error: 'A scale needs at least two grades' }).max(10),
		notApplicable: z
			.object({ allowed: z.boolean().default(false), reasonRequired: z.boolean().default(true) })
			.default({ allowed: false, reasonRequired: true })
	})
	.superRefine((scale, ctx) => {
		const seen = new Set<string>();
		scale.grades.forEach((g, i) => {
			if (seen.has(g.value)) ctx.addIssue({ code: 'custom', path: ['grades', i, 'value'], message: `Grade value "${g.value}" is used twice` });
			seen.add(g.value);
		});
		if (scale.grades.some((g) => g.value === 'na')) {
			ctx.addIssue({ code: 'custom', path: ['grades'], message: 'Grade value "na" is reserved for not applicable' });
		}
	});
export type Scale = z.infer<typeof scaleSchema>;

export const requirementSchema = z.object({
	code: code('Requirement'),
	text: text('Requirement text', 1000),
	guidance: optionalText(2000),
	/** The documents a reviewer would expect to see behind a grade. */
	evidence: z.array(text('Evidence item', 200)).max(20).default([]),
	/** Overrides the scale's N/A rule for this requirement. */
	allowNotApplicable: z.boolean().optional()
});
export type Requirement = z.infer<typeof requirementSchema>;

export const standardSchema = z.object({
	code: code('Standard'),
	title: text('Standard title', 200),
	description: optionalText(2000),
	requirements: z.array(requirementSchema).min(1, { error: 'A standard needs at least one requirement' }).max(100)
});
export type Standard = z.infer<typeof standardSchema>;

export const templateSchema = z
	.object({
		id: z
			.string({ error: 'Template id is required' })
			.trim()
			.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'Template id must be lower-case letters, digits and hyphens' }),
		version: z.number({ error: 'Version must be a whole number' }).int().min(1).max(1000),
		title: text('Title', 200),
		kind: z.enum(TEMPLATE_KINDS, { error: 'Kind must be section-11, section-175 or themed' }),
		description: optionalText(4000),
		/** A preset's name (`four-point`, `rag`, `rag-blue`, `fully-mostly-partially-not`, `yes-partly-no`) or a scale spelled out. */
		scale: z.preprocess((v) => (typeof v === 'string' && isScalePreset(v) ? structuredClone(SCALE_PRESETS[v]) : v), scaleSchema),
		narrative: z
			.object({
				required: z.boolean().default(true),
				minLength: z.number().int().min(0).max(5000).default(50),
				prompt: optionalText(500)
			})
			.default({ required: true, minLength: 50 }),
		signOff: z
			.object({
				/** One signatory per capacity listed: a school needs a headteacher and a governor. */
				capacities: z.array(z.enum(SIGNATORY_CAPACITIES)).min(1).max(3)
			})
			.refine((s) => new Set(s.capacities).size === s.capacities.length, { error: 'Each sign-off capacity once' }),
		quality: z
			.object({
				/** A strong grade with no evidence and a narrative shorter than this is flagged to its author. */
				strongGradeNarrativeBelow: z.number().int().min(0).max(5000).default(200),
				strongGradeNeedsEvidence: z.boolean().default(true),
				/** Grades (scale values) that cannot be submitted without at least one piece of evidence, e.g. ["outstanding"]. */
				evidenceRequiredFor: z.array(z.string().max(40)).max(10).default([])
			})
			.default({ strongGradeNarrativeBelow: 200, strongGradeNeedsEvidence: true, evidenceRequiredFor: [] }),
		moderation: z
			.object({
				/** A moderated grade for each requirement as well as for each standard. */
				perRequirement: z.boolean().default(false)
			})
			.default({ perRequirement: false }),
		standards: z.array(standardSchema).min(1, { error: 'A template needs at least one standard' }).max(50)
	})
	.superRefine((t, ctx) => {
		const standards = new Set<string>();
		const requirements = new Set<string>();
		t.standards.forEach((s, si) => {
			if (standards.has(s.code)) ctx.addIssue({ code: 'custom', path: ['standards', si, 'code'], message: `Standard ${s.code} appears twice` });
			standards.add(s.code);
			s.requirements.forEach((r, ri) => {
				if (requirements.has(r.code)) {
					ctx.addIssue({ code: 'custom', path: ['standards', si, 'requirements', ri, 'code'], message: `Requirement ${r.code} appears twice` });
				}
				requirements.add(r.code);
			});
		});
		const values = new Set(t.scale.grades.map((g) => g.value));
		t.quality.evidenceRequiredFor.forEach((v, i) => {
			if (!values.has(v)) ctx.addIssue({ code: 'custom', path: ['quality', 'evidenceRequiredFor', i], message: `“${v}” is not a grade on the scale` });
		});
		const total = [...requirements].length;
		if (total > 400) ctx.addIssue({ code: 'custom', path: ['standards'], message: 'A template can have at most 400 requirements' });
	});

export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;

/** Whether a requirement may be marked not applicable. */
export function allowsNotApplicable(template: Pick<Template, 'scale'>, requirement: Pick<Requirement, 'allowNotApplicable'>): boolean {
	return requirement.allowNotApplicable ?? template.scale.notApplicable.allowed;
}

export function allRequirements(template: Pick<Template, 'standards'>): (Requirement & { standardCode: string })[] {
	return template.standards.flatMap((s) => s.requirements.map((r) => ({ ...r, standardCode: s.code })));
}

export function gradeFor(scale: Scale, value: string | null | undefined): Grade | undefined {
	return value ? scale.grades.find((g) => g.value === value) : undefined;
}

/** Negative when `a` is a better grade than `b`. */
export function compareGrades(scale: Scale, a: Grade, b: Grade): number {
	return scale.better === 'higher' ? b.score - a.score : a.score - b.score;
}
