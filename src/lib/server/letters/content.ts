// One letter as every rendering reads it: the wording parsed, the grades
// table from the current data, the signature and the logo.
import { gradeTable, letterTitle, parseLetter, type LetterBlock, type LetterFacts, type Signature } from '../../domain/letters';

export interface Logo {
	bytes: Buffer;
	mediaType: 'image/png' | 'image/jpeg';
}

export interface LetterContent {
	title: string;
	partnershipName: string;
	organisationName: string;
	cycleTitle: string;
	/** The wording up to its first heading (the opening), then the rest: the grades table stands between them. */
	opening: LetterBlock[];
	sections: LetterBlock[];
	table: ReturnType<typeof gradeTable>;
	signature: Signature;
	logo: Logo | null;
	/** A preview of a draft, marked as such on every page. */
	draft: boolean;
}

export function letterContent(facts: LetterFacts, body: string, signature: Signature, logo: Logo | null, draft: boolean): LetterContent {
	const blocks = parseLetter(body);
	const first = blocks.findIndex((b) => b.kind === 'heading');
	const split = first < 0 ? blocks.length : first;
	return {
		title: letterTitle(facts.organisationName, facts.cycleTitle),
		partnershipName: facts.partnershipName,
		organisationName: facts.organisationName,
		cycleTitle: facts.cycleTitle,
		opening: blocks.slice(0, split),
		sections: blocks.slice(split),
		table: gradeTable(facts),
		signature,
		logo,
		draft
	};
}

export const DRAFT_MARK = 'DRAFT: not issued';
