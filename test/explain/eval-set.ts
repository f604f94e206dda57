import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const evalSetSchema = z.object({
	questions: z.array(z.object({ q: z.string().min(1), expect: z.array(z.string()) })).min(100),
});

const realQuestionSchema = z.strictObject({
	q: z.string().min(1),
	expect: z.array(z.string()),
	episode: z.union([z.number().int().positive(), z.literal("declined")]),
	source: z.string().min(8),
});

/** The real-question set: every question keeps its source and the episode it was labelled with. */
const realSetSchema = z.object({ questions: z.array(realQuestionSchema).min(150) });

/** The fresh real questions, a smaller held-out set in the same format. */
const freshSetSchema = z.object({ questions: z.array(realQuestionSchema).min(40) });

/** The set of real questions from public trackers, Q&A pages and Kubernetes messages. */
export const REAL_SET_FILE = "real-questions.yaml";

/** Fresh real questions, collected after the real-question set from other threads, held out from tuning. */
export const FRESH_SET_FILE = "fresh-questions.yaml";

/** Every labelled set: the three written ones, the real questions and the fresh real questions. */
export const ALL_EVAL_SETS = ["eval-set.yaml", "eval-set-2.yaml", "eval-set-3.yaml", REAL_SET_FILE, FRESH_SET_FILE] as const;

export type RealQuestion = z.infer<typeof realQuestionSchema>;

export function loadRealSet(): RealQuestion[] {
	return realSetSchema.parse(parse(readFileSync(join(import.meta.dirname, REAL_SET_FILE), "utf8"))).questions;
}

export function loadFreshSet(): RealQuestion[] {
	return freshSetSchema.parse(parse(readFileSync(join(import.meta.dirname, FRESH_SET_FILE), "utf8"))).questions;
}

/** Any of the sets, as questions and expected ids. */
export function loadAnySet(file: string): EvalQuestion[] {
	if (file === REAL_SET_FILE) return loadRealSet();
	return file === FRESH_SET_FILE ? loadFreshSet() : loadEvalSet(file);
}

export interface EvalQuestion {
	readonly q: string;
	/** Glossary ids that count as a right top-1 answer; empty: the bot must decline. */
	readonly expect: readonly string[];
}

/** The labelled sets, each written by a different person without looking at the glossary. */
export const EVAL_SET_FILES = ["eval-set.yaml", "eval-set-2.yaml", "eval-set-3.yaml"] as const;

export function loadEvalSet(file: string = EVAL_SET_FILES[0]): EvalQuestion[] {
	return evalSetSchema.parse(parse(readFileSync(join(import.meta.dirname, file), "utf8"))).questions;
}

export interface EvalOutcome {
	readonly question: EvalQuestion;
	readonly got: string | null;
	readonly right: boolean;
}

/** Runs every question through `answer` (which returns the chosen glossary id or null for a decline). */
export function scoreEvalSet(questions: readonly EvalQuestion[], answer: (q: string) => string | null) {
	const outcomes: EvalOutcome[] = questions.map((question) => {
		const got = answer(question.q);
		const right = question.expect.length === 0 ? got === null : got !== null && question.expect.includes(got);
		return { question, got, right };
	});
	const onTopic = outcomes.filter((o) => o.question.expect.length > 0);
	const offTopic = outcomes.filter((o) => o.question.expect.length === 0);
	return {
		outcomes,
		onTopicAccuracy: onTopic.filter((o) => o.right).length / onTopic.length,
		overallAccuracy: outcomes.filter((o) => o.right).length / outcomes.length,
		offTopicDeclined: offTopic.filter((o) => o.right).length,
		offTopicCount: offTopic.length,
		wrong: outcomes.filter((o) => !o.right),
	};
}
