import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPersonalData, isValidNhsNumber, nhsCheckDigit } from '../../../src/lib/domain/personal-data';

/** A valid NHS number from nine digits, or null when those nine have no check digit. */
function withCheckDigit(firstNine: string): string | null {
	const check = nhsCheckDigit(firstNine);
	return check === null ? null : `${firstNine}${check}`;
}

const kinds = (text: string) => findPersonalData(text).map((w) => w.kind);
const nineDigits = fc.stringMatching(/^\d{9}$/);

describe('NHS numbers', () => {
	it('computes the modulus 11 check digit', () => {
		// 943 476 5919 is the NHS's own published example.
		expect(withCheckDigit('943476591')).toBe('9434765919');
		expect(isValidNhsNumber('9434765919')).toBe(true);
		expect(isValidNhsNumber('9434765918')).toBe(false);
		// Remainder 11 gives check digit 0.
		expect(withCheckDigit('000000000')).toBe('0000000000');
	});

	it('finds a valid number written plain, spaced 3-3-4 or hyphenated, and masks all but the last two digits', () => {
		for (const written of ['9434765919', '943 476 5919', '943-476-5919']) {
			const warnings = findPersonalData(`The child's NHS number is ${written}.`);
			expect(warnings).toHaveLength(1);
			expect(warnings[0].kind).toBe('nhs-number');
			expect(warnings[0].message).toBe('This looks like an NHS number. Do not include information that identifies a child.');
			expect(warnings[0].excerpt).toBe(written.replace(/\d(?=.*\d.*\d)/g, '*'));
		}
		expect(findPersonalData('NHS number 943 476 5919')[0].excerpt).toBe('*** *** **19');
	});

	it('does not flag a run of ten digits that fails the check, nor mixed spacing', () => {
		expect(kinds('Reference 9434765918 on the referral')).not.toContain('nhs-number');
		expect(kinds('Reference 943 4765919 on the referral')).not.toContain('nhs-number');
	});

	it('never reads a nine-digit stem with check remainder 10 as valid', () => {
		fc.assert(
			fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), (nine, last) => {
				if (nhsCheckDigit(nine) === null) expect(isValidNhsNumber(`${nine}${last}`)).toBe(false);
			})
		);
	});

	it('finds every valid NHS number, however it is spaced', () => {
		fc.assert(
			fc.property(nineDigits, fc.constantFrom('plain', 'spaced', 'hyphens'), fc.string({ maxLength: 20 }), (nine, style, words) => {
				const number = withCheckDigit(nine);
				fc.pre(number !== null);
				const sep = style === 'spaced' ? ' ' : style === 'hyphens' ? '-' : '';
				const written = `${number.slice(0, 3)}${sep}${number.slice(3, 6)}${sep}${number.slice(6)}`;
				const prefix = words.replace(/[\d\s-]/g, '');
				expect(kinds(`${prefix} NHS no. ${written} today`)).toContain('nhs-number');
			})
		);
	});

	it('does not flag ten digits with a wrong check digit', () => {
		fc.assert(
			fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), (nine, last) => {
				fc.pre(nhsCheckDigit(nine) !== last);
				expect(kinds(`Case reference ${nine}${last} was closed.`)).not.toContain('nhs-number');
			})
		);
	});
});

describe('dates of birth', () => {
	it('flags a date next to a name', () => {
		const warnings = findPersonalData('Jayden Smith 12/03/2015 was discussed at the strategy meeting.');
		expect(warnings).toEqual([
			{
				kind: 'date-of-birth',
				excerpt: '**/**/**15',
				message: 'This looks like a date of birth. Do not include information that identifies a child.'
			}
		]);
		expect(kinds("Referral for Amelia O'Brien, 3 June 2014, from the school nurse.")).toEqual(['date-of-birth']);
	});

	it('flags a date next to DOB, born or date of birth, in several formats', () => {
		expect(kinds('DOB: 04-11-16')).toEqual(['date-of-birth']);
		expect(kinds('the young person was born on 1st February 2009')).toEqual(['date-of-birth']);
		expect(kinds('Date of birth 30.06.2012')).toEqual(['date-of-birth']);
		expect(kinds('d.o.b. 7 Sept 2010')).toEqual(['date-of-birth']);
	});

	it('does not flag a date on its own or beside role and body names', () => {
		expect(kinds('The policy was reviewed on 12/03/2025.')).toEqual([]);
		expect(kinds('The Designated Safeguarding Lead presented the annual report to the Board on 14 March 2025.')).toEqual([]);
		expect(kinds('Working Together to Safeguard Children was updated on 12 December 2023.')).toEqual([]);
		expect(kinds('The Ofsted Inspection on 12/03/2024 found the Family Support Worker service effective.')).toEqual([]);
		// A title marks an adult: a signatory beside the date they signed is not a child's date of birth.
		expect(kinds('Mrs Patel, Headteacher, signed the return on 3 May 2025.')).toEqual([]);
	});

	it('does not flag a date far from a name', () => {
		const filler = ' and the actions from the audit were then agreed by everyone present';
		expect(kinds(`Jayden Smith${filler} on 12/03/2025.`)).toEqual([]);
	});
});

