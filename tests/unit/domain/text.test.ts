import { describe, expect, it } from 'vitest';
import { emailAddress, optionalText, plural, pluralNoun, queryText, requiredText, withoutControlCharacters } from '../../../src/lib/domain/text';
import { organisationSchema } from '../../../src/lib/domain/organisations';
import { newPartnershipSchema } from '../../../src/lib/domain/partnerships';
import { cycleSchema } from '../../../src/lib/domain/cycles';
import { readActionForm } from '../../../src/lib/domain/actions';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('typed text', () => {
	it('loses control characters nobody types, keeping tabs and line breaks', () => {
		expect(withoutControlCharacters('a\u0000b\u0007c\u001bd\u007fe')).toBe('abcde');
		expect(withoutControlCharacters('line one\r\nline two\tindented')).toBe('line one\r\nline two\tindented');
	});

	it('loses them in every shared field schema, before the length is checked', () => {
		expect(requiredText('Enter a name').parse(' Jo\u0000 Smith ')).toBe('Jo Smith');
		expect(optionalText().parse('1 High\u0000 Street')).toBe('1 High Street');
		expect(emailAddress.parse('Jo\u0000@Example.org')).toBe('jo@example.org');
		expect(requiredText('Enter a name').safeParse('\u0000').error?.issues[0].message).toBe('Enter a name');
	});

	it('loses them in the action form, whose fields are its own', () => {
		const parsed = readActionForm(form({ description: 'Train\u0000 staff', owner: 'Head of\u0000 safeguarding', status: 'not_started', progress: '' }));
		expect(parsed.ok && [parsed.data.description, parsed.data.owner]).toEqual(['Train staff', 'Head of safeguarding']);
	});

	it('reads a search from the query string without them, trimmed and capped', () => {
		expect(queryText(new URLSearchParams('q=%00%20Oak%00field%20'), 'q')).toBe('Oakfield');
		expect(queryText(new URLSearchParams(`q=${'x'.repeat(150)}`), 'q')).toHaveLength(100);
		expect(queryText(new URLSearchParams(''), 'q')).toBe('');
	});
});

describe('lengths the database checks', () => {
	const organisation = { kind: 'other', sector: 'voluntary' };

	it('an organisation’s name has at least 2 characters, counted as the database counts them', () => {
		expect(organisationSchema.safeParse({ ...organisation, name: 'X' }).error?.issues[0].message).toBe('Organisation name must be 2 characters or more');
		expect(organisationSchema.safeParse({ ...organisation, name: '😀' }).success).toBe(false);
		expect(organisationSchema.safeParse({ ...organisation, name: 'X\u0000' }).success).toBe(false);
		expect(organisationSchema.safeParse({ ...organisation, name: 'XY' }).success).toBe(true);
	});

	it('a partnership’s name has at least 2 characters and a cycle’s title at least 3', () => {
		const partnership = { area: '', contactName: 'Jo Smith', email: 'jo@example.org' };
		expect(newPartnershipSchema.safeParse({ ...partnership, name: 'Z' }).error?.issues[0].message).toBe('Partnership name must be 2 characters or more');
		const cycle = { templateId: '00000000-0000-4000-8000-000000000000', standardCodes: ['1'], organisationIds: [] };
		expect(cycleSchema.safeParse({ ...cycle, title: 'AB' }).error?.issues[0].message).toBe('Title must be 3 characters or more');
		expect(cycleSchema.safeParse({ ...cycle, title: 'ABC' }).success).toBe(true);
	});
});

describe('counts of things', () => {
	it('uses the singular for one and the plural for none and for more', () => {
		expect(plural(1, 'row')).toBe('1 row');
		expect(plural(0, 'row')).toBe('0 rows');
		expect(plural(2, 'problem')).toBe('2 problems');
		expect(plural(1, 'entry', 'entries')).toBe('1 entry');
		expect(plural(3, 'entry', 'entries')).toBe('3 entries');
	});

	it('writes large numbers with thousands separators', () => {
		expect(plural(1200, 'requirement')).toBe('1,200 requirements');
	});

	it('gives the noun alone, for a number shown apart', () => {
		expect(pluralNoun(1, 'agency', 'agencies')).toBe('agency');
		expect(pluralNoun(13, 'agency', 'agencies')).toBe('agencies');
		expect(pluralNoun(0, 'school or college', 'schools and colleges')).toBe('schools and colleges');
	});
});
