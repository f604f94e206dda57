// Explain: index build time, per-question latency (median, p99) over 1,000+ questions in one
// process, and top-1 accuracy on the labelled set. Baseline: a bare MiniSearch query over the same
// glossary and questions, so the ratio shows what ranking and the decline check cost on top.

import { join } from "node:path";
import MiniSearch from "minisearch";
import { loadCourse } from "../src/course/load-course.ts";
import { Explainer } from "../src/explain/explainer.ts";
import { EVAL_SET_FILES, loadEvalSet, scoreEvalSet } from "../test/explain/eval-set.ts";
import { heading, medianOf, ms, percentile, timeEach } from "./measure.ts";

export default async function explainBench(): Promise<void> {
	heading("explain");
	const root = join(import.meta.dirname, "..");
	const course = loadCourse(join(root, "content", "k8s-production-mastery"), root);
	const evalQuestions = EVAL_SET_FILES.flatMap((file) => loadEvalSet(file));

	const buildMs = medianOf(20, () => new Explainer(course));
	const explainer = new Explainer(course);

	// 1,000+ questions: the labelled set, then each question again in upper case and with a typo.
	const base = evalQuestions.map((e) => e.q);
	const questions: string[] = [];
	for (let round = 0; questions.length < 1_200; round++) {
		for (const q of base) questions.push(round % 3 === 0 ? q : round % 3 === 1 ? q.toUpperCase() : q.replace(/([a-z])([a-z])/, "$2$1"));
	}
	for (const q of questions.slice(0, 200)) explainer.explain(q); // warm-up
	const times = timeEach(questions, (q) => explainer.explain(q));

	const bare = new MiniSearch({ fields: ["term", "aliases", "definition"], searchOptions: { fuzzy: 0.2, prefix: true } });
	bare.addAll(course.glossary.map((t) => ({ id: t.id, term: t.term, aliases: t.aliases.join(" "), definition: t.definition })));
	for (const q of questions.slice(0, 200)) bare.search(q);
	const bareTimes = timeEach(questions, (q) => bare.search(q));

	const median = percentile(times, 50);
	const p99 = percentile(times, 99);
	console.log(`glossary terms indexed:        ${course.glossary.length}`);
	console.log(`index build (median of 20):    ${ms(buildMs)}`);
	console.log(`questions timed:               ${questions.length}`);
	console.log(`latency median / p99:          ${ms(median)} / ${ms(p99)}   (goal: p99 under 5 ms)`);
	console.log(`bare MiniSearch median / p99:  ${ms(percentile(bareTimes, 50))} / ${ms(percentile(bareTimes, 99))}`);
	console.log(`ratio to bare search (median): ${(median / percentile(bareTimes, 50)).toFixed(2)}x`);
	for (const file of EVAL_SET_FILES) {
		const set = loadEvalSet(file);
		const score = scoreEvalSet(set, (q) => explainer.explain(q).term ?? null);
		console.log(
			`accuracy, ${file} (${set.length} labelled): ${(score.overallAccuracy * 100).toFixed(1)}% top-1 overall, ` +
				`${(score.onTopicAccuracy * 100).toFixed(1)}% on-topic, ${score.offTopicDeclined}/${score.offTopicCount} off-topic declined`,
		);
	}
}
