import { describe, expect, it } from 'vitest';
import { ROLE_DESCRIPTIONS, type Role } from '../../../src/lib/domain/roles';

// Words for what is not built yet. When a feature lands, take its word out of
// the lists of the roles that gain it, and say what they now do.
const NOT_BUILT = ['single sign-on'];
/** Built: reminders, sent by the business unit and read by the chair. */
const REMINDERS = ['remind'];
/** Built: cycle dashboards and their board papers, read by the business unit, the chair and the board only. */
const DASHBOARDS = ['dashboard', 'board paper'];
/** Built: feedback letters, which the moderator (who sees only what is assigned) does not read. */
const LETTERS = ['letter'];
/** Built: moderation (assigning it, and moderating), evidence uploads and challenge events. */
const MODERATION = ['moderat', 'assign'];
const EVIDENCE = ['upload', 'evidence'];
/** Built: the heatmap, read by the business unit, the chair and the board only. */
const HEATMAP = ['heatmap'];
/** Built: the cycle's workbook and CSVs (business unit, chair) and the organisation's full export (its lead). */
const EXPORTS = ['export'];

/** What each role's description must not claim: unbuilt features, and what access.ts does not let the role do. */
const MUST_NOT_SAY: Record<Role, string[]> = {
	contributor: [...NOT_BUILT, ...REMINDERS, ...DASHBOARDS, ...HEATMAP, ...MODERATION, ...EXPORTS, 'submits', 'invite'],
	lead: [...NOT_BUILT, ...REMINDERS, ...DASHBOARDS, ...HEATMAP, ...MODERATION],
	signatory: [...NOT_BUILT, ...REMINDERS, ...DASHBOARDS, ...HEATMAP, ...MODERATION, ...EVIDENCE, ...EXPORTS, 'change', 'edit', 'completes'],
	business_unit: [...NOT_BUILT, ...EVIDENCE, 'moderates'],
	chair: [...NOT_BUILT, ...EVIDENCE, 'runs', 'manages', 'invite'],
	moderator: [...NOT_BUILT, ...REMINDERS, ...DASHBOARDS, ...HEATMAP, ...LETTERS, ...EVIDENCE, ...EXPORTS, 'templates', 'organisations', 'audit log', 'assigns', 'complete'],
	board_member: [...NOT_BUILT, ...REMINDERS, ...MODERATION, ...EVIDENCE, ...EXPORTS, 'submission', 'cycle']
};

describe('role descriptions', () => {
	it.each(Object.entries(MUST_NOT_SAY) as [Role, string[]][])('%s promises only what the portal lets it do', (role, words) => {
		const description = ROLE_DESCRIPTIONS[role].toLowerCase();
		expect(words.filter((w) => description.includes(w)), ROLE_DESCRIPTIONS[role]).toEqual([]);
	});
});
