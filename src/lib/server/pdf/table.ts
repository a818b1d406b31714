// Tables in a tagged PDF: Table > Caption, TR > TH (column scope) / TD. Rows never split; a row
// that does not fit starts a new page, which repeats the header row as an artifact.
import { layout, type PdfContext } from './layout';

export interface PdfTable {
	caption: string;
	head: string[];
	rows: string[][];
	/** Relative column widths (e.g. [3, 1, 1]); equal columns by default. */
	widths?: number[];
	/** Drawn on pages of its own turned sideways, for a grid too wide for an upright page; what follows starts a new upright page. */
	landscape?: boolean;
}

type Struct = PDFKit.PDFStructureElement;
// pdfkit writes `scope` into the TH's table attributes; its type definitions leave it out.
const COLUMN_HEADER = { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions;

export function drawTable(ctx: PdfContext, parent: Struct, table: PdfTable) {
	const { doc } = ctx;
	// pdfkit's addPage takes every option afresh: the document's own, turned sideways.
	const newPage = () => (table.landscape ? doc.addPage({ ...doc.options, layout: 'landscape' }) : doc.addPage());
	if (table.landscape) newPage();
	const pad = layout.cellPadding;
	const left = doc.page.margins.left;
	const total = doc.page.width - left - doc.page.margins.right;
	const weights = table.widths ?? table.head.map(() => 1);
	const sum = weights.reduce((a, b) => a + b, 0);
	const widths = weights.map((w) => (w / sum) * total);
	const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));

	const rowHeight = (cells: string[], font: 'Body' | 'Bold') => {
		ctx.setFont(font, layout.bodySize - 1);
		return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * pad }))) + 2 * pad;
	};
	const headHeight = rowHeight(table.head, 'Bold');

	const drawCells = (cells: string[], y: number, font: 'Body' | 'Bold') => {
		ctx.setFont(font, layout.bodySize - 1);
		cells.forEach((c, i) => doc.text(c, xs[i] + pad, y + pad, { width: widths[i] - 2 * pad }));
	};
	const rule = (y: number, weight: number) => {
		doc.markContent('Artifact', { type: 'Layout' });
		doc.moveTo(left, y).lineTo(left + total, y).lineWidth(weight).strokeColor('#505a5f').stroke();
		doc.endMarkedContent();
	};
	const tagged = (row: Struct, type: 'TH' | 'TD', text: string, x: number, w: number, y: number) => {
		const options = type === 'TH' ? COLUMN_HEADER : {};
		row.add(doc.struct(type, options, () => doc.text(text, x + pad, y + pad, { width: w - 2 * pad })));
	};
	const taggedRow = (tableStruct: Struct, cells: string[], type: 'TH' | 'TD', height: number) => {
		const y = doc.y;
		ctx.setFont(type === 'TH' ? 'Bold' : 'Body', layout.bodySize - 1);
		const row = doc.struct('TR');
		tableStruct.add(row);
		cells.forEach((c, i) => tagged(row, type, c, xs[i], widths[i], y));
		row.end();
		rule(y + height, type === 'TH' ? 1.2 : 0.5);
		doc.y = y + height;
	};

	const tableStruct = doc.struct('Table');
	parent.add(tableStruct);
	ctx.setFont('Bold', layout.bodySize);
	if (doc.page.maxY() - doc.y < doc.heightOfString(table.caption) + headHeight * 2 + 8) newPage();
	const captionY = doc.y;
	tableStruct.add(
		doc.struct('Caption', {}, () => {
			ctx.setFont('Bold', layout.bodySize);
			doc.text(table.caption, left, captionY, { width: total, paragraphGap: 4 });
		})
	);
	taggedRow(tableStruct, table.head, 'TH', headHeight);
	for (const cells of table.rows) {
		const height = rowHeight(cells, 'Body');
		if (doc.y + height > doc.page.maxY()) {
			newPage();
			// The repeated header is an artifact: a screen reader has already read it once.
			const y = doc.y;
			doc.markContent('Artifact', { type: 'Pagination' });
			drawCells(table.head, y, 'Bold');
			doc.endMarkedContent();
			rule(y + headHeight, 1.2);
			doc.y = y + headHeight;
		}
		taggedRow(tableStruct, cells, 'TD', height);
	}
	tableStruct.end();
	ctx.setFont('Body', layout.bodySize);
	doc.x = left;
	if (table.landscape) doc.addPage();
	else doc.moveDown(0.8);
}
