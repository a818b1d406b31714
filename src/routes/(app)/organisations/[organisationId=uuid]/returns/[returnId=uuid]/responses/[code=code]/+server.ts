import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { returnFor } from '$lib/server/guards';
import { answerAndEvidence, answerFingerprint, confirmResponse, NO_ANSWER, saveResponse } from '$lib/server/returns';
import { auditContext, isSameOrigin } from '$lib/server/request';
import { db } from '$lib/server/runtime';
import { answerSchema, gradeProblem, lengthProblems, type AnswerField } from '$lib/domain/answers';
import { checkRequirement } from '$lib/domain/completion';
import { allRequirements } from '$lib/domain/template';
import { z } from 'zod';

const body = answerSchema.extend({ confirm: z.boolean().default(false) });
const FIELDS: readonly PropertyKey[] = ['grade', 'naReason', 'narrative'] satisfies AnswerField[];

/** A refused answer: the message, and the field it belongs to so the page can show it there. */
const invalid = (message: string, field?: PropertyKey) =>
	json({ error: message, ...(field !== undefined && FIELDS.includes(field) ? { field } : {}) }, { status: 400 });

/** Autosave of one answer (JavaScript on). Answers as JSON, including a 409 with the newer answer. */
export const POST: RequestHandler = async (event) => {
	if (!isSameOrigin(event)) return json({ error: 'Cross-site request refused' }, { status: 403 });
	if (!event.locals.user) return json({ error: 'Your session has ended: sign in again' }, { status: 401 });
	const { ret } = await returnFor(event.locals.user, event.params.organisationId, event.params.returnId, 'return:edit');
	const requirement = allRequirements(ret.template.definition).find((r) => r.code === event.params.code);
	if (!requirement) error(404, 'Not found');
	let parsed;
	try {
		parsed = body.safeParse(await event.request.json());
	} catch {
		return invalid('The request was not valid JSON');
	}
	if (!parsed.success) return invalid(parsed.error.issues[0].message, parsed.error.issues[0].path[0]);
	const input = { grade: parsed.data.grade || null, naReason: parsed.data.naReason.trim(), narrative: parsed.data.narrative.trim() };
	const [tooLong] = Object.entries(lengthProblems(requirement.code, input));
	if (tooLong) return invalid(tooLong[1], tooLong[0]);
	const problem = gradeProblem(ret.template.definition, requirement, input.grade);
	if (problem) return invalid(problem, 'grade');

	const ctx = auditContext(event);
	// Only this requirement's answer and evidence: the check below is of it alone.
	const { current, evidence } = await answerAndEvidence(db(), ret.id, requirement.code);
	const checks = { template: ret.template.definition, evidenceCounts: { [requirement.code]: evidence } };
	const unchanged = current && answerFingerprint(current) === answerFingerprint(input);
	// Sending what is already stored writes nothing, whatever version the page had
	// (the same text saved from another tab or by the whole-standard post is not a
	// conflict). In particular it must not confirm a carried-forward answer, which
	// only a change or the tick does.
	if (unchanged && !parsed.data.confirm) {
		return json({
			version: current.version,
			original: answerFingerprint(current),
			savedAt: current.updatedAt.toISOString(),
			check: checkRequirement(checks, requirement, current)
		});
	}
	const outcome =
		unchanged && parsed.data.confirm
			? await confirmResponse(db(), ctx, ret, requirement.code, parsed.data.version)
			: await saveResponse(db(), ctx, ret, requirement.code, input, parsed.data.version);
	if (!outcome.ok) {
		const theirs = outcome.current;
		return json(
			{
				error: 'Someone else saved this answer while you were editing',
				theirs: theirs && { grade: theirs.grade, naReason: theirs.naReason, narrative: theirs.narrative, by: theirs.updatedByName, at: theirs.updatedAt.toISOString() },
				version: theirs?.version ?? 0,
				original: answerFingerprint(theirs ?? NO_ANSWER),
				check: checkRequirement(checks, requirement, theirs ?? undefined)
			},
			{ status: 409 }
		);
	}
	const saved = { ...input, requirementCode: requirement.code, carriedForward: false };
	return json({
		version: outcome.version,
		original: answerFingerprint(input),
		savedAt: outcome.updatedAt.toISOString(),
		check: checkRequirement(checks, requirement, saved)
	});
};
