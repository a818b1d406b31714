import { describe, expect, it } from 'vitest';
import { giasCells, giasColumns, headName, missingGiasColumns, parseLaCodes, pupilCount, readRegisterRow, registerChanges, registerStatus, type GiasCells, type KnownSchool, type RegisterRow } from '../../../src/lib/domain/school-register';

const cells = (over: Partial<GiasCells> = {}): GiasCells => ({
	urn: '100001', ukprn: '10012345', name: 'Oak Primary School', laCode: '885', laName: 'Worcestershire', type: 'Academy converter', group: 'Academies',
	status: 'Open', phase: 'Primary', trust: 'Oak Trust', postcode: 'wr1 1aa', headFirstName: 'Ann', headLastName: 'Smith', pupils: '210', ...over
});
const row = (over: Partial<GiasCells> = {}) => {
	const read = readRegisterRow(2, cells(over));
	if (!read.ok || !read.row) throw new Error('expected a row');
	return read.row;
};

describe('reading a row of the school register', () => {
	it('maps GIAS phase names to the portal’s phases, middle schools either way, unknown ones to null', () => {
		expect(row({ phase: 'Middle deemed primary' }).phase).toBe('middle');
		expect(row({ phase: 'Middle deemed secondary' }).phase).toBe('middle');
		expect(row({ phase: '16 plus' }).phase).toBe('16-plus');
		expect(row({ phase: 'Not applicable' }).phase).toBe('not-applicable');
		expect(row({ phase: 'All-through' }).phase).toBe('all-through');
		expect(row({ phase: 'Something new' }).phase).toBeNull();
	});

	it('keeps open schools and those proposed to close, marks closed ones, leaves out those proposed to open', () => {
		expect(registerStatus('Open')).toBe('open');
		expect(registerStatus('Open, but proposed to close')).toBe('open');
		expect(registerStatus('Closed')).toBe('closed');
		expect(registerStatus('Proposed to open')).toBeNull();
		expect(readRegisterRow(2, cells({ status: 'Proposed to open' }))).toEqual({ ok: true, row: null });
		expect(row({ status: 'Closed' }).status).toBe('closed');
	});

	it('reads the number of pupils as a whole number, blank or anything else as not known', () => {
		expect(pupilCount('1,204')).toBe(1204);
		expect(pupilCount('0')).toBe(0);
		expect(pupilCount('')).toBeNull();
		expect(pupilCount('n/a')).toBeNull();
		expect(row({ pupils: '' }).pupils).toBeNull();
	});

	it('makes the head’s name from the first and last names, either of which may be blank', () => {
		expect(row().headName).toBe('Ann Smith');
		expect(headName('', 'Smith')).toBe('Smith');
		expect(headName(' ', ' ')).toBe('');
	});

	it('skips a row with a bad URN or no name, saying why; a bad UKPRN or postcode is left blank', () => {
		expect(readRegisterRow(2, cells({ urn: '12AB' }))).toEqual({ ok: false, reason: 'The URN “12AB” is not 6 or 7 digits' });
		expect(readRegisterRow(2, cells({ urn: '' }))).toEqual({ ok: false, reason: 'The URN is blank' });
		expect(readRegisterRow(2, cells({ name: ' ' }))).toEqual({ ok: false, reason: 'The EstablishmentName is blank' });
		expect(row({ ukprn: '999' }).ukprn).toBeNull();
		expect(row({ postcode: 'nowhere' }).postcode).toBe('');
		expect(row().postcode).toBe('WR1 1AA');
	});

	it('finds the columns by their GIAS names and says which required ones are missing', () => {
		const columns = giasColumns(['URN', 'LA (code)', 'EstablishmentName', 'EstablishmentStatus (name)']);
		expect(missingGiasColumns(columns)).toEqual([]);
		expect(giasCells(['100001', '885', ' Oak ', 'Open'], columns)).toMatchObject({ urn: '100001', laCode: '885', name: 'Oak', status: 'Open', phase: '' });
		expect(missingGiasColumns(giasColumns(['name', 'sector']))).toEqual(['URN', 'EstablishmentName', 'LA (code)', 'EstablishmentStatus (name)']);
	});
});

describe('the local-authority codes a business unit types', () => {
	it('accepts three-digit codes separated by commas or spaces, and refuses anything else', () => {
		expect(parseLaCodes('885, 886 885')).toEqual(['885', '886']);
		expect(parseLaCodes('')).toBeNull();
		expect(parseLaCodes('885, Worcestershire')).toBeNull();
	});
});

describe('what an import changes about a known school', () => {
	const known = (r: RegisterRow, closedAt: Date | null = null): KnownSchool => ({ name: r.name, postcode: r.postcode, register: { ...r, closedAt } });
	it('lists each changed field, nothing when the register says the same, and a closed school opening again', () => {
		const r = row();
		expect(registerChanges(known(r), r)).toEqual([]);
		expect(registerChanges({ ...known(r), name: 'Oak Primary' }, { ...r, headName: 'Bo Jones' })).toEqual(['name', 'head']);
		expect(registerChanges(known(r, new Date()), r)).toEqual(['open again']);
	});
});
