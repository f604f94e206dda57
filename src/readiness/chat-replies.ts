import type { Reply, ReplyButton } from "../reply.ts";
import type { ItemResult } from "./checks/types.ts";
import type { ReadinessReport } from "./report.ts";

/**
 * The report for chat: a header with the score, a table of the worst workloads, the top
 * failures with their fixes, what is failing right now, and buttons to `/explain` the terms
 * involved. Kept short (chat platforms cap blocks and fields); the CLI has the full report.
 */

const MAX_ROWS = 12;
const MAX_LINES = 8;
const MAX_BUTTONS = 5;
const SHORT: Record<string, string> = { pass: "ok", warn: "warn", fail: "FAIL", unknown: "?", "n/a": "–" };

function cell(result: ItemResult | undefined): string {
	if (result === undefined) return "–";
	return result.exempt !== undefined ? "exempt" : (SHORT[result.status] ?? result.status);
}

export function readinessReplies(report: ReadinessReport): Reply[] {
	const { summary } = report;
	const ordered = [...report.workloads].sort((a, b) => rank(b.status) - rank(a.status));
	const shown = ordered.slice(0, MAX_ROWS);
	const replies: Reply[] = [];
	const more = ordered.length - shown.length;
	replies.push({
		header: `Readiness of ${report.namespace}: ${summary.score ?? "-"}/100`,
		text: `${summary.passing} of ${summary.workloads} workloads pass, ${summary.failing} fail${summary.unknownItems > 0 ? `, ${summary.unknownItems} item${summary.unknownItems === 1 ? "" : "s"} unknown` : ""} · profile ${report.profile} · ${report.source}`,
		...(shown.length === 0
			? {}
			: {
					table: {
						columns: ["workload", ...report.items],
						rows: shown.map((w) => [`${w.kind}/${w.name}`, ...report.items.map((i) => cell(w.items[i]))]),
					},
				}),
		...(more > 0
			? {
					footer:
						report.origin === "live"
							? `${more} more workload(s) not shown; run \`kubecoach readiness --namespace ${report.namespace}\` for all.`
							: `${more} more workload(s) not shown; the CLI (\`kubecoach readiness --file ...\`) lists them all.`,
				}
			: {}),
	});

	const terms = new Map<string, number>();
	const lines: string[] = [];
	for (const w of ordered) {
		for (const item of report.items) {
			const result = w.items[item];
			if (result === undefined || result.exempt !== undefined || result.status !== "fail") continue;
			const first = result.findings.find((f) => f.level === "fail");
			if (first === undefined) continue;
			if (lines.length < MAX_LINES)
				lines.push(`• \`${w.kind}/${w.name}\` *${item}*: ${first.message}${first.fix === undefined ? "" : ` _Fix:_ ${first.fix}`}`);
			if (!terms.has(first.term)) terms.set(first.term, first.episode);
		}
	}
	if (lines.length > 0) replies.push({ header: "Top failures", text: lines.join("\n") });

	const pods = report.visibility.find((v) => v.kind === "Pod" && (v.state === "forbidden" || v.state === "error"));
	if (pods !== undefined)
		replies.push({ header: "Failing now", text: `Unknown: pods could not be listed (${pods.reason ?? pods.state}).` });
	if (report.failingNow.length > 0) {
		const now = report.failingNow.slice(0, MAX_LINES).map((f) => {
			const pods = f.pods.length === 1 ? `pod ${f.pods[0]}` : `${f.pods.length} pods`;
			const restarts = f.restarts > 0 ? `, ${f.restarts} restarts` : "";
			return `• *${f.reason}* \`${f.workload.kind}/${f.workload.name}\`${f.container === undefined ? "" : ` container ${f.container}`} (${pods}${restarts})${f.message === undefined ? "" : `: ${f.message}`}`;
		});
		replies.push({ header: "Failing now", text: now.join("\n") });
		// What is on fire now is explained first.
		const urgent = new Map(report.failingNow.map((f) => [f.term, f.episode]));
		for (const [term, episode] of terms) if (!urgent.has(term)) urgent.set(term, episode);
		terms.clear();
		for (const [term, episode] of urgent) terms.set(term, episode);
	}

	const buttons: ReplyButton[] = [...terms.keys()]
		.slice(0, MAX_BUTTONS)
		.map((term) => ({ action: "explain", label: `Explain ${term}`, value: term }));
	const last = replies.at(-1);
	if (buttons.length > 0 && last !== undefined) replies[replies.length - 1] = { ...last, buttons };
	return replies;
}

function rank(status: string): number {
	// By evidence, as verdicts aggregate: a definite warning ranks above what could not be seen.
	return ({ fail: 3, warn: 2, unknown: 1, pass: 0 } as Record<string, number>)[status] ?? -1;
}
