// The school register import page's preview: counts of what applying would do
// and a sample of each, as the page shows them.
import type { Queryable } from './db';
import type { SampleRow } from '../domain/school-register';
import { PHASE_LABELS, PHASE_UNKNOWN_LABEL } from '../domain/organisations';
import { planImport, type PlanKind } from './register-apply';
import { importRows, type RegisterImport } from './register-imports';

export const SAMPLE_SIZE = 10;

export interface PreviewView {
	counts: Record<PlanKind, number>;
	samples: Record<PlanKind, SampleRow[]>;
}

export async function previewView(db: Queryable, i: RegisterImport): Promise<PreviewView> {
	const plan = await planImport(db, i.partnershipId, await importRows(db, i.id));
	const kinds: PlanKind[] = ['new', 'changed', 'closed', 'request', 'unchanged'];
	const counts = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<PlanKind, number>;
	const samples = Object.fromEntries(kinds.map((k) => [k, [] as SampleRow[]])) as Record<PlanKind, SampleRow[]>;
	for (const p of plan) {
		counts[p.kind]++;
		if (samples[p.kind].length >= SAMPLE_SIZE) continue;
		samples[p.kind].push({
			line: p.row.line,
			urn: p.row.urn,
			// A closed school is shown by the name the portal knows it by.
			name: p.kind === 'closed' && p.organisation ? p.organisation.name : p.row.name,
			phase: p.row.phase ? PHASE_LABELS[p.row.phase] : PHASE_UNKNOWN_LABEL,
			laName: p.row.laName || p.row.laCode || '',
			changes: p.changes
		});
	}
	return { counts, samples };
}
