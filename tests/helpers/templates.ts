import path from 'node:path';
import { loadShippedTemplates } from '../../src/lib/server/template-files';
import type { Template } from '../../src/lib/domain/template';
import { ROOT } from './paths';

const shipped = loadShippedTemplates(path.join(ROOT, 'templates'));

/** A fresh copy of a shipped template, safe to change in a test. */
export function shippedTemplate(kind: Template['kind']): Template {
	return structuredClone(shipped.find((t) => t.kind === kind)!);
}
