// The board paper drawn as a tagged PDF (pdfkit, embedded fonts, real headings,
// lists and tables) and as a Word document (docx: headings, bulleted lists,
// tables whose header row repeats), from the same blocks.
import type { Readable } from 'node:stream';
import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ISectionOptions } from 'docx';
import { taggedPdf } from '../pdf/tagged-pdf';
import type { BoardPaper, PaperBlock } from '../../domain/reports/board-paper';

export function boardPaperPdf(paper: BoardPaper): Readable {
	const pdf = taggedPdf({ title: paper.title, author: paper.partnershipName, header: `${paper.partnershipName}: ${paper.title}` });
	pdf.heading(1, paper.title);
	for (const b of paper.blocks) {
		if (b.kind === 'heading') pdf.heading(b.level, b.text);
		else if (b.kind === 'paragraph') pdf.paragraph(b.text);
		else if (b.kind === 'list') pdf.list(b.items);
		else pdf.table({ caption: b.caption, head: b.head, rows: b.rows, widths: b.widths, landscape: b.landscape });
	}
	return pdf.end();
}

const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function docxBlock(b: PaperBlock): (Paragraph | Table)[] {
	if (b.kind === 'heading') return [new Paragraph({ heading: b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: [new TextRun(b.text)] })];
	if (b.kind === 'paragraph') return [new Paragraph({ children: [new TextRun(b.text)], spacing: { after: 160 } })];
	if (b.kind === 'list') return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
	return [
		new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(b.caption)] }),
		new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			rows: [
				new TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((h) => cell(h, true)) }),
				...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) }))
			]
		}),
		new Paragraph({ children: [], spacing: { after: 160 } })
	];
}

/** One section per run of blocks, a wide table in a section of its own turned sideways. */
function docxSections(paper: BoardPaper): ISectionOptions[] {
	const sections: ISectionOptions[] = [];
	let upright: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(paper.title)] })];
	for (const b of paper.blocks) {
		if (b.kind === 'table' && b.landscape) {
			sections.push({ children: upright }, { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children: docxBlock(b) });
			upright = [];
		} else upright.push(...docxBlock(b));
	}
	if (upright.length) sections.push({ children: upright });
	return sections;
}

export async function boardPaperDocx(paper: BoardPaper): Promise<Buffer> {
	const doc = new Document({
		title: paper.title,
		creator: paper.partnershipName,
		description: `${paper.title}, ${paper.partnershipName}`,
		styles: { default: { document: { run: { language: { value: 'en-GB' }, font: 'Arial', size: 22 } } } },
		sections: docxSections(paper)
	});
	return Packer.toBuffer(doc);
}
