// Plausible answers for the demo: grades drawn from a per-organisation profile,
// narratives built from each requirement's expected evidence. Deterministic
// (seeded), so every fresh demo looks the same.
import type { ResponseState } from '../../domain/completion';
import type { ActionState } from '../../domain/carry-forward';
import { allRequirements, type Template } from '../../domain/template';

export type Profile = 'strong' | 'mixed' | 'weak';

/** mulberry32: small, fast, good enough for demo data. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function seedOf(text: string): number {
	let h = 2166136261;
	for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
	return h >>> 0;
}

// Weights per grade, best first, for each profile, by the number of grades on the scale.
const WEIGHTS: Record<number, Record<Profile, number[]>> = {
	3: { strong: [92, 8, 0], mixed: [80, 15, 5], weak: [65, 25, 10] },
	4: { strong: [25, 60, 15, 0], mixed: [10, 55, 30, 5], weak: [0, 45, 45, 10] }
};

const OPENERS: Record<number, string[]> = {
	0: ['This is embedded across the organisation and we can show its impact.', 'Well established, consistently applied and regularly tested.'],
	1: ['These arrangements are in place and working well.', 'In place across all services, with evidence of effective practice.'],
	2: ['Arrangements are partly in place: we have found gaps and are closing them.', 'In place in most services, but not yet consistently applied.'],
	3: ['This is not yet in place.', 'We have not been able to evidence this arrangement.']
};

const SCHOOL_COMMENTS: Record<number, string[]> = {
	0: ['Checked by the DSL and reported to governors this term.', 'In place and checked at the last safeguarding audit.', 'Confirmed through staff records and the governors’ visit.'],
	1: ['Mostly in place; a few staff still to complete this.', 'In place but not yet reviewed this year.'],
	2: ['Not yet in place: on our action plan for next term.']
};

const NOT_APPLICABLE = /sixth form|boarding|early years|nursery|alternative provision/i;

function pick<T>(rand: () => number, items: readonly T[]): T {
	return items[Math.floor(rand() * items.length)];
}

function weighted(rand: () => number, weights: number[]): number {
	const total = weights.reduce((a, b) => a + b, 0);
	let r = rand() * total;
	for (const [i, w] of weights.entries()) {
		if ((r -= w) < 0) return i;
	}
	return weights.length - 1;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface DemoAnswers {
	responses: ResponseState[];
	actions: ActionState[];
}

/** A complete set of answers (and actions for the weaker grades) for one organisation. */
export function demoAnswers(template: Template, profile: Profile, seed: number, owner: string, dueFrom: string): DemoAnswers {
	const rand = random(seed);
	const weights = (WEIGHTS[template.scale.grades.length] ?? WEIGHTS[4])[profile];
	const school = template.kind === 'section-175';
	const responses: ResponseState[] = [];
	const actions: ActionState[] = [];
	for (const r of allRequirements(template)) {
		if (school && NOT_APPLICABLE.test(r.text) && rand() < 0.6) {
			responses.push({ requirementCode: r.code, grade: 'na', naReason: 'We do not have this provision at our school.', narrative: '', carriedForward: false });
			continue;
		}
		const index = weighted(rand, weights);
		const grade = template.scale.grades[Math.min(index, template.scale.grades.length - 1)];
		const evidence = r.evidence.slice(0, 3).map(lower);
		const narrative = school
			? `${pick(rand, SCHOOL_COMMENTS[Math.min(index, 2)])}${evidence[0] ? ` See ${evidence[0]}.` : ''}`
			: `${pick(rand, OPENERS[Math.min(index, 3)])} ${evidence.length ? `Evidence includes ${evidence.join(', ')}.` : ''} Reviewed at the safeguarding committee and reported to the board.`;
		responses.push({ requirementCode: r.code, grade: grade.value, naReason: '', narrative, carriedForward: false });
		if (!grade.strong) {
			const days = 90 + Math.floor(rand() * 360);
			const due = new Date(Date.parse(`${dueFrom}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
			const roll = rand();
			actions.push({
				requirementCode: r.code,
				description: `Put in place: ${lower(r.text).replace(/\.$/, '')}.`.slice(0, 300),
				owner,
				dueOn: due,
				status: roll < 0.3 ? 'done' : roll < 0.7 ? 'in_progress' : 'not_started',
				progress: roll < 0.7 ? 'Plan agreed at the safeguarding committee; work under way.' : ''
			});
		}
	}
	return { responses, actions };
}
