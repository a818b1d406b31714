// Page geometry and the state the PDF builder's parts share.
export const layout = {
	marginTop: 64,
	marginBottom: 64,
	marginX: 56,
	headerY: 28,
	footerFromBottom: 40,
	bodySize: 11,
	furnitureSize: 8.5,
	listIndent: 20,
	cellPadding: 4
} as const;

export interface PdfContext {
	doc: PDFKit.PDFDocument;
	/** The font in use, restored after page furniture is drawn mid-paragraph. */
	font: { name: 'Body' | 'Bold'; size: number };
	setFont(name: 'Body' | 'Bold', size: number): void;
}
