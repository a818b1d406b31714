// A feedback letter as a Word document: real headings, bulleted lists, a
// grades table whose first row repeats as a header, the logo with alt text,
// British English and the title in the document's properties.
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { signatureLines, type LetterBlock } from '../../domain/letters';
import { fitWithin, imageInfo } from '../../domain/image-size';
import { DRAFT_MARK, type LetterContent } from './content';

const lines = (text: string, bold = false) => text.split('\n').map((line, i) => new TextRun({ text: line, bold, break: i ? 1 : 0 }));

function blocks(list: LetterBlock[]): Paragraph[] {
	return list.flatMap((b) => {
		if (b.kind === 'heading') return [new Paragraph({ heading: b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: lines(b.text) })];
		if (b.kind === 'list') return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: lines(item) }));
		return [new Paragraph({ children: lines(b.text), spacing: { after: 160 } })];
	});
}

function logo(letter: LetterContent): Paragraph[] {
	const info = letter.logo && imageInfo(letter.logo.bytes);
	if (!letter.logo || !info) return [];
	const alt = `${letter.partnershipName} logo`;
	return [
		new Paragraph({
			children: [new ImageRun({ type: info.type, data: letter.logo.bytes, transformation: fitWithin(info, { width: 240, height: 90 }), altText: { name: 'Logo', title: alt, description: alt } })]
		})
	];
}

function table(letter: LetterContent): Table {
	const cell = (text: string, bold: boolean) => new TableCell({ children: [new Paragraph({ children: lines(text, bold) })] });
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({ tableHeader: true, cantSplit: true, children: letter.table.head.map((h) => cell(h, true)) }),
			...letter.table.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) }))
		]
	});
}

export async function letterDocx(letter: LetterContent): Promise<Buffer> {
	const doc = new Document({
		title: letter.title,
		creator: letter.partnershipName,
		description: `Feedback letter from ${letter.partnershipName} to ${letter.organisationName} for ${letter.cycleTitle}`,
		styles: { default: { document: { run: { language: { value: 'en-GB' }, font: 'Arial', size: 22 } } } },
		sections: [
			{
				children: [
					...logo(letter),
					...(letter.draft ? [new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: `${DRAFT_MARK}. The partnership has not issued this letter yet.`, bold: true })] })] : []),
					new Paragraph({ heading: HeadingLevel.HEADING_1, children: lines(`Feedback letter: ${letter.organisationName}`) }),
					new Paragraph({ children: lines(`${letter.partnershipName}\n${letter.cycleTitle}`), spacing: { after: 160 } }),
					...blocks(letter.opening),
					new Paragraph({ heading: HeadingLevel.HEADING_3, children: lines(letter.table.caption) }),
					table(letter),
					...blocks(letter.sections),
					new Paragraph({ children: lines(signatureLines(letter.signature).join('\n')), spacing: { before: 240 } })
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}
