import fs from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { DemoIds } from '../helpers/demo-ids';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo';
import { E2E_IDS_FILE } from './config';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Fails with the rule, the impact and the offending markup for every WCAG 2.2 A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const problems = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.html}`).join('\n')}`
	);
	expect(problems, `axe violations on ${page.url()}`).toEqual([]);
	expect(await runTogetherHiddenText(page), `visually hidden text run into the words before it on ${page.url()}`).toEqual([]);
}

/**
 * Text hidden for screen readers ("Change<span class=govuk-visually-hidden> action 2</span>")
 * needs a space where it joins the visible words, or it is read as "Changeaction 2".
 * Svelte trims whitespace at the start of an element, so a leading space has to be written {' '}.
 */
async function runTogetherHiddenText(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('.govuk-visually-hidden')].flatMap((el) => {
			const before = el.previousSibling?.textContent ?? '';
			const own = el.textContent ?? '';
			return /\S$/.test(before) && /^[^\s,.;:)]/.test(own) ? [`${before.slice(-20)}|${own.slice(0, 30)}`] : [];
		})
	);
}

/** Everything the page reports as going wrong, collected as it happens. */
export async function watchConsole(page: Page): Promise<string[]> {
	const problems: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
	await page.exposeFunction('reportViolation', (line: string) => problems.push(`CSP violation: ${line}`));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			(window as unknown as { reportViolation: (line: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
		});
	});
	return problems;
}

/** Signs in through the form, with the keyboard only. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByLabel('Password', { exact: true }).press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Fills the GOV.UK date input in the fieldset called `group`. */
export async function fillDate(page: Page, group: string, d: Date): Promise<void> {
	const g = page.getByRole('group', { name: group });
	await g.getByLabel('Day').fill(String(d.getUTCDate()));
	await g.getByLabel('Month').fill(String(d.getUTCMonth() + 1));
	await g.getByLabel('Year').fill(String(d.getUTCFullYear()));
}

/** The moment `n` days from now. */
export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);

export const test = base.extend<{ ids: DemoIds }>({
	// eslint-disable-next-line no-empty-pattern
	ids: async ({}, use) => {
		await use(JSON.parse(fs.readFileSync(E2E_IDS_FILE, 'utf8')) as DemoIds);
	}
});

export { expect };
