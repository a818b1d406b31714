import fs from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import type { NodeResult } from 'axe-core';
import type { DemoIds } from '../helpers/demo-ids';
import { DEMO_PASSWORD } from '../../src/lib/server/seed/demo';
import { E2E_IDS_FILE } from './config';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * GOV.UK Frontend's conditional radios set aria-expanded on the radio that reveals a
 * question: outside the ARIA spec, but screen readers announce it, so the Design
 * System keeps it and lists axe's complaint as a known issue (alphagov/govuk-frontend#979).
 * Only that complaint is let through.
 */
function isKnownGovukIssue(rule: string, node: NodeResult): boolean {
	const attributes = node.all.filter((c) => c.id === 'aria-allowed-attr').flatMap((c) => (c.data as string[] | null) ?? []);
	return rule === 'aria-allowed-attr' && /^<input class="govuk-radios__input"/.test(node.html) && attributes.length > 0 && attributes.every((a) => a.startsWith('aria-expanded='));
}

/** Fails with the rule, the impact and the offending markup for every WCAG 2.2 A/AA violation. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const problems = results.violations
		.map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isKnownGovukIssue(v.id, n)) }))
		.filter((v) => v.nodes.length)
		.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.html}`).join('\n')}`);
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

/** Signs in through the form, with the keyboard only. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByLabel('Password', { exact: true }).press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export const test = base.extend<{ ids: DemoIds }>({
	// eslint-disable-next-line no-empty-pattern
	ids: async ({}, use) => {
		await use(JSON.parse(fs.readFileSync(E2E_IDS_FILE, 'utf8')) as DemoIds);
	}
});

export { expect };
