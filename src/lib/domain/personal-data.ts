// Safeguarding returns are read by boards and moderators, so a narrative must
// never hold a child's personal data. These checks warn the author while they
// write; they run in the browser as well as on the server, so no I/O here.
// Precision matters more than recall: a warning on every meeting date would
// teach authors to ignore the warnings.

export const PERSONAL_DATA_KINDS = ['nhs-number', 'date-of-birth', 'email', 'phone', 'postcode', 'upn'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataWarning {
	kind: PersonalDataKind;
	/** The matched text with its digits masked, so the warning does not repeat the identifier. */
	excerpt: string;
	message: string;
}

export const MAX_WARNINGS = 10;

const IDENTIFIES = 'Do not include information that identifies a child.';
const CONTACT = 'Do not include contact details that could identify a child or family.';

const MESSAGES: Record<PersonalDataKind, string> = {
	'nhs-number': `This looks like an NHS number. ${IDENTIFIES}`,
	'date-of-birth': `This looks like a date of birth. ${IDENTIFIES}`,
	email: `This looks like an email address. ${CONTACT}`,
	phone: `This looks like a phone number. ${CONTACT}`,
	postcode: `This looks like a full postcode. ${CONTACT}`,
	upn: `This looks like a Unique Pupil Number. ${IDENTIFIES}`
};

interface Match {
	kind: PersonalDataKind;
	start: number;
	end: number;
	text: string;
}

/** The NHS modulus 11 check digit for the first nine digits, or null when none is possible (remainder 10). */
export function nhsCheckDigit(firstNine: string): number | null {
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
	const check = 11 - (sum % 11);
	if (check === 10) return null;
	return check === 11 ? 0 : check;
}

export function isValidNhsNumber(digits: string): boolean {
	return /^\d{10}$/.test(digits) && nhsCheckDigit(digits) === Number(digits[9]);
}

const NHS = /(?<!\d)\d{3}([ -]?)\d{3}\1\d{4}(?!\d)/g;
// A Unique Pupil Number: a check letter then twelve digits.
const UPN = /(?<![A-Za-z0-9])[A-Za-z]\d{12}(?![A-Za-z0-9])/g;
// Starting only where a local part can start keeps a long run of letters from being rescanned at every position.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Digit groups separated by single spaces or hyphens; the digit count is checked afterwards.
const PHONE = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)\d{2,5}\)?(?:[ -]?\d{2,6}){1,3}(?!\d)/g;
// Capitals only: in lower case, "ks2 1st" and the like read as postcodes.
const POSTCODE =
	/(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/g;

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const DATES = [
	new RegExp(`(?<![\\d/.-])${DAY}([/.-])(?:0?[1-9]|1[0-2])\\1(?:\\d{4}|\\d{2})(?![\\d/.-]*\\d)`, 'g'),
	new RegExp(`(?<![\\w])${DAY}(?:st|nd|rd|th)?\\s+(?:${MONTH})\\.?,?\\s+\\d{4}(?!\\d)`, 'gi'),
	new RegExp(`(?<![\\w])(?:${MONTH})\\.?\\s+${DAY}(?:st|nd|rd|th)?,?\\s+\\d{4}(?!\\d)`, 'gi')
];
const BIRTH_WORDS = /\b(?:d\.?o\.?b\.?|born|date of birth|birth ?date|birthday)(?![a-z])/gi;
const NAME_WORD = /(?:O'|Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?/g;
/** Distance in characters between a date and a name or a word about birth for the date to count as a date of birth. */
const NEAR = 40;

// Capitalised words that start sentences or name roles, bodies, places and
// documents in safeguarding writing: a pair of these is not a person's name.
const NOT_NAMES = new Set(
	(
		'a an the this that these those there their they them then we our us it its he she his her him you your i if in on at as ' +
		'to of for from by with within without after before during following since until when where while which who what how why ' +
		'all any each every some no not and or but also both last next first second third new annual quarterly monthly weekly ' +
		'board partnership partnerships safeguarding children child childrens young people person adults adult family families ' +
		'lead leads designated deputy named officer officers team teams panel group groups committee committees forum meeting ' +
		'review reviews report reports audit audits policy policies procedure procedures plan plans strategy strategic section act ' +
		'working together keeping safe education health social care services service local authority authorities council county ' +
		'city borough district police constabulary force trust trusts foundation hospital hospitals nhs integrated commissioning ' +
		'probation youth justice school schools academy academies college colleges primary secondary infant junior nursery ' +
		'governor governors governing body head headteacher teacher teachers principal executive director directors manager ' +
		'managers chair chairs independent chief assistant senior practice practitioner practitioners nurse nurses doctor ' +
		'early help protection conference conferences child-protection multi-agency inter-agency threshold thresholds ' +
		'training induction recruitment supervision staff volunteers member members partner partners agency agencies ' +
		'north south east west northern southern eastern western midlands greater central united kingdom england english ' +
		'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september ' +
		'october november december term spring summer autumn winter year years day days week weeks month months ' +
		'office department ministry government home standards standard requirement requirements evidence action actions ' +
		'learning lessons serious case incident notification rapid framework statement guidance ofsted inspection inspectorate ' +
		'prevent duty channel support worker workers assessment assessments hub referral referrals contact contacts unit centre ' +
		'clinic ward court programme project network nursing midwifery midwife visitor mental wellbeing emotional sexual ' +
		'criminal exploitation abuse neglect violence domestic online missing pupil pupils student students parent parents ' +
		'carer carers foster fostering adoption residential disability disabilities special needs educational inclusion ' +
		'attendance exclusion safety room site level levels quality assurance improvement development performance data ' +
		'summary findings outcome outcomes priority priorities risk risks register log minutes agenda terms reference role ' +
		'roles system regional national area version draft final update updated appendix table figure page part ' +
		// Titles mark adults: a staff member named beside the date they signed is not a child's date of birth.
		'mr mrs ms miss mx dr prof professor cllr councillor sir dame rev'
	).split(' ')
);

function collect(text: string, pattern: RegExp, kind: PersonalDataKind, accept: (m: string) => boolean = () => true): Match[] {
	const found: Match[] = [];
	for (const m of text.matchAll(pattern)) {
		if (accept(m[0])) found.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
	}
	return found;
}

function isUkPhone(candidate: string): boolean {
	const digits = candidate.replace(/^\+44[ -]?(?:\(0\))?/, '0').replace(/\D/g, '');
	if (/^07\d{9}$/.test(digits)) return true;
	return /^0[12]\d{8,9}$/.test(digits);
}

/** Spans of capitalised word pairs that read like a person's name: "Jayden Smith", "Mr Khan". */
function findNames(text: string): { start: number; end: number }[] {
	const words = [...text.matchAll(NAME_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));
	const names: { start: number; end: number }[] = [];
	for (let i = 1; i < words.length; i++) {
		const [a, b] = [words[i - 1], words[i]];
		const between = text.slice(a.end, b.start);
		if (!/^[ \t]{1,2}$/.test(between)) continue;
		if (isWordStart(text, a.start) && !NOT_NAMES.has(a.word.toLowerCase()) && !NOT_NAMES.has(b.word.toLowerCase())) {
			names.push({ start: a.start, end: b.end });
		}
	}
	return names;
}

function isWordStart(text: string, index: number): boolean {
	return index === 0 || !/[\w'-]/.test(text[index - 1]);
}

function findDatesOfBirth(text: string): Match[] {
	const dates = DATES.flatMap((pattern) => collect(text, pattern, 'date-of-birth'));
	if (dates.length === 0) return [];
	const cues = [...findNames(text), ...collect(text, BIRTH_WORDS, 'date-of-birth')];
	return dates.filter((d) => cues.some((c) => c.start - d.end <= NEAR && d.start - c.end <= NEAR));
}

/** Masks every digit but the last two, and an email's local part after its first character. */
export function maskExcerpt(kind: PersonalDataKind, matched: string): string {
	const digitCount = (matched.match(/\d/g) ?? []).length;
	let seen = 0;
	const masked = matched.replace(/\d/g, (d) => (++seen > digitCount - 2 ? d : '*'));
	if (kind !== 'email') return masked;
	const at = masked.indexOf('@');
	return masked.slice(0, 1) + masked.slice(1, at).replace(/[^.]/g, '*') + masked.slice(at);
}

function overlaps(a: Match, b: Match): boolean {
	return a.start < b.end && b.start < a.end;
}

/**
 * Warnings for text that looks like a child's personal data, in the order it
 * appears, each identifier once, at most ten. An empty list means nothing was found.
 */
export function findPersonalData(text: string): PersonalDataWarning[] {
	// Earlier kinds win a span: a valid NHS number that could also be read as a phone number is reported once.
	const candidates = [
		...collect(text, NHS, 'nhs-number', (m) => isValidNhsNumber(m.replace(/\D/g, ''))),
		...collect(text, UPN, 'upn'),
		...collect(text, EMAIL, 'email'),
		...findDatesOfBirth(text),
		...collect(text, PHONE, 'phone', isUkPhone),
		...collect(text, POSTCODE, 'postcode')
	];
	const kept: Match[] = [];
	for (const c of candidates) if (!kept.some((k) => overlaps(k, c))) kept.push(c);
	kept.sort((a, b) => a.start - b.start);

	const seen = new Set<string>();
	const warnings: PersonalDataWarning[] = [];
	for (const m of kept) {
		const key = `${m.kind}:${m.text.replace(/[\s-]/g, '').toLowerCase()}`;
		if (seen.has(key)) continue;
		seen.add(key);
		warnings.push({ kind: m.kind, excerpt: maskExcerpt(m.kind, m.text), message: MESSAGES[m.kind] });
		if (warnings.length === MAX_WARNINGS) break;
	}
	return warnings;
}
