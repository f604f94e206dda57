// The seam: reply markup parsed into tokens and rendered for the console, over every text the
// core writes for the course (all episode cards, every glossary answer, the demo readiness report).
// Baseline: the console's former renderer, regexes over the raw text, the simplest way to strip
// the same markup (which dropped the stars of a cron expression). Then a hostile line at two
// sizes: a linear parser takes ten times as long for ten times the text.

import { join } from "node:path";
import { markup } from "../adapters/console/render-text.ts";
import { demoSnapshot } from "../adapters/kubernetes/demo-reader.ts";
import { episodeReply } from "../src/course/episode-commands.ts";
import { loadCourse } from "../src/course/load-course.ts";
import { explainReply } from "../src/explain/explain-reply.ts";
import { Explainer } from "../src/explain/explainer.ts";
import { readinessReplies } from "../src/readiness/chat-replies.ts";
import { buildReport } from "../src/readiness/report.ts";
import { parseMarkup } from "../src/reply/markup.ts";
import type { Reply } from "../src/reply.ts";
import { heading, medianOf, ms } from "./measure.ts";

/** The console's renderer before the seam: code spans kept, stars and underscores stripped by regex. */
function regexPlain(text: string): string {
	return text
		.split(/(`[^`\n]*`)/)
		.map((part) =>
			part.startsWith("`")
				? part
				: part.replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,:;!?]|$)/g, "$1$2").replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,:;!?]|$)/g, "$1$2"),
		)
		.join("");
}

const textsOf = (reply: Reply): string[] => [
	...(reply.text === undefined ? [] : [reply.text]),
	...(reply.fields ?? []).map((field) => field.value),
	...(reply.footer === undefined ? [] : [reply.footer]),
	...(reply.thread ?? []).flatMap(textsOf),
];

export default async function seamBench(): Promise<void> {
	heading("seam: reply markup");
	const root = join(import.meta.dirname, "..");
	const course = loadCourse(join(root, "content", "k8s-production-mastery"), root);
	const explainer = new Explainer(course);
	const at = new Date("2026-11-21T12:00:00Z");
	const replies: Reply[] = [
		...course.episodes.map((episode) => episodeReply(course, episode)),
		...course.glossary.flatMap((term) => {
			const answer = explainer.explainTerm(term.id);
			return answer ? [explainReply(answer)] : [];
		}),
		...readinessReplies(buildReport(await demoSnapshot(at), { profile: "complete", now: at })),
	];
	const texts = replies.flatMap(textsOf);
	const characters = texts.reduce((sum, text) => sum + text.length, 0);
	const all = (render: (text: string) => unknown) => () => {
		for (const text of texts) render(text);
	};
	for (let i = 0; i < 20; i++) {
		all(markup)();
		all(regexPlain)();
	}
	const tokens = medianOf(50, all(parseMarkup));
	const rendered = medianOf(50, all(markup));
	const baseline = medianOf(50, all(regexPlain));
	console.log(`texts from the core:                 ${texts.length} (${(characters / 1024).toFixed(0)} KiB)`);
	console.log(`parse into tokens, all (median):     ${ms(tokens)}   ${(((characters / tokens) * 1000) / 1e6).toFixed(1)} M chars/s`);
	console.log(`tokens rendered for the console:     ${ms(rendered)}`);
	console.log(`baseline, regex strip (median):      ${ms(baseline)}`);
	console.log(`ratio to the regex baseline:         ${(rendered / baseline).toFixed(2)}x`);

	const hostile = (size: number) => "*a _b `c [d](e ".repeat(Math.ceil(size / 15)).slice(0, size);
	const small = hostile(100_000);
	const large = hostile(1_000_000);
	for (let i = 0; i < 3; i++) {
		parseMarkup(small);
		parseMarkup(large);
	}
	const smallMs = medianOf(9, () => parseMarkup(small));
	const largeMs = medianOf(9, () => parseMarkup(large));
	console.log(
		`hostile line, 100 KB / 1 MB:         ${ms(smallMs)} / ${ms(largeMs)}   ratio ${(largeMs / smallMs).toFixed(1)} for 10x the text (linear: ~10)`,
	);
}

if (import.meta.main) await seamBench();
