// What a new version of a template changes, for the business unit to check
// before publishing it. Requirements are matched by code across the whole
// template, because that is how answers carry forward between versions: a
// reworded requirement keeps its answers, a removed code loses them.
//
// A requirement moved to another standard is reported once, under its new
// standard, with status 'changed' and `movedFrom` naming its old standard
// (plus any edits to its own fields). It is not listed under the old standard,
// though that standard's status is 'changed' because it lost a requirement.
// Removed standards and removed requirements are listed after the ones that remain.
import type { Grade, Requirement, Scale, Standard, Template } from './template';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface FieldChange {
	field: 'text' | 'guidance' | 'evidence' | 'allowNotApplicable';
	before: string;
	after: string;
}

export interface RequirementDiff {
	code: string;
	status: DiffStatus;
	changes: FieldChange[];
	/** The requirement's text in the new version (in the old one when removed). */
	text: string;
	/** The code of the standard it sat under before, when it has moved. */
	movedFrom?: string;
}

export interface StandardDiff {
	code: string;
	title: string;
	status: DiffStatus;
	titleChanged?: { before: string; after: string };
	descriptionChanged?: { before: string; after: string };
	requirements: RequirementDiff[];
}

export interface TemplateDiff {
	scaleChanged: boolean;
	/** One sentence per difference, for the business unit to read. */
	scaleChanges: string[];
	signOffChanged: boolean;
	narrativeChanged: boolean;
	standards: StandardDiff[];
	/** Counts of requirements. */
	summary: Record<DiffStatus, number>;
}

export function diffTemplates(before: Template, after: Template): TemplateDiff {
	const scaleChanges = describeScaleChanges(before.scale, after.scale);
	const standards = diffStandards(before.standards, after.standards);
	const summary: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
	for (const s of standards) for (const r of s.requirements) summary[r.status]++;
	return {
		scaleChanged: scaleChanges.length > 0,
		scaleChanges,
		signOffChanged: !sameSet(before.signOff.capacities, after.signOff.capacities),
		narrativeChanged:
			before.narrative.required !== after.narrative.required ||
			before.narrative.minLength !== after.narrative.minLength ||
			(before.narrative.prompt ?? '') !== (after.narrative.prompt ?? ''),
		standards,
		summary
	};
}

function diffStandards(before: Standard[], after: Standard[]): StandardDiff[] {
	const oldHome = new Map<string, { standard: Standard; requirement: Requirement }>();
	for (const standard of before) for (const requirement of standard.requirements) oldHome.set(requirement.code, { standard, requirement });
	const newCodes = new Set(after.flatMap((s) => s.requirements.map((r) => r.code)));
	const removedUnder = (standard: Standard): RequirementDiff[] =>
		standard.requirements
			.filter((r) => !newCodes.has(r.code))
			.map((r) => ({ code: r.code, status: 'removed', changes: [], text: r.text }));

	const kept = after.map((standard): StandardDiff => {
		const previous = before.find((s) => s.code === standard.code);
		const requirements: RequirementDiff[] = standard.requirements.map((r) => {
			const old = oldHome.get(r.code);
			if (!old) return { code: r.code, status: 'added', changes: [], text: r.text };
			const changes = diffRequirement(old.requirement, r);
			const moved = old.standard.code !== standard.code;
			return {
				code: r.code,
				status: moved || changes.length > 0 ? 'changed' : 'unchanged',
				changes,
				text: r.text,
				...(moved ? { movedFrom: old.standard.code } : {})
			};
		});
		if (!previous) return { code: standard.code, title: standard.title, status: 'added', requirements };

		requirements.push(...removedUnder(previous));
		const titleChanged = previous.title !== standard.title;
		const descriptionChanged = (previous.description ?? '') !== (standard.description ?? '');
		const currentCodes = new Set(standard.requirements.map((r) => r.code));
		const movedOut = previous.requirements.some((r) => newCodes.has(r.code) && !currentCodes.has(r.code));
		const requirementsChanged = movedOut || requirements.some((r) => r.status !== 'unchanged');
		return {
			code: standard.code,
			title: standard.title,
			status: titleChanged || descriptionChanged || requirementsChanged ? 'changed' : 'unchanged',
			...(titleChanged ? { titleChanged: { before: previous.title, after: standard.title } } : {}),
			...(descriptionChanged ? { descriptionChanged: { before: previous.description ?? '', after: standard.description ?? '' } } : {}),
			requirements
		};
	});

	const afterCodes = new Set(after.map((s) => s.code));
	const removed = before
		.filter((s) => !afterCodes.has(s.code))
		.map((s): StandardDiff => ({ code: s.code, title: s.title, status: 'removed', requirements: removedUnder(s) }));
	return [...kept, ...removed];
}

