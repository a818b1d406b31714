// Whom the portal suggests inviting to a challenge event, in what order and why.
import { describe, expect, it } from 'vitest';
import { rankSuggestions, reasonLine, suggestionFor, worstGrade, type SuggestionInput } from '../../../src/lib/domain/event-suggestions';
import { scaleSchema } from '../../../src/lib/domain/template';
import { SCALE_PRESETS } from '../../../src/lib/domain/scales';

const scale = scaleSchema.parse(SCALE_PRESETS['four-point']);
const rag = scaleSchema.parse(SCALE_PRESETS.rag);
const now = new Date('2027-03-01T12:00:00Z');
const req = (grade: string, evidence = 1) => ({ grade, evidence });

const org = (name: string, more: Partial<SuggestionInput> = {}): SuggestionInput => ({
	organisationId: name,
	organisationName: name,
	requirements: { '1': [req('2'), req('2')], '2': [req('2')] },
	moderated: { '1': '2', '2': '2' },
	openChallenges: 0,
	overdueChallenges: 0,
	lastChallengedAt: '2026-10-01T10:00:00Z',
	...more
});

describe('the reasons, in words', () => {
	it('names a standard whose moderated grade is weaker than the self grade, with both labels', () => {
		const s = suggestionFor(scale, ['1', '2'], org('A', { moderated: { '1': '3', '2': '2' } }), now);
		expect(s.reasons.map((r) => r.text)).toEqual(['Standard 1: self Good, moderated Requires improvement']);
	});

	it('does not count a moderated grade stronger than the self grade as a gap', () => {
		const s = suggestionFor(scale, ['1', '2'], org('A', { moderated: { '1': '1', '2': '2' } }), now);
		expect(s.reasons).toEqual([]);
		expect(s.score).toBe(0);
	});

	it('says a standard is not met when the self or moderated grade is at the bottom of the scale', () => {
		const s = suggestionFor(scale, ['1', '2'], org('A', { requirements: { '1': [req('2')], '2': [req('4')] }, moderated: { '1': '2', '2': '4' } }), now);
		expect(s.reasons.map((r) => r.text)).toEqual(['Standard 2 not met: self and moderated grade Inadequate']);
		expect(worstGrade(rag)).toBe('red');
	});

	it('counts strong grades that cite no evidence', () => {
		const s = suggestionFor(scale, ['1', '2'], org('A', { requirements: { '1': [req('1', 0), req('2', 0)], '2': [req('3', 0)] } }), now);
		expect(s.reasons.map((r) => r.text)).toContain('Strong grade, thin evidence: 2 requirements graded strong cite no evidence');
	});

	it('counts open and overdue challenges', () => {
		const s = suggestionFor(scale, ['1', '2'], org('A', { openChallenges: 3, overdueChallenges: 1 }), now);
		expect(reasonLine(s)).toBe('3 open challenges, 1 overdue');
	});

	it('says when an organisation has never been challenged, or not for over a year', () => {
		expect(reasonLine(suggestionFor(scale, ['1'], org('A', { lastChallengedAt: null }), now))).toBe('Never at a challenge event of the partnership');
		expect(reasonLine(suggestionFor(scale, ['1'], org('A', { lastChallengedAt: '2025-06-10T09:00:00Z' }), now))).toBe('Not at a challenge event since 10 June 2025');
		expect(suggestionFor(scale, ['1'], org('A'), now).reasons).toEqual([]);
	});

	it('lists standards in their order, 2 before 10', () => {
		const requirements = { '2': [req('2')], '10': [req('2')] };
		const s = suggestionFor(scale, ['10', '2'], org('A', { requirements, moderated: { '2': '3', '10': '3' } }), now);
		expect(s.reasons.map((r) => r.text)).toEqual(['Standard 2: self Good, moderated Requires improvement', 'Standard 10: self Good, moderated Requires improvement']);
	});
});

describe('the order', () => {
	it('ranks larger gaps, standards not met, thin evidence and challenges above an organisation with nothing to question', () => {
		const ranked = rankSuggestions(scale, ['1', '2'], [
			org('Quiet'),
			org('Gap', { moderated: { '1': '4', '2': '2' } }),
			org('Challenged', { openChallenges: 1 }),
			org('Small gap', { moderated: { '1': '3', '2': '2' } })
		], now);
		expect(ranked.map((s) => s.organisationName)).toEqual(['Gap', 'Small gap', 'Challenged', 'Quiet']);
	});

	it('at equal scores puts the one challenged longest ago first, then by name', () => {
		const ranked = rankSuggestions(scale, ['1'], [
			org('B recent', { lastChallengedAt: '2026-12-01T10:00:00Z' }),
			org('A recent', { lastChallengedAt: '2026-12-01T10:00:00Z' }),
			org('Older', { lastChallengedAt: '2026-05-01T10:00:00Z' })
		], now);
		expect(ranked.map((s) => s.organisationName)).toEqual(['Older', 'A recent', 'B recent']);
	});

	it('puts an organisation never challenged above one challenged recently, all else equal', () => {
		const ranked = rankSuggestions(scale, ['1'], [org('Recent'), org('Never', { lastChallengedAt: null })], now);
		expect(ranked.map((s) => s.organisationName)).toEqual(['Never', 'Recent']);
	});
});
