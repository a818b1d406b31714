// The moderation workspace's rows as a person filters and sorts them: each
// submission's self grade per standard, its flags, and the order asked for.
import { pageParam } from './paging';
import { FLAG_LABELS, gradeGap, hasThinEvidence, MODERATION_STATES, standardSelfGrade, type ModerationFlag, type ModerationState } from './moderation';
import { gradeFor, type Scale } from './template';

export interface WorkspaceInput {
	submissionId: string;
	organisationId: string;
	organisationName: string;
	sector: string;
	version: number;
	submittedAt: string;
	late: boolean;
	state: ModerationState;
	moderatorId: string | null;
	moderatorName: string | null;
	requirements: Record<string, { grade: string | null; evidence: number }[]>;
	moderated: Record<string, string | null>;
	evidenceCount: number;
	personalData: boolean;
}

export interface WorkspaceView extends Omit<WorkspaceInput, 'requirements'> {
	self: Record<string, string | null>;
	/** The largest gap between self and moderated grade, in steps of the scale (positive: moderated is weaker). */
	largestGap: number | null;
	flags: ModerationFlag[];
}

export function workspaceView(scale: Scale, standardCodes: readonly string[], row: WorkspaceInput): WorkspaceView {
	const { requirements, ...rest } = row;
	const self = Object.fromEntries(standardCodes.map((code) => [code, standardSelfGrade(scale, (requirements[code] ?? []).map((r) => r.grade))]));
	const gaps = standardCodes.map((code) => gradeGap(scale, self[code], row.moderated[code] ?? null)).filter((g): g is number => g !== null);
	const flags: ModerationFlag[] = [];
	if (hasThinEvidence(scale, Object.values(requirements).flat())) flags.push('thin_evidence');
	if (row.personalData) flags.push('personal_data');
	if (row.late) flags.push('late');
	if (row.version > 1) flags.push('resubmitted');
	return { ...rest, self, largestGap: gaps.length ? Math.max(...gaps) : null, flags };
}

export const SORTS = ['organisation', 'state', 'sector', 'evidence', 'submitted', 'moderator', 'gap'] as const;
export type WorkspaceSort = (typeof SORTS)[number] | `standard:${string}`;

export interface WorkspaceQuery {
	state: ModerationState | null;
	sector: string | null;
	/** A moderator's id, or 'none' for unassigned. */
	moderator: string | null;
	flag: ModerationFlag | null;
	sort: WorkspaceSort;
	descending: boolean;
	/** Which page of PAGE_SIZE rows (paging.ts). */
	page: number;
}

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : null);

/** The query string as the page reads it; anything unknown is ignored rather than refused. */
export function readWorkspaceQuery(params: URLSearchParams, standardCodes: readonly string[]): WorkspaceQuery {
	const sort = params.get('sort') ?? 'organisation';
	const standardSort = sort.startsWith('standard:') && standardCodes.includes(sort.slice(9));
	const moderator = params.get('moderator');
	return {
		state: oneOf(MODERATION_STATES, params.get('state')),
		sector: params.get('sector') || null,
		moderator: moderator && (moderator === 'none' || /^[0-9a-f-]{36}$/i.test(moderator)) ? moderator : null,
		flag: oneOf(Object.keys(FLAG_LABELS) as ModerationFlag[], params.get('flag')),
		sort: standardSort || (SORTS as readonly string[]).includes(sort) ? (sort as WorkspaceSort) : 'organisation',
		descending: params.get('order') === 'desc',
		page: pageParam(params)
	};
}

export function applyWorkspaceQuery(scale: Scale, rows: readonly WorkspaceView[], q: WorkspaceQuery): WorkspaceView[] {
	const kept = rows.filter(
		(r) =>
			(!q.state || r.state === q.state) &&
			(!q.sector || r.sector === q.sector) &&
			(!q.moderator || (q.moderator === 'none' ? r.moderatorId === null : r.moderatorId === q.moderator)) &&
			(!q.flag || r.flags.includes(q.flag))
	);
	const score = (v: string | null) => {
		const g = gradeFor(scale, v);
		// Best first when ascending, ungraded last.
		return g ? (scale.better === 'higher' ? -g.score : g.score) : Number.POSITIVE_INFINITY;
	};
	const key = (r: WorkspaceView): string | number => {
		if (q.sort.startsWith('standard:')) return score(r.self[q.sort.slice(9)] ?? null);
		switch (q.sort) {
			case 'state':
				return MODERATION_STATES.indexOf(r.state);
			case 'sector':
				return r.sector;
			case 'evidence':
				return r.evidenceCount;
			case 'submitted':
				return r.submittedAt;
			case 'moderator':
				return r.moderatorName ?? '\uffff';
			case 'gap':
				return r.largestGap ?? Number.NEGATIVE_INFINITY;
			default:
				return r.organisationName.toLowerCase();
		}
	};
	const sorted = [...kept].sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const c = ka < kb ? -1 : ka > kb ? 1 : a.organisationName.localeCompare(b.organisationName);
		return q.descending ? -c : c;
	});
	return sorted;
}