function diffRequirement(before: Requirement, after: Requirement): FieldChange[] {
	const changes: FieldChange[] = [];
	const note = (field: FieldChange['field'], b: string, a: string, differs = b !== a) => {
		if (differs) changes.push({ field, before: b, after: a });
	};
	note('text', before.text, after.text);
	note('guidance', before.guidance ?? '', after.guidance ?? '');
	// Compared as lists: joined text cannot tell ["a; b"] from ["a", "b"].
	note('evidence', before.evidence.join('; '), after.evidence.join('; '), !sameList(before.evidence, after.evidence));
	note('allowNotApplicable', describeNotApplicable(before.allowNotApplicable), describeNotApplicable(after.allowNotApplicable));
	return changes;
}

function describeNotApplicable(allowed: boolean | undefined): string {
	if (allowed === undefined) return 'as the scale allows';
	return allowed ? 'allowed' : 'not allowed';
}

/** Every difference between two scales, as sentences: stored answers are keyed by grade value, so removals matter most. */
export function describeScaleChanges(before: Scale, after: Scale): string[] {
	const changes: string[] = [];
	if (before.name !== after.name) changes.push(`The scale is renamed from "${before.name}" to "${after.name}".`);
	if (before.better !== after.better) changes.push(`${capitalise(after.better)} scores are now better (before, ${before.better} scores were).`);

	const oldGrades = new Map(before.grades.map((g) => [g.value, g]));
	const newValues = new Set(after.grades.map((g) => g.value));
	for (const g of before.grades) {
		if (!newValues.has(g.value)) changes.push(`Grade "${g.label}" (${g.value}) is removed: answers with this grade will need a new grade.`);
	}
	for (const g of after.grades) {
		const old = oldGrades.get(g.value);
		if (!old) changes.push(`Grade "${g.label}" (${g.value}) is added.`);
		else changes.push(...describeGradeChanges(old, g));
	}
	const commonBefore = before.grades.map((g) => g.value).filter((v) => newValues.has(v));
	const commonAfter = after.grades.map((g) => g.value).filter((v) => oldGrades.has(v));
	if (!sameList(commonBefore, commonAfter)) changes.push('The grades are listed in a different order.');

	const [na, naNew] = [before.notApplicable, after.notApplicable];
	if (na.allowed !== naNew.allowed) changes.push(naNew.allowed ? 'Not applicable is now allowed.' : 'Not applicable is no longer allowed.');
	if (na.reasonRequired !== naNew.reasonRequired) {
		changes.push(naNew.reasonRequired ? 'A reason for not applicable is now required.' : 'A reason for not applicable is no longer required.');
	}
	return changes;
}

function describeGradeChanges(before: Grade, after: Grade): string[] {
	const name = `Grade "${after.label}" (${after.value})`;
	const changes: string[] = [];
	if (before.label !== after.label) changes.push(`${name} was labelled "${before.label}".`);
	if ((before.description ?? '') !== (after.description ?? '')) {
		changes.push(`${name} has a new description: "${after.description ?? ''}" (was "${before.description ?? ''}").`);
	}
	if (before.score !== after.score) changes.push(`${name} scores ${after.score} (was ${before.score}).`);
	if (before.colour !== after.colour) changes.push(`${name} is shown ${after.colour ?? 'without a colour'} (was ${before.colour ?? 'no colour'}).`);
	if (before.strong !== after.strong) {
		changes.push(after.strong ? `${name} now claims strength and asks for evidence.` : `${name} no longer claims strength.`);
	}
	return changes;
}

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x) => b.includes(x));
}
