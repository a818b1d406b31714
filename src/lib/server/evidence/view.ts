// Evidence as the return's pages show it.
import type { RequirementEvidence } from '../evidence-links';
import type { FileOutcome } from './upload';
import { kindOfMediaType } from './file-types';
import { formatSize } from '../../domain/evidence';
import { plural } from '../../domain/text';

export interface CitedView {
	documentId: string;
	title: string;
	fileName: string;
	type: string;
	size: string;
	revision: number;
	findings: number;
}

export function evidenceView(evidence: RequirementEvidence | undefined): { version: number; documents: CitedView[] } {
	return {
		version: evidence?.version ?? 0,
		documents: (evidence?.documents ?? []).map((d) => ({
			documentId: d.documentId,
			title: d.title,
			fileName: d.fileName,
			type: kindOfMediaType(d.mediaType)?.label ?? d.mediaType,
			size: formatSize(d.size),
			revision: d.revision,
			findings: d.findings
		}))
	};
}

/** What an upload did, in a sentence: how many were added, and which were already in the library. */
export function uploadedMessage(files: FileOutcome[]): string {
	const kept = files.filter((f) => f.ok);
	const reused = kept.filter((f) => f.reused);
	const flagged = kept.filter((f) => f.findings.length);
	const parts = [`${plural(kept.length, 'document')} added`];
	if (reused.length) parts.push(`${plural(reused.length, 'was', 'were')} already in your evidence library and ${reused.length === 1 ? 'is' : 'are'} cited from there`);
	if (flagged.length) parts.push(`${plural(flagged.length, 'document')} may identify children: check ${flagged.length === 1 ? 'it' : 'them'} in the evidence library`);
	return `${parts.join('. ')}.`;
}
