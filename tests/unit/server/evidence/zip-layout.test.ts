import { describe, expect, it } from 'vitest';
import { NOT_INCLUDED, safeSegment, zipIndex, zipLayout } from '../../../../src/lib/server/evidence/zip-layout';
import type { EvidenceFile, Snapshot } from '../../../../src/lib/domain/snapshot';

let n = 0;
function file(name: string, mediaType = 'application/pdf', extra: Partial<EvidenceFile> = {}): EvidenceFile {
	n++;
	return { documentId: `doc-${n}`, revisionId: `rev-${n}`, revision: 1, name, fileName: `${name}.pdf`, size: 100 * n, mediaType, sha256: 'a'.repeat(64), ...extra };
}

const requirement = (code: string) => ({ code, text: code, grade: null, gradeLabel: null, naReason: '', narrative: '' });
const standards: Snapshot['standards'] = [
	{ code: '1', title: 'Leadership and Accountability', requirements: [requirement('1.1'), requirement('1.2')] },
	{ code: '2', title: 'Policies and Procedures', requirements: [requirement('2.1')] },
	{ code: '3', title: 'Listening to Children', requirements: [requirement('3.1')] }
];

describe('zipLayout', () => {
	it('puts each requirement’s evidence in its standard’s folder, named after the requirement and the document', () => {
		const policy = file('Safeguarding policy');
		const entries = zipLayout({ standards, evidence: { '1.2': [policy], '2.1': [file('Staff rota', 'text/csv')] } });
		expect(entries.map((e) => [e.path, e.deflate])).toEqual([
			['1 Leadership and Accountability/1.2 Safeguarding policy.pdf', false],
			['2 Policies and Procedures/2.1 Staff rota.csv', true]
		]);
	});

	it('includes the same revision once for each requirement citing it, and once only within one', () => {
		const policy = file('Safeguarding policy');
		const entries = zipLayout({ standards, evidence: { '1.1': [policy, policy], '1.2': [policy], '3.1': [policy] } });
		expect(entries.map((e) => e.path)).toEqual([
			'1 Leadership and Accountability/1.1 Safeguarding policy.pdf',
			'1 Leadership and Accountability/1.2 Safeguarding policy.pdf',
			'3 Listening to Children/3.1 Safeguarding policy.pdf'
		]);
	});

	it('makes names unique within a folder, whatever their case', () => {
		const entries = zipLayout({ standards, evidence: { '1.1': [file('Policy'), file('POLICY'), file('policy')] } });
		expect(entries.map((e) => e.path.split('/')[1])).toEqual(['1.1 Policy.pdf', '1.1 POLICY (2).pdf', '1.1 policy (3).pdf']);
	});

	it('makes hostile titles safe: no folders, traversal, controls, bidi overrides or Windows-reserved names', () => {
		const entries = zipLayout({
			standards: [{ code: '1', title: '../../etc', requirements: [requirement('1.1')] }],
			evidence: { '1.1': [file('../../passwd'), file('a\u202Efdp.exe'), file('x:y*z?'), file('Policy 2024/25')] }
		});
		for (const e of entries) {
			expect(e.path.split('/')).toHaveLength(2);
			expect(e.path).not.toMatch(/\.\.\/|[\u0000-\u001f\u202e:*?]/);
		}
		expect(entries.map((e) => e.path)).toContain('1 ..-..-etc/1.1 Policy 2024-25.pdf');
		expect(safeSegment('CON', 80)).toBe('_CON');
		expect(safeSegment('nul.txt', 80)).toBe('_nul.txt');
		expect(safeSegment('Report. ', 80)).toBe('Report');
	});

	it('caps long names and keeps the extension', () => {
		const [entry] = zipLayout({ standards, evidence: { '1.1': [file('x'.repeat(500))] } });
		const name = entry.path.split('/')[1];
		expect([...name].length).toBeLessThanOrEqual(120);
		expect(name.endsWith('.pdf')).toBe(true);
	});
});

describe('zipIndex', () => {
	it('lists what was cited where, with revision, size, type and SHA-256, and never a formula', () => {
		const policy = file('=HYPERLINK("http://x")', 'application/pdf', { revision: 3, fileName: 'policy, final.pdf' });
		const gone = file('Old rota', 'text/csv');
		const entries = zipLayout({ standards, evidence: { '1.2': [policy], '2.1': [gone] } });
		const csv = zipIndex(entries, new Set([gone.revisionId]));
		const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
		expect(lines[0]).toBe('Standard,Requirement,Document title,File name,Revision,Size (bytes),Type,SHA-256,Path in the ZIP');
		expect(lines[1]).toBe(`1,1.2,"'=HYPERLINK(""http://x"")","policy, final.pdf",3,${policy.size},PDF,${'a'.repeat(64)},1 Leadership and Accountability/1.2 =HYPERLINK(_http_--x_).pdf`);
		expect(lines[2]).toContain(`,CSV file,${'a'.repeat(64)},${NOT_INCLUDED}`);
	});
});
