// The challenge log's forms, read without I/O: what was typed, and a message
// per field for anything that cannot be right whatever the database holds.
import { readDateInput } from './cycles';
import { challengeText, isChallengeSource, isChallengeStatus, isDecision, type ChallengeSource, type Decision } from './challenges';
import { withoutControlCharacters } from './text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9][A-Za-z0-9.\-]{0,19}$/;

type Errors = Record<string, string>;
type Read<T> = { ok: true; data: T } | { ok: false; errors: Errors };

const str = (form: FormData, key: string) => {
	const v = form.get(key);
	return typeof v === 'string' ? withoutControlCharacters(v).trim() : '';
};

/** An optional id field: '' is none; anything else must look like an id. */
function optionalId(form: FormData, key: string, errors: Errors, message: string): string | null {
	const v = str(form, key);
	if (!v) return null;
	if (!UUID.test(v)) errors[key] = message;
	return v.toLowerCase();
}

function date(form: FormData, key: string, label: string, errors: Errors): string | null {
	const d = readDateInput(str(form, `${key}-day`), str(form, `${key}-month`), str(form, `${key}-year`), label);
	if (d.ok) return d.date;
	errors[key] = d.message;
	return null;
}

function text(form: FormData, key: string, message: string, errors: Errors, required = true): string {
	const raw = typeof form.get(key) === 'string' ? String(form.get(key)) : '';
	if (!required && !raw.trim()) return '';
	const parsed = challengeText(message).safeParse(raw);
	if (parsed.success) return parsed.data;
	errors[key] = parsed.error.issues[0].message;
	return '';
}

export interface RaiseForm {
	organisationId: string;
	cycleId: string | null;
	submissionId: string | null;
	standardCode: string | null;
	requirementCode: string | null;
	source: ChallengeSource;
	text: string;
	dueOn: string;
	actionClosureRequired: boolean;
}

export function readRaiseForm(form: FormData): Read<RaiseForm> {
	const errors: Errors = {};
	const organisationId = optionalId(form, 'organisation', errors, 'Choose the organisation');
	if (!organisationId) errors.organisation ??= 'Choose the organisation';
	const cycleId = optionalId(form, 'cycle', errors, 'Choose one of the partnership’s cycles');
	const submissionId = optionalId(form, 'submission', errors, 'Choose one of the organisation’s submissions');
	const code = (key: string, label: string) => {
		const v = str(form, key);
		if (v && !CODE.test(v)) errors[key] = `Enter the ${label} as its code, like ${label === 'standard' ? '3' : '3.2'}`;
		return v || null;
	};
	const standardCode = code('standard', 'standard');
	const requirementCode = code('requirement', 'requirement');
	const source = str(form, 'source');
	if (!isChallengeSource(source)) errors.source = 'Choose where the challenge came from';
	const body = text(form, 'text', 'Enter the challenge', errors);
	const dueOn = date(form, 'dueOn', 'due date', errors);
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		data: { organisationId: organisationId!, cycleId, submissionId, standardCode, requirementCode, source: source as ChallengeSource, text: body, dueOn: dueOn!, actionClosureRequired: form.get('actionClosureRequired') === 'yes' }
	};
}

export interface AnswerForm {
	text: string;
	documentIds: string[];
	actionId: string | null;
}

export function readAnswerForm(form: FormData): Read<AnswerForm> {
	const errors: Errors = {};
	const body = text(form, 'text', 'Enter your answer', errors);
	const documentIds = [...new Set(form.getAll('documents').filter((v): v is string => typeof v === 'string' && v !== ''))];
	if (documentIds.some((d) => !UUID.test(d))) errors.documents = 'Choose documents from your evidence library';
	if (documentIds.length > 50) errors.documents = 'Cite 50 documents or fewer';
	const actionId = optionalId(form, 'action', errors, 'Choose an action from your action plan');
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, data: { text: body, documentIds: documentIds.map((d) => d.toLowerCase()), actionId } };
}

export interface DecisionForm {
	decision: Decision;
	text: string;
	newDueOn: string | null;
	actionId: string | null | undefined;
	actionClosureRequired: boolean;
	closureConfirmed: boolean;
}

export function readDecisionForm(form: FormData): Read<DecisionForm> {
	const errors: Errors = {};
	const decision = str(form, 'decision');
	if (!isDecision(decision)) errors.decision = 'Choose a decision';
	// The reasons: required when the organisation has to act on them.
	const needsText = decision === 'further' || decision === 'escalate';
	const body = text(form, 'text', decision === 'further' ? 'Enter the further challenge' : 'Enter the reason for escalating', errors, needsText);
	const newDueOn = decision === 'further' ? date(form, 'newDueOn', 'new due date', errors) : null;
	const rawAction = form.get('action');
	const actionId = rawAction === null ? undefined : rawAction === 'none' ? null : optionalId(form, 'action', errors, 'Choose one of the organisation’s actions');
	if (Object.keys(errors).length) return { ok: false, errors };
	return {
		ok: true,
		data: {
			decision: decision as Decision,
			text: body,
			newDueOn,
			actionId: actionId === null && rawAction === '' ? undefined : actionId,
			actionClosureRequired: form.get('actionClosureRequired') === 'yes',
			closureConfirmed: form.get('closureConfirmed') === 'yes'
		}
	};
}

export interface ChallengeFilterValues {
	organisation: string;
	status: string;
	standard: string;
	cycle: string;
	source: string;
	overdue: boolean;
	page: number;
}

/** A list's filters from its query string; a value that cannot be right is ignored, not an error. */
export function readChallengeFilter(params: URLSearchParams): ChallengeFilterValues {
	const get = (k: string) => withoutControlCharacters(params.get(k) ?? '').trim();
	const id = (k: string) => (UUID.test(get(k)) ? get(k).toLowerCase() : '');
	const status = get('status');
	const page = Number(get('page'));
	return {
		organisation: id('organisation'),
		status: status === 'not_closed' || isChallengeStatus(status) ? status : '',
		standard: CODE.test(get('standard')) ? get('standard') : '',
		cycle: id('cycle'),
		source: isChallengeSource(get('source')) ? get('source') : '',
		overdue: get('overdue') === 'yes',
		page: Number.isInteger(page) && page >= 1 && page <= 100000 ? page : 1
	};
}
