// The personal-data check of a document's text: the narratives' checks
// (domain/personal-data.ts) run over each page or line of a text-bearing file.
import type { PersonalDataKind } from '../../domain/personal-data';

export interface DocumentFinding {
	/** Where it is, as a person would look for it: "page 3", "line 12", "paragraph 4". */
	where: string;
	kind: PersonalDataKind;
	/** The matched text with its digits masked. */
	excerpt: string;
	message: string;
}

export type TextCheck =
	| { status: 'checked'; findings: DocumentFinding[] }
	| { status: 'not_text' | 'too_large' | 'unreadable' };
