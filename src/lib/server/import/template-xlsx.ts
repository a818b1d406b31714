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
import ExcelJS from 'exceljs';
import { SIGNATORY_CAPACITIES } from '../../domain/roles';
import { SCALE_PRESETS, isScalePreset } from '../../domain/scales';
import { scaleSchema, type Scale, type Template } from '../../domain/template';
import { validateTemplate, type TemplateParse, type TemplateProblem } from '../template-files';
import { cellText, cellTexts, rowsOf } from './xlsx-cells';

export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 2000;
const MAX_PROBLEMS = 200;

const SETTINGS = {
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
	strongGradeNeedsEvidence: 'strong grade needs evidence'
} as const;
type Setting = keyof typeof SETTINGS;

const COLUMNS = {
	standardCode: 'standard code',
	standardTitle: 'standard title',
	standardDescription: 'standard description',
	requirementCode: 'requirement code',
	requirementText: 'requirement text',
	guidance: 'guidance',
	evidence: 'evidence',
	allowNotApplicable: 'allow n/a'
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED_COLUMNS: Column[] = ['standardCode', 'standardTitle', 'requirementCode', 'requirementText'];
const SETTING_ALIASES: Record<string, Setting> = { narrativeminlength: 'narrativeMinLength', allowna: 'allowNotApplicable' };
const COLUMN_ALIASES: Record<string, Column> = { allownotapplicable: 'allowNotApplicable' };

/** Where a problem is: the sheet (0 Template, 1 Requirements) and the row, or the whole sheet. */
interface Located {
	sheet: 0 | 1;
	row?: number;
	message: string;
	/** The template field it concerns, so the schema does not report the same cell again. */
	path?: string;
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const lookup = <K extends string>(names: Record<K, string>, aliases: Record<string, K>, heading: string): K | undefined => {
	const key = normalise(heading);
	return (Object.keys(names) as K[]).find((k) => normalise(names[k]) === key) ?? aliases[key];
};

/** Reads and validates a template workbook. Never throws: bad input comes back as problems naming sheet and row. */
export async function readTemplateWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<TemplateParse> {
	if (bytes.byteLength > MAX_WORKBOOK_BYTES) return fail('The file is larger than 5 MB: a template workbook is much smaller than that');
	const workbook = new ExcelJS.Workbook();
	try {
		// A fresh ArrayBuffer, not a Node Buffer's `.buffer`, which may be a shared pool holding other data.
		await workbook.xlsx.load(new Uint8Array(bytes).buffer);
	} catch {
		return fail('The file is not an Excel workbook (.xlsx). Save it from Excel as "Excel Workbook (.xlsx)" and try again');
	}
	const find = (name: string) => workbook.worksheets.find((w) => normalise(w.name) === normalise(name));
	const [settingsSheet, requirementsSheet] = [find('Template'), find('Requirements')];
	const problems: Located[] = [];
	if (!settingsSheet) problems.push({ sheet: 0, message: 'The workbook has no sheet called "Template"' });
	if (!requirementsSheet) problems.push({ sheet: 1, message: 'The workbook has no sheet called "Requirements"' });

	const settings = settingsSheet ? readSettings(settingsSheet, problems) : null;
	const standards = requirementsSheet ? readStandards(requirementsSheet, problems) : null;
	const parsed = validateTemplate({ ...(settings ? buildSettings(settings, problems) : {}), standards: standards?.data ?? [] });
	if (parsed.ok && problems.length === 0) return parsed;
	// A sheet that could not be read is reported once, not again field by field; so is a cell already reported.
	const reported = problems.flatMap((p) => (p.path ? [p.path] : []));
	const fromSchema = parsed.ok
		? []
		: parsed.problems.filter((p) => {
				const readable = /^standards(\.|$)/.test(p.where) ? standards !== null : settings !== null;
				return readable && !reported.some((r) => p.where === r || p.where.startsWith(`${r}.`));
			});
	const located = fromSchema.map((p) => locate(p, settings ?? new Map(), standards?.rows ?? []));
	return { ok: false, problems: sorted([...problems, ...located]) };
}

function fail(message: string): TemplateParse {
	return { ok: false, problems: [{ where: '(whole file)', message }] };
}

type Settings = Map<Setting, { text: string; row: number }>;

function readSettings(sheet: ExcelJS.Worksheet, problems: Located[]): Settings {
	const settings: Settings = new Map();
	let first = true;
	for (const row of rowsOf(sheet)) {
		const [key, value] = [cellText(row.getCell(1)), cellText(row.getCell(2))];
		if (!key && !value) continue;
		const isHeader = first && ['key', 'setting', 'field'].includes(normalise(key));
		first = false;
		if (isHeader) continue;
		const setting = lookup(SETTINGS, SETTING_ALIASES, key);
		if (!setting) {
			const known = Object.values(SETTINGS).join(', ');
			problems.push({ sheet: 0, row: row.number, message: key ? `"${key}" is not a template setting: use ${known}` : 'This row has a value but no key' });
		} else if (settings.has(setting)) {
			problems.push({ sheet: 0, row: row.number, message: `"${SETTINGS[setting]}" is also in row ${settings.get(setting)?.row}: give it once` });
		} else {
			settings.set(setting, { text: value, row: row.number });
		}
	}
	return settings;
}

/** The template's settings as the schema expects them; cells it cannot read become problems. */
function buildSettings(settings: Settings, problems: Located[]): Record<string, unknown> {
	const text = (s: Setting) => settings.get(s)?.text || undefined;
	const report = (s: Setting, path: string, message: string) => problems.push({ sheet: 0, row: settings.get(s)?.row, message, path });
	const whole = (s: Setting, path: string, label: string) => {
		const value = text(s);
		if (value === undefined) return undefined;
		if (/^[+-]?\d+$/.test(value)) return Number(value);
		report(s, path, `${label} must be a whole number`);
		return undefined;
	};
	const yesNo = (s: Setting, path: string, label: string) => {
		const value = readYesNo(text(s));
		if (value !== 'invalid') return value;
		report(s, path, `${label} must be yes or no`);
		return undefined;
	};

	const allowNotApplicable = yesNo('allowNotApplicable', 'scale.notApplicable.allowed', 'Allow not applicable');
	const scale = readScale(text('scale'), (message) => report('scale', 'scale', message));
	if (scale && allowNotApplicable !== undefined) scale.notApplicable = { ...scale.notApplicable, allowed: allowNotApplicable };
	const kind = text('kind');
	const signOff = text('signOff');
	if (!signOff) report('signOff', 'signOff', `Sign-off is required: list one or more of ${SIGNATORY_CAPACITIES.join(', ')}`);
	return defined({
		id: text('id'),
		version: whole('version', 'version', 'Version'),
		title: text('title'),
		kind: kind?.toLowerCase().replace(/[\s_]+/g, '-'),
		description: text('description'),
		scale,
		narrative: defined({
			required: yesNo('narrativeRequired', 'narrative.required', 'Narrative required'),
			minLength: whole('narrativeMinLength', 'narrative.minLength', 'Narrative minimum length'),
			prompt: text('narrativePrompt')
		}),
		signOff: { capacities: (signOff ?? '').split(/[,;\n]/).map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_')).filter(Boolean) },
		quality: defined({
			strongGradeNarrativeBelow: whole('strongGradeNarrativeBelow', 'quality.strongGradeNarrativeBelow', 'Strong grade narrative below'),
			strongGradeNeedsEvidence: yesNo('strongGradeNeedsEvidence', 'quality.strongGradeNeedsEvidence', 'Strong grade needs evidence')
		})
	});
}

/** A preset by name, or a scale spelled out as JSON; undefined after reporting anything else. */
function readScale(value: string | undefined, report: (message: string) => void): (Record<string, unknown> & { notApplicable?: object }) | undefined {
	const presets = Object.keys(SCALE_PRESETS).join(', ');
	if (!value) {
		report(`Scale is required: use one of ${presets}`);
		return undefined;
	}
	const name = value.toLowerCase().replace(/[\s_]+/g, '-');
	if (isScalePreset(name)) return structuredClone(SCALE_PRESETS[name]);
	if (value.startsWith('{')) {
		try {
			const scale: unknown = JSON.parse(value);
			if (scale && typeof scale === 'object' && !Array.isArray(scale)) return scale as Record<string, unknown>;
		} catch {
			// Reported below, with the same advice as any other unreadable scale.
		}
	}
	report(`Scale "${value}" is not one this portal knows: use one of ${presets}`);
	return undefined;
}

interface StandardRows {
	data: Record<string, unknown>[];
	/** For each standard, its first row and the row of each requirement: how schema paths map back to the sheet. */
	rows: { first: number; requirements: number[] }[];
}

function readStandards(sheet: ExcelJS.Worksheet, problems: Located[]): StandardRows | null {
	const rows = rowsOf(sheet);
	const header = rows.find((r) => cellTexts(r).some(Boolean));
	if (!header) {
		problems.push({ sheet: 1, message: 'The Requirements sheet is empty: it needs a header row and one row per requirement' });
		return null;
	}
	const columns = new Map<Column, number>();
	cellTexts(header).forEach((heading, i) => {
		const column = lookup(COLUMNS, COLUMN_ALIASES, heading);
		if (column && !columns.has(column)) columns.set(column, i + 1);
	});
	const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
	for (const c of missing) problems.push({ sheet: 1, message: `The Requirements sheet has no "${COLUMNS[c]}" column in its header row` });
	if (missing.length > 0) return null;

	interface Group {
		code: string;
		title: string;
		titleRow: number;
		description: string;
		requirements: Record<string, unknown>[];
		rows: number[];
	}
	const groups = new Map<string, Group>();
	const body = rows.filter((r) => r.number > header.number);
	if (body.length > MAX_ROWS) {
		problems.push({ sheet: 1, message: `The Requirements sheet has more than ${MAX_ROWS} rows: a template has at most 400 requirements` });
	}
	let current: string | undefined;
	for (const row of body.slice(0, MAX_ROWS)) {
		const cell = (c: Column) => {
			const index = columns.get(c);
			return index ? cellText(row.getCell(index)) : '';
		};
		if ((Object.keys(COLUMNS) as Column[]).every((c) => !cell(c))) continue;
		current = cell('standardCode') || current;
		if (!current) {
			problems.push({ sheet: 1, row: row.number, message: 'Standard code is required' });
			continue;
		}
		let group = groups.get(current);
		if (!group) {
			group = { code: current, title: '', titleRow: row.number, description: cell('standardDescription'), requirements: [], rows: [] };
			groups.set(current, group);
		}
		const title = cell('standardTitle');
		if (title && group.title && title !== group.title) {
			problems.push({ sheet: 1, row: row.number, message: `Standard ${current} is titled "${group.title}" in row ${group.titleRow}: use the same title, or a new standard code` });
		}
		if (title && !group.title) Object.assign(group, { title, titleRow: row.number });
		const allow = readYesNo(cell('allowNotApplicable'));
		if (allow === 'invalid') problems.push({ sheet: 1, row: row.number, message: 'Allow n/a must be yes, no or blank' });
		group.requirements.push(
			defined({
				code: cell('requirementCode') || undefined,
				text: cell('requirementText') || undefined,
				guidance: cell('guidance') || undefined,
				evidence: splitEvidence(cell('evidence')),
				allowNotApplicable: allow === 'invalid' ? undefined : allow
			})
		);
		group.rows.push(row.number);
	}
	const all = [...groups.values()];
	return {
		data: all.map((g) => defined({ code: g.code, title: g.title || undefined, description: g.description || undefined, requirements: g.requirements })),
		rows: all.map((g) => ({ first: g.rows[0], requirements: g.rows }))
	};
}

/** Items one per line; a single-line cell may separate them with semicolons. Pasted bullets are dropped. */
function splitEvidence(cell: string): string[] {
	const items = cell.includes('\n') ? cell.split(/\r?\n/) : cell.split(';');
	return items.map((i) => i.trim().replace(/^[•·*–-]\s+/, '')).filter(Boolean);
}

function readYesNo(value: string | undefined): boolean | undefined | 'invalid' {
	if (!value) return undefined;
	const v = value.trim().toLowerCase();
	if (['yes', 'y', 'true'].includes(v)) return true;
	if (['no', 'n', 'false'].includes(v)) return false;
	return 'invalid';
}

/** Maps a schema path (standards.2.requirements.4.text) back to the row the value came from. */
function locate(problem: TemplateProblem, settings: Settings, rows: StandardRows['rows']): Located {
	const path = problem.where.split('.');
	if (path[0] === 'standards') {
		const standard = rows[Number(path[1])];
		if (!standard) return { sheet: 1, message: problem.message };
		const requirement = path[2] === 'requirements' ? standard.requirements[Number(path[3])] : undefined;
		return { sheet: 1, row: requirement ?? standard.first, message: problem.message };
	}
	const setting = settingFor(path);
	return { sheet: 0, row: setting ? settings.get(setting)?.row : undefined, message: problem.message };
}

function settingFor([field, child]: string[]): Setting | undefined {
	if (field === 'narrative') return child === 'required' ? 'narrativeRequired' : child === 'prompt' ? 'narrativePrompt' : 'narrativeMinLength';
	if (field === 'quality') return child === 'strongGradeNeedsEvidence' ? 'strongGradeNeedsEvidence' : 'strongGradeNarrativeBelow';
	return (['id', 'version', 'title', 'kind', 'description', 'scale', 'signOff'] as const).find((s) => s === field);
}

function format(p: Located): TemplateProblem {
	const sheet = p.sheet === 0 ? 'Template sheet' : 'Requirements';
	return { where: p.row ? `${sheet} row ${p.row}` : p.sheet === 0 ? sheet : 'Requirements sheet', message: p.message };
}

function sorted(problems: Located[]): TemplateProblem[] {
	return [...problems]
		.sort((a, b) => a.sheet - b.sheet || (a.row ?? 0) - (b.row ?? 0))
		.slice(0, MAX_PROBLEMS)
		.map(format);
}

/** Drops undefined fields, so the schema's defaults apply and nothing reads as "present but empty". */
function defined<T extends Record<string, unknown>>(fields: T): T {
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/** A workbook in the format above, which reads back as the same template. */
export async function writeTemplateWorkbook(template: Template): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const yesNo = (b: boolean) => (b ? 'yes' : 'no');
	const settings: Record<Setting, string | number> = {
		id: template.id,
		version: template.version,
		title: template.title,
		kind: template.kind,
		description: template.description ?? '',
		scale: presetName(template.scale) ?? JSON.stringify(template.scale),
		narrativeRequired: yesNo(template.narrative.required),
		narrativeMinLength: template.narrative.minLength,
		narrativePrompt: template.narrative.prompt ?? '',
		signOff: template.signOff.capacities.join(', '),
		allowNotApplicable: yesNo(template.scale.notApplicable.allowed),
		strongGradeNarrativeBelow: template.quality.strongGradeNarrativeBelow,
		strongGradeNeedsEvidence: yesNo(template.quality.strongGradeNeedsEvidence)
	};
	const sheet = addSheet(workbook, 'Template', [['Key', 30], ['Value', 100]]);
	for (const key of Object.keys(SETTINGS) as Setting[]) sheet.addRow([SETTINGS[key], settings[key]]);

	const widths: Record<Column, number> = { standardCode: 10, standardTitle: 30, standardDescription: 40, requirementCode: 12, requirementText: 60, guidance: 60, evidence: 50, allowNotApplicable: 10 };
	const requirements = addSheet(workbook, 'Requirements', (Object.keys(COLUMNS) as Column[]).map((c) => [COLUMNS[c], widths[c]]));
	for (const standard of template.standards) {
		standard.requirements.forEach((r, i) => {
			const allow = r.allowNotApplicable === undefined ? '' : yesNo(r.allowNotApplicable);
			const description = i === 0 ? (standard.description ?? '') : '';
			requirements.addRow([standard.code, standard.title, description, r.code, r.text, r.guidance ?? '', r.evidence.join('\n'), allow]);
		});
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: [string, number][]): ExcelJS.Worksheet {
	const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = columns.map(([header, width]) => ({ header, width, style: { alignment: { wrapText: true, vertical: 'top' } } }));
	sheet.getRow(1).font = { bold: true };
	return sheet;
}

/** The preset a scale is, apart from its N/A rule, which the workbook carries separately. */
function presetName(scale: Scale): string | undefined {
	const canonical = (s: Scale) => JSON.stringify(sortKeys({ ...s, notApplicable: { ...s.notApplicable, allowed: false } }));
	const target = canonical(scale);
	return Object.keys(SCALE_PRESETS).find((name) => isScalePreset(name) && canonical(scaleSchema.parse(SCALE_PRESETS[name])) === target);
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
}
