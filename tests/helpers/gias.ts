// GIAS establishment files for tests: the columns the import reads, among
// filler columns as the real file has (about 140), quoted as GIAS quotes them.
import fs from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';

export interface GiasSchool {
	urn: string;
	name: string;
	la?: string;
	laName?: string;
	ukprn?: string;
	status?: string;
	phase?: string;
	type?: string;
	group?: string;
	trust?: string;
	postcode?: string;
	headFirst?: string;
	headLast?: string;
	pupils?: string;
}

export const GIAS_HEADER = [
	'URN', 'LA (code)', 'LA (name)', 'EstabNumber', 'EstablishmentName', 'TypeOfEstablishment (name)', 'EstablishmentTypeGroup (name)',
	'EstablishmentStatus (name)', 'ReasonEstablishmentOpened (name)', 'OpenDate', 'PhaseOfEducation (name)', 'StatutoryLowAge', 'StatutoryHighAge',
	'NumberOfPupils', 'Trusts (name)', 'UKPRN', 'Street', 'Town', 'Postcode', 'HeadTitle (name)', 'HeadFirstName', 'HeadLastName', 'SchoolWebsite', 'TelephoneNum'
];

const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;

/** One data line of the file, every value quoted. */
export function giasLine(s: GiasSchool): string {
	const values = [
		s.urn, s.la ?? '885', s.laName ?? 'Worcestershire', '2001', s.name, s.type ?? 'Community school', s.group ?? 'Local authority maintained schools',
		s.status ?? 'Open', 'Not applicable', '01-09-1990', s.phase ?? 'Primary', '4', '11', s.pupils ?? '210', s.trust ?? '', s.ukprn ?? '',
		'1 School Lane', 'Worcester', s.postcode ?? 'WR1 1AA', 'Mrs', s.headFirst ?? 'Ann', s.headLast ?? 'Head', 'https://school.example', '01905 000000'
	];
	return values.map(quote).join(',');
}

/** A whole file as bytes, in UTF-8 (with the BOM GIAS writes) or Windows-1252. */
export function giasFile(schools: (GiasSchool | string)[], encoding: 'utf-8' | 'windows-1252' = 'utf-8'): Buffer {
	const text = [GIAS_HEADER.map(quote).join(','), ...schools.map((s) => (typeof s === 'string' ? s : giasLine(s)))].join('\r\n') + '\r\n';
	return encoding === 'utf-8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) : iconv.encode(text, 'win1252');
}

/**
 * A national-sized file written as a stream: `rows` schools spread over LAs
 * 800–899, URNs from 500000; `extraColumns` filler columns bring a row to the
 * real file's width (about 140 columns, 1.2 KB a row).
 */
export async function writeLargeGiasFile(path: string, rows: number, extraColumns = 0, school: (n: number) => GiasSchool = largeSchool): Promise<void> {
	const out = fs.createWriteStream(path);
	const extra = Array.from({ length: extraColumns }, (_, i) => `Extra${i}`);
	const filler = extra.map((_, i) => `,${quote(`value ${i}`)}`).join('');
	out.write([...GIAS_HEADER, ...extra].map(quote).join(',') + '\r\n');
	for (let n = 0; n < rows; n++) {
		if (!out.write(giasLine(school(n)) + filler + '\r\n')) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
}

export const largeSchool = (n: number): GiasSchool => ({
	urn: String(500000 + n),
	name: `School number ${n}`,
	la: String(800 + (n % 100)),
	laName: `Authority ${800 + (n % 100)}`,
	status: n % 10 === 9 ? 'Closed' : 'Open',
	phase: n % 3 === 0 ? 'Secondary' : 'Primary',
	pupils: String(100 + (n % 900)),
	ukprn: String(10000000 + n)
});
