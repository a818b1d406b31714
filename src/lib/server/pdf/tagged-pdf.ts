// Tagged, accessible PDF documents (PDF 1.7, PDF/UA identification) built with pdfkit.
//
//   const pdf = taggedPdf({ title: 'Feedback letter', author: 'Northmere Safeguarding Partnership' });
//   pdf.image(logoBytes, 'Northmere Safeguarding Partnership logo')
//      .heading(1, 'Feedback letter').paragraph('Dear …')
//      .list(['First point', 'Second point'])
//      .table({ caption: 'Grades', head: ['Standard', 'Grade'], rows: [['1', 'Good']] });
//   pdf.end().pipe(response);   // a Readable of the PDF bytes
//
// Every piece of content is inside a structure element under one Document element: H1-H3, P,
// L > LI > (Lbl, LBody), Table > Caption, TR > TH (column scope) / TD, Figure with alt text. The
// running header and the page number are artifacts, so a screen reader skips them. A table that
// does not fit breaks between rows and repeats its header row on the next page (as an artifact,
// so the header is read once). The document language and title are set and the title is shown
// in the viewer's title bar. The font is DejaVu Sans, embedded (subset).
import PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';
import { parsedFonts } from './fonts';
import { drawTable, type PdfTable } from './table';
import { layout, type PdfContext } from './layout';

export type { PdfTable } from './table';

export interface PdfMeta {
	title: string;
	author: string;
	/** BCP 47 language of the document; en-GB unless said otherwise. */
	lang?: string;
	/** Text at the top of every page (an artifact), e.g. the partnership's name. */
	header?: string;
}

export interface TaggedPdf {
	heading(level: 1 | 2 | 3, text: string): TaggedPdf;
	paragraph(text: string): TaggedPdf;
	/** A bulleted list. */
	list(items: string[]): TaggedPdf;
	table(table: PdfTable): TaggedPdf;
	/** A PNG or JPEG image (e.g. a logo) with its alternative text. */
	image(data: Buffer, alt: string, box?: { width: number; height: number }): TaggedPdf;
	pageBreak(): TaggedPdf;
	/** Finishes the document; the returned stream yields the PDF's bytes. Call once. */
	end(): Readable;
}

const HEADING_SIZE = { 1: 20, 2: 15, 3: 12.5 } as const;

export function taggedPdf(meta: PdfMeta): TaggedPdf {
	const fonts = parsedFonts();
	const doc = new PDFDocument({
		pdfVersion: '1.7',
		tagged: true,
		// pdfkit supports PDF/UA; its type definitions list only the PDF/A subsets.
		subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
		lang: meta.lang ?? 'en-GB',
		displayTitle: true,
		size: 'A4',
		margins: { top: layout.marginTop, bottom: layout.marginBottom, left: layout.marginX, right: layout.marginX },
		info: { Title: meta.title, Author: meta.author },
		// A parsed font is a source pdfkit takes (see fonts.ts); its type definitions say a file name.
		font: fonts.regular.font as unknown as string,
		autoFirstPage: false
	});
	// pdfkit would open the `font` option afresh on every new page: the fonts registered below are all pages need.
	delete (doc as unknown as { options: { font?: unknown } }).options.font;
	// Registered under their own PostScript names, which is how pdfkit files the fonts it has opened:
	// under any other name it would open (and compare) a fresh copy of the font at every change of font.
	doc.registerFont(fonts.regular.name, fonts.regular.font);
	doc.registerFont(fonts.bold.name, fonts.bold.font);
	const faces = { Body: fonts.regular.name, Bold: fonts.bold.name };
	const ctx: PdfContext = {
		doc,
		font: { name: 'Body', size: layout.bodySize },
		setFont(name, size) {
			ctx.font = { name, size };
			doc.font(faces[name]).fontSize(size);
		}
	};
	let pageNumber = 0;
	doc.on('pageAdded', () => {
		pageNumber += 1;
		pageFurniture(ctx, meta.header ?? meta.title, pageNumber);
	});
	doc.addPage();
	const root = doc.struct('Document');
	doc.addStructure(root);

	const left = () => doc.page.margins.left;
	const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
	const room = () => doc.page.maxY() - doc.y;
	const ensureRoom = (height: number) => {
		if (room() < height) doc.addPage();
	};

	const api: TaggedPdf = {
		heading(level, text) {
			const size = HEADING_SIZE[level];
			// Keep a heading with at least a few lines of what follows it.
			ensureRoom(size * 1.6 + layout.bodySize * 4);
			if (doc.y > doc.page.margins.top) doc.moveDown(level === 1 ? 0.2 : 0.6);
			root.add(
				doc.struct(`H${level}`, {}, () => {
					ctx.setFont('Bold', size);
					doc.text(text, left(), doc.y, { width: width(), paragraphGap: 4 });
				})
			);
			return api;
		},
		paragraph(text) {
			if (!text.trim()) return api;
			root.add(
				doc.struct('P', {}, () => {
					ctx.setFont('Body', layout.bodySize);
					doc.text(text, left(), doc.y, { width: width(), paragraphGap: 6, lineGap: 1.5 });
				})
			);
			return api;
		},
		list(items) {
			const list = doc.struct('L');
			root.add(list);
			ctx.setFont('Body', layout.bodySize);
			for (const text of items) {
				ensureRoom(layout.bodySize * 1.5);
				const y = doc.y;
				const item = doc.struct('LI');
				list.add(item);
				item.add(doc.struct('Lbl', {}, () => doc.text('•', left() + 6, y, { lineBreak: false })));
				item.add(
					doc.struct('LBody', {}, () =>
						doc.text(text, left() + layout.listIndent, y, {
							width: width() - layout.listIndent,
							paragraphGap: 3,
							lineGap: 1.5
						})
					)
				);
				item.end();
			}
			list.end();
			doc.moveDown(0.4);
			return api;
		},
		table(table) {
			drawTable(ctx, root, table);
			return api;
		},
		image(data, alt, box = { width: 180, height: 70 }) {
			ensureRoom(box.height + 8);
			root.add(
				doc.struct('Figure', { alt }, () => {
					doc.x = left();
					// Without x and y, pdfkit moves the text position below the image.
					doc.image(data, { fit: [box.width, box.height] });
				})
			);
			doc.moveDown(0.8);
			return api;
		},
		pageBreak() {
			doc.addPage();
			return api;
		},
		end() {
			root.end();
			doc.end();
			return doc;
		}
	};
	return api;
}

/** The running header and the page number: artifacts, drawn where no marked content is open. */
function pageFurniture(ctx: PdfContext, header: string, pageNumber: number) {
	const { doc } = ctx;
	const { x, y } = doc;
	const font = ctx.font;
	const page = doc.page;
	doc.markContent('Artifact', { type: 'Pagination' });
	ctx.setFont('Body', layout.furnitureSize);
	doc.fillColor('#505a5f');
	doc.text(header, page.margins.left, layout.headerY, { lineBreak: false });
	const label = `Page ${pageNumber}`;
	const labelX = page.width - page.margins.right - doc.widthOfString(label);
	doc.text(label, labelX, page.height - layout.footerFromBottom, { lineBreak: false });
	doc.endMarkedContent();
	doc.fillColor('black');
	ctx.setFont(font.name, font.size);
	doc.x = x;
	doc.y = y;
}
