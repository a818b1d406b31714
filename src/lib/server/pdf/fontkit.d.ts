// The part of fontkit (pdfkit's font parser) the PDF module uses: parsing a font file once.
declare module 'fontkit' {
	export interface Font {
		postscriptName: string;
		layout(text: string): unknown;
	}
	export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
