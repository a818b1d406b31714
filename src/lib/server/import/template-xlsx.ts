// Reading a template workbook (the format is described in template-workbook.ts).
// Never throws: every problem names its sheet and row.
import ExcelJS from 'exceljs';
import { SIGNATORY_CAPACITIES } from '../../domain/roles';
import { SCALE_PRESETS, isScalePreset } from '../../domain/scales';
import { scaleSchema, type Scale, type Template } from '../../domain/template';
import { validateTemplate, type TemplateParse, type TemplateProblem } from '../template-files';
import { measureUnpacked } from './unpacked-size';
import { cellText, cellTexts, rowsOf } from './xlsx-cells';
import {
	COLUMN_ALIASES,
	COLUMNS,
	REQUIRED_COLUMNS,
	SETTING_ALIASES,
	SETTINGS,
	lookup,
	normalise,
	type Column,
	type Located,
	type Setting
} from './template-workbook';

export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
/** A 2,000-requirement template unpacks to a few megabytes; anything far larger is refused unread. */
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 2000;
const MAX_PROBLEMS = 200;
const NOT_A_WORKBOOK = 'The file is not an Excel workbook (.xlsx). Save it from Excel as "Excel Workbook (.xlsx)" and try again';

/** Reads and validates a template workbook. Never throws: bad input comes back as problems naming sheet and row. */
export async function readTemplateWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<TemplateParse> {
	if (bytes.byteLength > MAX_WORKBOOK_BYTES) return fail('The file is larger than 5 MB: a template workbook is much smaller than that');
	const data = new Uint8Array(bytes);
	const unpacked = measureUnpacked(data, MAX_UNPACKED_BYTES);
	if (unpacked === 'too_large') return fail('The file unpacks to more than 20 MB: a template workbook is much smaller than that. Save only the Template and Requirements sheets in a new workbook');
	if (unpacked === 'unreadable') return fail(NOT_A_WORKBOOK);
	const workbook = new ExcelJS.Workbook();
	try {
		// A fresh ArrayBuffer, not a Node Buffer's `.buffer`, which may be a shared pool holding other data.
		await workbook.xlsx.load(data.slice().buffer);
	} catch {
		return fail(NOT_A_WORKBOOK);
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
			strongGradeNeedsEvidence: yesNo('strongGradeNeedsEvidence', 'quality.strongGradeNeedsEvidence', 'Strong grade needs evidence'),
			evidenceRequiredFor: text('evidenceRequiredFor')
				?.split(/[,;\n]/)
				.map((v) => v.trim().toLowerCase())
				.filter(Boolean)
		}),
		moderation: defined({ perRequirement: yesNo('moderatePerRequirement', 'moderation.perRequirement', 'Moderate each requirement') })
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
	if (field === 'moderation') return 'moderatePerRequirement';
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
