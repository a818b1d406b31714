// An organisation's full export, for its lead: one ZIP of its returns,
// submissions, actions, challenges, issued feedback letters and current
// evidence files, with README.txt saying what each file is. Tables are small
// and written first; stored files are read only when the ZIP reaches them.
import type { RequestEvent } from '@sveltejs/kit';
import { requireUser } from '../access';
import { recordAudit } from '../audit-log';
import { organisationFor } from '../guards';
import { auditContext } from '../request';
import { db, evidenceServices } from '../runtime';
import { issuedLettersOf } from '../letters';
import { challengesForExport, currentEvidence, returnsForExport, submissionsForExport } from '../organisation-export';
import { FILE_HEADERS, webStream } from '../evidence/download';
import { storedFilesZip, type StoredZipFile } from '../evidence/evidence-zip';
import { DEFLATE, safeSegment, unique } from '../evidence/zip-layout';
import { csvBuffer } from './write';
import { actionColumns, answerColumns, answerLines, challengeColumns, evidenceColumns, exportReadme, stepColumns, submittedAnswerColumns, type EvidenceLine } from '../../domain/organisation-export';
import { contentDisposition } from '../../domain/downloads';
import { letterFileName } from '../../domain/letters';
import { exportFileName } from '../../domain/exports';

type Params = Partial<Record<string, string>>;
interface Buffered {
	path: string;
	bytes: Buffer;
	mtime: Date;
}

export async function organisationExportZip(event: RequestEvent<Params>): Promise<Response> {
	const user = requireUser(event.locals, event.url);
	const organisation = await organisationFor(user, event.params.organisationId!, 'organisation:export');
	const [returns, submissions, { challenges, steps }, letters, documents] = await Promise.all([
		returnsForExport(db(), organisation.id),
		submissionsForExport(db(), organisation.id),
		challengesForExport(db(), organisation.id),
		issuedLettersOf(db(), [organisation.id]),
		currentEvidence(db(), organisation.id)
	]);
	const now = new Date();
	const buffers: Buffered[] = [];
	const described: { path: string; holds: string }[] = [];
	const taken = new Set<string>();
	const add = (folder: string, name: string, bytes: Buffer, holds: string) => {
		const path = unique(`${folder}/${safeSegment(name, 120)}`, taken);
		buffers.push({ path, bytes, mtime: now });
		described.push({ path, holds });
	};

	for (const r of returns) {
		const folder = `returns/${safeSegment(`${r.templateTitle} version ${r.templateVersion}`, 80)}`;
		add(folder, 'answers.csv', csvBuffer(answerColumns(r.definition.scale), answerLines(r.definition, r.answers)), `The live return against ${r.templateTitle} (version ${r.templateVersion}) as it stands now: a grade, reason and narrative for every requirement.`);
		add(folder, 'actions.csv', csvBuffer(actionColumns, r.actions), `That return's action plan as it stands now.`);
	}
	for (const s of submissions) {
		const folder = `submissions/${safeSegment(`${s.partnershipName} ${s.cycleTitle}`, 80)}`;
		const base = `version ${s.version}`;
		const meta = { id: s.id, partnership: s.partnershipName, cycle: s.cycleTitle, version: s.version, submittedAt: s.submittedAt.toISOString(), late: s.late };
		add(folder, `${base}.json`, Buffer.from(JSON.stringify({ ...meta, snapshot: s.snapshot }, null, 2), 'utf8'), `Version ${s.version} sent to ${s.partnershipName} for ${s.cycleTitle}: everything it froze (answers, actions, sign-offs, cited evidence), as JSON.`);
		const answers = s.snapshot.standards.flatMap((st) => st.requirements.map((q) => ({ ...q, standardCode: st.code, standardTitle: st.title, evidence: s.snapshot.evidence[q.code]?.length ?? 0 })));
		add(folder, `${base} answers.csv`, csvBuffer(submittedAnswerColumns, answers), `The answers of that version, one row per requirement.`);
		add(folder, `${base} actions.csv`, csvBuffer(actionColumns, s.snapshot.actions), `The action plan sent with that version.`);
	}
	const reference = new Map(challenges.map((c, i) => [c.id, i + 1]));
	add('challenges', 'challenges.csv', csvBuffer(challengeColumns, challenges.map((c) => ({ ...c, reference: reference.get(c.id)! }))), 'Every challenge a partnership has raised with the organisation, numbered in the order raised.');
	add('challenges', 'history.csv', csvBuffer(stepColumns, steps.map((s) => ({ ...s, reference: reference.get(s.challengeId)! }))), 'Each challenge’s history, step by step: raised, answered, the chair’s decisions.');

	const files: StoredZipFile[] = [];
	for (const letter of letters) {
		const name = letterFileName(letter.partnershipName, letter.cycleTitle);
		for (const format of ['pdf', 'docx'] as const) {
			const file = format === 'pdf' ? letter.pdf : letter.docx;
			if (!file) continue;
			const path = unique(`letters/${safeSegment(`${name}.${format}`, 120)}`, taken);
			files.push({ path, key: file.key, size: file.size, compress: format === 'docx', mtime: letter.issuedAt ?? now });
			described.push({ path, holds: `The feedback letter ${letter.partnershipName} issued for ${letter.cycleTitle}, exactly as issued (${format === 'pdf' ? 'PDF' : 'Word'}).` });
		}
	}
	const index: EvidenceLine[] = [];
	for (const d of documents) {
		const path = unique(`evidence/${safeSegment(`${d.title} - ${d.fileName}`, 120)}`, taken);
		files.push({ path, key: d.storageKey, size: d.size, compress: DEFLATE.has(d.mediaType), mtime: d.uploadedAt });
		index.push({ ...d, path });
	}
	add('evidence', 'index.csv', csvBuffer(evidenceColumns, index), 'The evidence library: every document’s details and the path of its current file in this ZIP (the files are in this folder).');

	const readme = { path: 'README.txt', bytes: Buffer.from(exportReadme(organisation.name, now, described), 'utf8'), mtime: now };
	await recordAudit(db(), auditContext(event), {
		action: 'organisation.export',
		organisationId: organisation.id,
		subjectType: 'organisation',
		subjectId: organisation.id,
		detail: { returns: returns.length, submissions: submissions.length, challenges: challenges.length, letters: letters.length, documents: documents.length }
	});
	const out = storedFilesZip(evidenceServices().storage, files, [readme, ...buffers]);
	const name = `${exportFileName(organisation.name, 'portal', 'export')}.zip`;
	return new Response(webStream(out), { headers: { ...FILE_HEADERS, 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(name) } });
}
