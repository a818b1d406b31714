// What kinds of evidence file the portal accepts, decided from the content.

export interface EvidenceKind {
	/** The type stored and sent back on download, e.g. application/pdf. */
	mediaType: string;
	/** How the type is named to people, e.g. "PDF", "Word document". */
	label: string;
	/** The usual extension, without the dot. */
	extension: string;
	/** Whether the personal-data check can read text from it. */
	text: boolean;
	/** Whether a browser may show it inline (images and PDFs), under the download sandbox. */
	inline: boolean;
}

export type Identified = { ok: true; kind: EvidenceKind } | { ok: false; message: string };

export const ACCEPTED_TYPES = 'PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, text or CSV';
