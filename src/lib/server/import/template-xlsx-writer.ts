// Writing a template as a workbook in the import format (template-workbook.ts),
// so it can be edited in Excel and imported back as the same template.
import ExcelJS from 'exceljs';
import { canonicalJson } from '../../domain/canonical-json';
import { SCALE_PRESETS, isScalePreset } from '../../domain/scales';
import { scaleSchema, type Scale, type Template } from '../../domain/template';
import { COLUMNS, SETTINGS, type Column, type Setting } from './template-workbook';

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
		strongGradeNeedsEvidence: yesNo(template.quality.strongGradeNeedsEvidence),
		evidenceRequiredFor: template.quality.evidenceRequiredFor.join(', '),
		moderatePerRequirement: yesNo(template.moderation.perRequirement)
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
	const canonical = (s: Scale) => canonicalJson({ ...s, notApplicable: { ...s.notApplicable, allowed: false } });
	const target = canonical(scale);
	return Object.keys(SCALE_PRESETS).find((name) => isScalePreset(name) && canonical(scaleSchema.parse(SCALE_PRESETS[name])) === target);
}

