// Templates as Excel workbooks, where business units already keep them: a
// template downloaded here can be edited in Excel and imported back.
//
// Sheet "Template": one setting per row, the key in column A and its value in
// column B (an optional header row "Key | Value" is skipped). Keys:
//   id, version, title, kind (section-11, section-175 or themed), description,
//   scale (a preset: four-point, rag, rag-blue, fully-mostly-partially-not,
//     yes-partly-no; or, for a scale that is no preset, the scale as JSON),
//   narrative minimum length, narrative prompt,
//   sign-off (comma-separated: headteacher, governor, executive_lead),
//   allow not applicable (yes/no: overrides the scale's N/A rule),
// and, optional, as written by the download: narrative required (yes/no),
//   strong grade narrative below (a number), strong grade needs evidence (yes/no).
//
// Sheet "Requirements": a header row, then one row per requirement, columns
//   standard code | standard title | standard description | requirement code |
//   requirement text | guidance | evidence | allow n/a
// Standard description, guidance, evidence and allow n/a are optional. Rows
// with the same standard code form one standard, in order of first
// appearance; its description is read from its first row. A blank standard
// code continues the standard above. Evidence items are one per line, or
// separated by semicolons when the cell has a single line (so a lone item
// cannot contain a semicolon). Allow n/a is yes, no or blank (follow the
// scale). Blank rows and extra columns are ignored.
//
// Keys and headers match ignoring case, spaces and punctuation. Every cell is
// read as the text Excel displays, so a code typed as the number 1.10 reads
// "1.1" unless the cell is formatted to show two decimals.

export const SETTINGS = {
	id: 'id',
	version: 'version',
	title: 'title',
	kind: 'kind',
	description: 'description',
	scale: 'scale',
	narrativeRequired: 'narrative required',
	narrativeMinLength: 'narrative minimum length',
	narrativePrompt: 'narrative prompt',
	signOff: 'sign-off',
	allowNotApplicable: 'allow not applicable',
	strongGradeNarrativeBelow: 'strong grade narrative below',
	strongGradeNeedsEvidence: 'strong grade needs evidence',
	evidenceRequiredFor: 'evidence required for',
	moderatePerRequirement: 'moderate each requirement'
} as const;
export type Setting = keyof typeof SETTINGS;

export const COLUMNS = {
	standardCode: 'standard code',
	standardTitle: 'standard title',
	standardDescription: 'standard description',
	requirementCode: 'requirement code',
	requirementText: 'requirement text',
	guidance: 'guidance',
	evidence: 'evidence',
	allowNotApplicable: 'allow n/a'
} as const;
export type Column = keyof typeof COLUMNS;
export const REQUIRED_COLUMNS: Column[] = ['standardCode', 'standardTitle', 'requirementCode', 'requirementText'];
export const SETTING_ALIASES: Record<string, Setting> = { narrativeminlength: 'narrativeMinLength', allowna: 'allowNotApplicable' };
export const COLUMN_ALIASES: Record<string, Column> = { allownotapplicable: 'allowNotApplicable' };

/** Where a problem is: the sheet (0 Template, 1 Requirements) and the row, or the whole sheet. */
export interface Located {
	sheet: 0 | 1;
	row?: number;
	message: string;
	/** The template field it concerns, so the schema does not report the same cell again. */
	path?: string;
}

export const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
export const lookup = <K extends string>(names: Record<K, string>, aliases: Record<string, K>, heading: string): K | undefined => {
	const key = normalise(heading);
	return (Object.keys(names) as K[]).find((k) => normalise(names[k]) === key) ?? aliases[key];
};
