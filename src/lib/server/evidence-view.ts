// A library document and its revisions as its page shows them: plain data,
// dates as ISO strings, types and personal-data findings in words.
import type { EvidenceDocument, EvidenceRevision } from './evidence';
import { describeFinding } from './evidence/document-text';
import { kindOfMediaType } from './evidence/file-types';
import { reviewFlag } from '../domain/evidence';

export const typeLabel = (mediaType: string) => kindOfMediaType(mediaType)?.label ?? mediaType;

export function documentView(d: EvidenceDocument, today: string) {
	const r = d.current;
	return {
		id: d.id,
		title: d.title,
		description: d.description,
		documentDate: d.documentDate,
		reviewBy: d.reviewBy,
		flag: reviewFlag(d.reviewBy, today),
		version: d.version,
		removedAt: d.removedAt?.toISOString() ?? null,
		revision: r.revision,
		type: typeLabel(r.mediaType),
		size: r.size,
		sha256: r.sha256,
		scanned: r.scan === 'clean',
		textCheck: r.textCheck,
		findings: r.findings.map((f) => ({ text: describeFinding(f), excerpt: f.excerpt })),
		uploadedBy: r.uploadedByName,
		uploadedAt: r.uploadedAt.toISOString()
	};
}

export function revisionView(r: EvidenceRevision, documentPath: string) {
	return {
		id: r.id,
		revision: r.revision,
		fileName: r.fileName,
		type: typeLabel(r.mediaType),
		size: r.size,
		uploadedBy: r.uploadedByName,
		uploadedAt: r.uploadedAt.toISOString(),
		purgedAt: r.purgedAt?.toISOString() ?? null,
		findings: r.findings.length,
		href: `${documentPath}/revisions/${r.revision}/file`
	};
}
