// Explain: index build time, per-question latency (median, p99) over 1,000+ questions in one
// process, and top-1 accuracy on every labelled set. Baseline: the same MiniSearch query on the
// same index (ExplainIndex.bareSearch: the question's tokens, the same search options), so the
// ratio shows what understanding the question, ranking, deciding and building the answer cost on
// top of the search itself. Also the hostile inputs of test/explain/hostile-input.test.ts.

import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadCourse } from "../src/course/load-course.ts";
import { ExplainIndex } from "../src/explain/explain-index.ts";
import { Explainer } from "../src/explain/explainer.ts";
import { ALL_EVAL_SETS, loadAnySet, scoreEvalSet } from "../test/explain/eval-set.ts";
import { heading, medianOf, ms, percentile, timeEach } from "./measure.ts";

export default async function explainBench(): Promise<void> {
	heading("explain");
	const root = join(import.meta.dirname, "..");
	const course = loadCourse(join(root, "content", "k8s-production-mastery"), root);
	const sets = ALL_EVAL_SETS.map((file) => ({ file, questions: loadAnySet(file) }));

	const explainer = new Explainer(course);
	const index = new ExplainIndex(course);

	// 1,000+ questions: the labelled sets, then each question again in upper case and with a typo.
	const base = sets.flatMap((s) => s.questions.map((e) => e.q));
	const questions: string[] = [];
	for (let round = 0; questions.length < 1_200; round++) {
		for (const q of base) questions.push(round % 3 === 0 ? q : round % 3 === 1 ? q.toUpperCase() : q.replace(/([a-z])([a-z])/, "$2$1"));
	}
	for (const q of questions.slice(0, 300)) {
		explainer.explain(q);
		index.bareSearch(q);
	}
	const times = timeEach(questions, (q) => explainer.explain(q));
	const bareTimes = timeEach(questions, (q) => index.bareSearch(q));
	// Built after the latency runs, so the garbage of twenty builds is not collected inside them. The
	// index and the term links are built at an Explainer's first question: timed with that question.
	const buildMs = medianOf(20, () => new Explainer(course).explain("OOMKilled"));

	const median = percentile(times, 50);
	const p99 = percentile(times, 99);
	console.log(`glossary terms indexed:          ${course.glossary.length}`);
	console.log(`index build + first answer (median of 20): ${ms(buildMs)}`);
	console.log(`questions timed:                 ${questions.length}`);
	console.log(`explain median / p99:            ${ms(median)} / ${ms(p99)}   (goal: p99 under 5 ms)`);
	console.log(`same MiniSearch query median/p99: ${ms(percentile(bareTimes, 50))} / ${ms(percentile(bareTimes, 99))}`);
	console.log(
		`ratio to the bare query (median): ${(median / percentile(bareTimes, 50)).toFixed(2)}x, (p99) ${(p99 / percentile(bareTimes, 99)).toFixed(2)}x`,
	);
	for (const { file, questions: set } of sets) {
		const score = scoreEvalSet(set, (q) => explainer.explain(q).term ?? null);
		console.log(
			`accuracy, ${file} (${set.length} labelled): ${(score.overallAccuracy * 100).toFixed(1)}% top-1 overall, ` +
				`${(score.onTopicAccuracy * 100).toFixed(1)}% on-topic, ${score.offTopicDeclined}/${score.offTopicCount} off-topic declined`,
		);
	}
	const hostile: Record<string, string> = {
		"100,000-letter word": "a".repeat(100_000),
		"1 MB line": `pod OOMKilled ${"restarting ".repeat(95_000)}`,
		"1 MB binary": randomBytes(1_000_000).toString("latin1"),
	};
	for (const [what, input] of Object.entries(hostile)) {
		const before = process.memoryUsage().heapUsed;
		const worst = Math.max(...timeEach([input, input, input], (q) => explainer.explain(q)));
		// Uncollected garbage included; a collection in between can make it negative.
		const change = (process.memoryUsage().heapUsed - before) / 1e6;
		console.log(`hostile ${what.padEnd(20)} worst of 3: ${ms(worst)}, heap ${change < 0 ? "−" : "+"}${Math.abs(change).toFixed(1)} MB`);
	}
}

if (import.meta.main) await explainBench();
