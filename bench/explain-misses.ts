// Explain: every miss of every labelled set, with the expected and the returned term, the
// verdict, and the best candidates with what speaks for each (score, coverage, named, phrase
// fit), so that misses can be grouped by cause. `npx node bench/explain-misses.ts [set-file]`.

import { join } from "node:path";
import { loadCourse } from "../src/course/load-course.ts";
import { ExplainIndex } from "../src/explain/explain-index.ts";
import { Explainer } from "../src/explain/explainer.ts";
import { ALL_EVAL_SETS, loadAnySet } from "../test/explain/eval-set.ts";

const root = join(import.meta.dirname, "..");
const course = loadCourse(join(root, "content", "k8s-production-mastery"), root);
const explainer = new Explainer(course);
const index = new ExplainIndex(course);
const only = process.argv[2];
const round = (n: number) => n.toFixed(2);

for (const file of ALL_EVAL_SETS) {
	if (only && file !== only) continue;
	const questions = loadAnySet(file);
	const misses = questions.flatMap((question) => {
		const answer = explainer.explain(question.q);
		const got = answer.term ?? null;
		const right = question.expect.length === 0 ? got === null : got !== null && question.expect.includes(got);
		return right ? [] : [{ question, answer, got }];
	});
	console.log(`\n=== ${file}: ${misses.length} misses of ${questions.length}`);
	for (const { question, answer, got } of misses) {
		const ranking = index.rank(question.q);
		console.log(`\n- ${JSON.stringify(question.q.slice(0, 240))}`);
		console.log(
			`  expected ${question.expect.join("|") || "decline"}; got ${got ?? "declined"} (${answer.verdict}, shape ${answer.shape}, conf ${answer.confidence})`,
		);
		console.log(`  words: ${ranking.words.join(" ")} (total ${round(ranking.totalWeight)}, foreign ${round(ranking.foreignWeight)})`);
		for (const c of ranking.candidates.slice(0, 5)) {
			const mark = question.expect.includes(c.term.id) ? "*" : " ";
			console.log(
				`  ${mark} ${c.term.id.padEnd(28)} score ${round(c.score)} cov ${round(c.coverage)} ev ${round(c.evidence)} named ${round(c.named)} fit ${round(c.phraseFit)} words ${c.matchedWords}${c.pasted ? " pasted" : ""}`,
			);
		}
		const at = ranking.candidates.findIndex((c) => question.expect.includes(c.term.id));
		if (at >= 5) console.log(`  (expected at rank ${at + 1})`);
		else if (at < 0 && question.expect.length > 0) console.log("  (expected not among the candidates)");
	}
}
