// A feedback letter as a tagged PDF (see ../pdf/tagged-pdf.ts), streamed.
import type { Readable } from 'node:stream';
import { taggedPdf, type TaggedPdf } from '../pdf/tagged-pdf';
import { signatureLines, type LetterBlock } from '../../domain/letters';
import { DRAFT_MARK, type LetterContent } from './content';

function blocks(pdf: TaggedPdf, list: LetterBlock[]) {
	for (const b of list) {
		if (b.kind === 'heading') pdf.heading(b.level, b.text);
		else if (b.kind === 'list') pdf.list(b.items);
		else pdf.paragraph(b.text);
	}
}

export function letterPdf(letter: LetterContent): Readable {
	const pdf = taggedPdf({
		title: letter.title,
		author: letter.partnershipName,
		header: letter.draft ? `${DRAFT_MARK} · ${letter.partnershipName}` : letter.partnershipName
	});
	if (letter.logo) pdf.image(letter.logo.bytes, `${letter.partnershipName} logo`);
	pdf.heading(1, `Feedback letter: ${letter.organisationName}`);
	pdf.paragraph(`${letter.partnershipName}\n${letter.cycleTitle}`);
	if (letter.draft) pdf.paragraph(`${DRAFT_MARK}. The partnership has not issued this letter yet.`);
	blocks(pdf, letter.opening);
	pdf.table(letter.table);
	blocks(pdf, letter.sections);
	pdf.paragraph(signatureLines(letter.signature).join('\n'));
	return pdf.end();
}
