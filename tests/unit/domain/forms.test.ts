import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/lib/domain/forms';
import { organisationSchema, normalisePostcode } from '../../../src/lib/domain/organisations';
import { organisationInviteSchema } from '../../../src/lib/domain/invitations';

const form = (entries: [string, string][]) => {
	const f = new FormData();
	for (const [k, v] of entries) f.append(k, v);
	return f;
};

describe('parseForm', () => {
	const schema = z.object({ email: z.string().min(1, { error: 'Enter an email address' }), tags: z.array(z.string()) });

	it('returns data, collecting multi-value fields as arrays', () => {
		const result = parseForm(schema, form([['email', 'a@b.c'], ['tags', 'x'], ['tags', 'y']]), { arrays: ['tags'] });
		expect(result).toEqual({ ok: true, data: { email: 'a@b.c', tags: ['x', 'y'] } });
	});

	it('returns one message per field and echoes values, leaving out secrets', () => {
		const result = parseForm(schema, form([['email', ''], ['password', 'secret']]), { arrays: ['tags'], omitFromValues: ['password'] });
		expect(result).toEqual({ ok: false, values: { email: '' }, errors: { email: 'Enter an email address' } });
	});
});

describe('organisation fields', () => {
	const base = { name: 'Oak School', kind: 'school', sector: 'education', urn: '123456' };

	it('normalises identifiers and postcodes', () => {
		const parsed = organisationSchema.parse({ ...base, odsCode: ' rxk ', postcode: 'b11aa' });
		expect(parsed).toMatchObject({ odsCode: 'RXK', postcode: 'B1 1AA' });
	});

	it('needs a URN for a school, and well-formed codes', () => {
		const result = organisationSchema.safeParse({ ...base, urn: '', gssCode: 'X1', postcode: 'NOTAPOSTCODE' });
		expect(result.success).toBe(false);
		const fields = result.error!.issues.map((i) => i.path.join('.'));
		expect(fields).toEqual(expect.arrayContaining(['urn', 'gssCode', 'postcode']));
	});

	it.each([['b1 1aa', 'B1 1AA'], ['SW1A1AA', 'SW1A 1AA'], [' m1  1ae ', 'M1 1AE']])('postcode %s → %s', (input, out) => {
		expect(normalisePostcode(input)).toBe(out);
	});
});

describe('organisation invitations', () => {
	it('asks for a capacity only for signatories, and drops it otherwise', () => {
		expect(organisationInviteSchema.safeParse({ email: 'a@b.org', role: 'signatory' }).success).toBe(false);
		expect(organisationInviteSchema.parse({ email: 'A@B.org', role: 'contributor', capacity: 'governor' })).toMatchObject({
			email: 'a@b.org',
			capacity: null
		});
	});

	it('refuses roles a lead cannot give', () => {
		expect(organisationInviteSchema.safeParse({ email: 'a@b.org', role: 'lead' }).success).toBe(false);
	});
});
