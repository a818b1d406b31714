// Template files: YAML or JSON text → a validated Template, with every problem
// reported by its path (standards.2.requirements.4.text) so a business unit can
// fix the file.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { templateSchema, type Template } from '../domain/template';
import { withoutControlCharacters } from '../domain/text';

export interface TemplateProblem {
	where: string;
	message: string;
}

export type TemplateParse = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

/**
 * The same value with every string in it (keys included) fit to store: without
 * control characters, and with an unpaired surrogate replaced by U+FFFD. A JSON
 * or YAML escape (`\u0000`, `\ud800`) makes either after parsing, and the
 * database stores definitions as jsonb, which refuses both.
 */
function storableStrings(value: unknown): unknown {
	const text = (s: string) => withoutControlCharacters(s).toWellFormed();
	if (typeof value === 'string') return text(value);
	if (Array.isArray(value)) return value.map(storableStrings);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), storableStrings(v)]));
	}
	return value;
}

export function validateTemplate(data: unknown): TemplateParse {
	const parsed = templateSchema.safeParse(storableStrings(data));
	if (parsed.success) return { ok: true, template: parsed.data };
	return {
		ok: false,
		problems: parsed.error.issues.slice(0, 200).map((i) => ({ where: i.path.join('.') || '(whole file)', message: i.message }))
	};
}

const MAX_ALIASES = 50;

/** Why the YAML could not be read. An alias bomb (aliases of aliases, unpacking to millions of values) is refused in our words, not the library's. */
function unreadableYaml(e: unknown): TemplateProblem {
	if (e instanceof YAMLParseError) {
		return { where: e.linePos ? `line ${e.linePos[0].line}` : '(whole file)', message: `The file is not valid YAML or JSON: ${e.message.split('\n')[0]}` };
	}
	const message = e instanceof Error ? e.message : '';
	if (/alias count/i.test(message)) {
		return { where: '(whole file)', message: `The file repeats blocks by reference (YAML aliases, written *name) more than ${MAX_ALIASES} times. A template never needs that: write each value out in full` };
	}
	if (/unresolved alias/i.test(message)) {
		return { where: '(whole file)', message: 'The file refers to a block by a name (a YAML alias, written *name) that is not defined before it' };
	}
	return { where: '(whole file)', message: 'The file is not valid YAML or JSON' };
}

/** Parses YAML (JSON is YAML too) and validates it. Never throws on bad input. */
export function parseTemplateText(text: string): TemplateParse {
	let data: unknown;
	try {
		data = parseYaml(withoutControlCharacters(text), { maxAliasCount: MAX_ALIASES, prettyErrors: true, logLevel: 'silent' });
	} catch (e) {
		return { ok: false, problems: [unreadableYaml(e)] };
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data)) {
		return { ok: false, problems: [{ where: '(whole file)', message: 'The file must describe one template (a mapping with id, title, standards…)' }] };
	}
	return validateTemplate(data);
}

/** The templates shipped in `templates/`, validated: a broken one stops the start with its name. */
export function loadShippedTemplates(dir: string): Template[] {
	return fs
		.readdirSync(dir)
		.filter((f) => /\.(ya?ml|json)$/.test(f))
		.sort()
		.map((file) => {
			const result = parseTemplateText(fs.readFileSync(path.join(dir, file), 'utf8'));
			if (!result.ok) {
				throw new Error(`Shipped template ${file} is invalid: ${result.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`);
			}
			return result.template;
		});
}
