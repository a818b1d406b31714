// Upgrading an installation whose shipped templates changed: a published
// version is never rewritten (returns and submissions made against it keep
// their template); a changed file is installed only under a new version.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMigrations, migrate } from '../../../src/lib/server/db/migrate';
import { installShippedTemplates } from '../../../src/lib/server/templates';
import type { Logger } from '../../../src/lib/server/log';
import type { Template } from '../../../src/lib/domain/template';
import { MIGRATIONS } from '../../helpers/paths';
import { createBlankDb } from '../../helpers/test-db';
import { shippedTemplate } from '../../helpers/templates';

let db: Awaited<ReturnType<typeof createBlankDb>>;
beforeAll(async () => {
	db = await createBlankDb();
	await migrate(db, loadMigrations(MIGRATIONS));
});
afterAll(() => db.drop());

const quietLog = () => ({ warn: vi.fn() }) as unknown as Logger & { warn: ReturnType<typeof vi.fn> };
const prompts = async (slug: string) =>
	db.query<{ version: number; prompt: string }>(`select version, definition -> 'narrative' ->> 'prompt' as prompt from templates where slug = $1 order by version`, [slug]);

describe('installing the shipped templates over an earlier installation', () => {
	it('adds the reworded Section 11 template as a new version and leaves the one in use as it was', async () => {
		const current = shippedTemplate('section-11');
		const earlier: Template = { ...structuredClone(current), version: current.version - 1, narrative: { ...current.narrative, prompt: 'Say which documents you have uploaded.' } };
		const log = quietLog();
		expect(await installShippedTemplates(db, [earlier], log)).toBe(1);
		expect(await installShippedTemplates(db, [current], log)).toBe(1);
		expect(await prompts(current.id)).toEqual([
			{ version: earlier.version, prompt: 'Say which documents you have uploaded.' },
			{ version: current.version, prompt: current.narrative.prompt }
		]);
		expect(log.warn).not.toHaveBeenCalled();
	});

	it('never applies a file changed without a new version, and says so', async () => {
		const current = shippedTemplate('section-11');
		const log = quietLog();
		expect(await installShippedTemplates(db, [{ ...current, narrative: { ...current.narrative, prompt: 'Changed in place.' } }], log)).toBe(0);
		expect((await prompts(current.id)).at(-1)?.prompt).toBe(current.narrative.prompt);
		expect(log.warn).toHaveBeenCalledWith({ template: current.id, version: current.version }, expect.stringContaining('raise its version'));
	});
});