describe('contact details and pupil numbers', () => {
	it('flags an email address, masking its local part', () => {
		const [warning] = findPersonalData('Mum can be reached at jay.smith88@example.com if needed.');
		expect(warning.kind).toBe('email');
		expect(warning.excerpt).toBe('j**.*******@example.com');
	});

	it('flags UK mobile and landline numbers', () => {
		expect(kinds('Call 07700 900123 after school')).toEqual(['phone']);
		expect(kinds('Call 07700900123 after school')).toEqual(['phone']);
		expect(kinds('Call +44 7700 900123 after school')).toEqual(['phone']);
		expect(kinds('Home phone 0121 496 0000')).toEqual(['phone']);
		expect(kinds('Home phone 020 7946 0018')).toEqual(['phone']);
		expect(kinds('Home phone (01632) 960123')).toEqual(['phone']);
		expect(findPersonalData('Call 07700 900123')[0].excerpt).toBe('***** ****23');
	});

	it('does not flag non-geographic numbers or counts', () => {
		expect(kinds('Call the council on 0300 123 4567')).toEqual([]);
		expect(kinds('There were 1200 referrals and 312 contacts')).toEqual([]);
	});

	it('flags full UK postcodes but not outward codes or key stages', () => {
		expect(kinds('The family moved to SY3 8HQ last month')).toEqual(['postcode']);
		expect(kinds('The family moved to B15 2TT last month')).toEqual(['postcode']);
		expect(kinds('The family moved to SW1A 1AA last month')).toEqual(['postcode']);
		expect(kinds('Families across the SY3 area; pupils in KS2 and ks2 1st term')).toEqual([]);
	});

	it('flags a Unique Pupil Number', () => {
		const [warning] = findPersonalData('UPN A123456789012 transferred');
		expect(warning).toMatchObject({ kind: 'upn', excerpt: 'A**********12' });
	});
});

describe('the list of warnings', () => {
	it('reports each identifier once, in the order it appears', () => {
		const text = 'Call 07700 900123. NHS 943 476 5919. Again: 07700 900123 and 9434765919.';
		expect(kinds(text)).toEqual(['phone', 'nhs-number']);
	});

	it('stops at ten warnings', () => {
		const numbers = Array.from({ length: 15 }, (_, i) => `0770090${String(1000 + i)}`);
		expect(findPersonalData(numbers.join(', '))).toHaveLength(10);
	});

	it('finds nothing in a realistic narrative without personal data', () => {
		const narrative = `The Designated Safeguarding Lead (DSL) reports to the Executive Director of Nursing, who is the
board-level lead for safeguarding under Section 11 of the Children Act 2004. The Safeguarding Committee met
on 12/03/2025, 11 June 2025 and 17-09-25 and received the quarterly report; 96% of staff had completed Level 1
training and 87% of eligible staff Level 3, against a target of 90%. In 2024/25 we made 1,243 referrals to
children's social care, 312 to early help and 14 to the LADO. Our Child Protection Policy (version 3.2, reviewed
on 4 April 2025) follows Working Together to Safeguard Children 2023 and the West Midlands Safeguarding
Children Procedures. Case audits in Q3 found 18 of 20 records met the standard; two actions are tracked on the
risk register (risk ref 2024/117). The Named Nurse attended 46 strategy meetings between 1 January and 31 March 2025.
Staff can contact the safeguarding team on the number on the intranet. Section 175 returns from 98 schools were
received by the Local Authority on 30 September 2025.`;
		expect(findPersonalData(narrative)).toEqual([]);
	});

	it('finds nothing in empty text and copes with long text', () => {
		expect(findPersonalData('')).toEqual([]);
		const started = performance.now();
		expect(findPersonalData('1'.repeat(20_000) + ' a'.repeat(20_000) + ' Aa '.repeat(5_000))).toEqual([]);
		expect(performance.now() - started).toBeLessThan(500);
	});
});
