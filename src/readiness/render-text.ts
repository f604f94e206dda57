import type { Finding, ItemResult, ItemStatus } from "./checks/types.ts";
import { type AuditReport, asAudit, type ReadinessReport, type Summary, type WorkloadReport } from "./report.ts";

/**
 * The terminal report: a header with the score, an aligned table of verdicts, then the details
 * an on-call engineer acts on (findings with fixes and lessons, what is failing now, what could
 * not be seen). Colour only when asked (the caller checks TTY and NO_COLOR).
 */

const CODES: Record<string, string> = { pass: "32", warn: "33", fail: "31", unknown: "35", "n/a": "2", exempt: "36", note: "2" };
const ICONS: Record<Finding["level"], string> = { fail: "✗", warn: "!", unknown: "?", note: "·", info: "·" };

export interface TextOptions {
	readonly color: boolean;
}

export function cellText(result: ItemResult | undefined): string {
	if (result === undefined) return "n/a";
	return result.exempt === undefined ? result.status : `exempt(${result.status})`;
}

export function reportText(input: ReadinessReport | AuditReport, options: TextOptions): string {
	const audit = asAudit(input);
	const paint = (text: string, key: string) => (options.color ? `\u001b[${CODES[key] ?? "0"}m${text}\u001b[0m` : text);
	const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[0m` : text);
	const lines: string[] = [];
	if (audit.reports.length > 1) {
		const first = audit.reports[0] as ReadinessReport;
		const names = audit.reports.map((r) => r.namespace).join(", ");
		lines.push(`${bold(`Readiness of ${audit.reports.length} namespaces`)}: ${names} (${first.source}, profile ${audit.profile})`);
		lines.push(
			headline(
				audit.summary,
				audit.reports.reduce((n, r) => n + r.failingNow.length, 0),
			),
		);
		for (const report of audit.reports) lines.push("", ...namespaceText(report, paint, bold, true));
	} else if (audit.reports[0] !== undefined) {
		lines.push(...namespaceText(audit.reports[0], paint, bold, false));
	}
	if (audit.skipped.length > 0) {
		lines.push("", bold("Skipped files"));
		for (const skipped of audit.skipped) lines.push(`  ${skipped.file}: ${skipped.reason}`);
	}
	lines.push("", paint('Exempt an item with the annotation kubecoach.io/exempt-<item>: "<reason>; expires=YYYY-MM-DD".', "note"));
	return `${lines.join("\n")}\n`;
}

function headline(summary: Summary, failingNow: number): string {
	const unknown = summary.unknownItems;
	return (
		`Score ${summary.score ?? "-"}/100 · ${summary.passing} of ${summary.workloads} workloads pass · ${summary.failing} fail` +
		(unknown > 0 ? ` · ${unknown} item${unknown === 1 ? "" : "s"} unknown` : "") +
		(failingNow > 0 ? ` · ${failingNow} failing now` : "")
	);
}

type Paint = (text: string, key: string) => string;

function namespaceText(report: ReadinessReport, paint: Paint, bold: (text: string) => string, several: boolean): string[] {
	const lines: string[] = [];
	const title = several ? `Namespace ${report.namespace}` : `Readiness of namespace ${report.namespace}`;
	lines.push(several ? bold(title) : `${bold(title)} (${report.source}, profile ${report.profile})`);
	lines.push(headline(report.summary, report.failingNow.length));
	lines.push("");
	if (report.workloads.length === 0) {
		lines.push("No workloads found in this namespace.");
	} else {
		lines.push(...table(report, paint));
	}

	const shared = sharedFindings(report);
	const detailed = report.workloads.filter((w) => w.notes.length > 0 || report.items.some((i) => shown(w.items[i], shared, i)));
	if (detailed.length > 0) {
		lines.push("", bold("Findings"));
		for (const w of detailed) lines.push(...workloadDetails(w, report, paint, shared));
	}
	if (shared.size > 0) {
		lines.push("", bold("Across the namespace"));
		for (const [key, { finding: f, count }] of shared) {
			const item = key.split("\u0000")[0];
			lines.push(`  ${paint(ICONS[f.level], f.level)} ${item}: ${f.message} (${count} workloads)`);
			if (f.fix !== undefined) lines.push(`      ${f.level === "note" ? "to see it" : "fix"}: ${f.fix}`);
			if (f.level !== "note") lines.push(`      learn: /explain ${f.term} (Episode ${f.episode})`);
		}
	}
	const pods = report.visibility.find((v) => v.kind === "Pod" && (v.state === "forbidden" || v.state === "error"));
	if (pods !== undefined) {
		lines.push("", bold("Failing now"), `  unknown: pods could not be listed (${pods.reason ?? pods.state}).`);
	}
	if (report.failingNow.length > 0) {
		lines.push("", bold("Failing now"));
		for (const f of report.failingNow) {
			const pods = f.pods.length === 1 ? `pod ${f.pods[0]}` : `${f.pods.length} pods`;
			const container = f.container === undefined ? "" : ` container ${f.container}`;
			const restarts = f.restarts > 0 ? ` · ${f.restarts} restarts` : "";
			lines.push(`  ${paint(f.reason, "fail")}  ${f.workload.kind}/${f.workload.name}${container} (${pods}${restarts})`);
			if (f.message !== undefined) lines.push(`      ${f.message}`);
			lines.push(`      learn: /explain ${f.term} (Episode ${f.episode})`);
		}
	}
	if (report.namespaceFindings.length > 0) {
		lines.push("", bold("Objects"));
		for (const f of report.namespaceFindings) {
			const location = f.object === undefined ? undefined : report.locations[`${f.object.kind}/${f.object.name}`];
			const at = location === undefined ? "" : `  (${location.file}:${location.line})`;
			lines.push(`  ${paint(ICONS[f.level], f.level)} ${f.message}${at}${f.fix === undefined ? "" : `\n      fix: ${f.fix}`}`);
		}
	}
	if (report.notJudged.length > 0) {
		lines.push("", bold("Not judged"));
		for (const n of report.notJudged) {
			const names = n.names.length <= 4 ? n.names.join(", ") : `${n.names.slice(0, 4).join(", ")} and ${n.names.length - 4} more`;
			const why = n.why === "unknown-kind" ? "a kind kubecoach does not know" : "no checklist item reads this kind";
			lines.push(`  ${n.kind} (${n.apiVersion}): ${names}: ${why}`);
		}
	}
	const blind = report.visibility.filter((v) => v.state === "forbidden" || v.state === "error");
	if (blind.length > 0) {
		lines.push("", bold("Could not read"));
		for (const v of blind) lines.push(`  ${v.kind}: ${v.state}${v.reason === undefined ? "" : ` (${v.reason})`}`);
	}
	return lines;
}

type Shared = Map<string, { finding: Finding; count: number; seen?: WorkloadReport }>;

const sharedKey = (item: string, f: Finding) => `${item}\u0000${f.check}\u0000${f.level}\u0000${f.message}`;

/** Findings repeated word for word on several workloads are facts about the namespace: print them once. */
function sharedFindings(report: ReadinessReport): Shared {
	const all: Shared = new Map();
	for (const w of report.workloads) {
		for (const item of report.items) {
			for (const f of w.items[item]?.findings ?? []) {
				if (f.level === "info") continue;
				const key = sharedKey(item, f);
				const entry = all.get(key);
				// Counted per workload: one workload may repeat a finding (one per container).
				if (entry === undefined) all.set(key, { finding: f, count: 1, seen: w });
				else if (entry.seen !== w) {
					entry.count++;
					entry.seen = w;
				}
			}
		}
	}
	for (const [key, entry] of all) if (entry.count < 2) all.delete(key);
	return all;
}

/** Info findings are the evidence behind a pass: JSON keeps them, the terminal leaves them out. */
function visible(result: ItemResult, item: string, shared: Shared): Finding[] {
	return result.findings.filter((f) => f.level !== "info" && !shared.has(sharedKey(item, f)));
}

function shown(result: ItemResult | undefined, shared: Shared, item: string): boolean {
	if (result === undefined) return false;
	return result.exempt !== undefined || visible(result, item, shared).length > 0;
}

function table(report: ReadinessReport, paint: Paint): string[] {
	const header = ["WORKLOAD", ...report.items.map((i) => i.toUpperCase())];
	const rows = report.workloads.map((w) => [`${w.kind}/${w.name}`, ...report.items.map((i) => cellText(w.items[i]))]);
	const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? "").length)));
	const pad = (text: string, col: number) => text.padEnd(widths[col] ?? 0);
	const out = [header.map(pad).join("  ").trimEnd()];
	for (const row of rows) {
		out.push(
			row
				.map((cell, col) => {
					const padded = pad(cell, col);
					if (col === 0) return padded;
					return paint(padded, cell.startsWith("exempt") ? "exempt" : (cell as ItemStatus));
				})
				.join("  ")
				.trimEnd(),
		);
	}
	return out;
}

function workloadDetails(w: WorkloadReport, report: ReadinessReport, paint: Paint, shared: Shared): string[] {
	const at = w.location === undefined ? "" : `  (${w.location.file}:${w.location.line})`;
	const lines = [`  ${w.kind}/${w.name}${at}`];
	for (const note of w.notes) lines.push(`    ${paint("·", "note")} ${note}`);
	for (const item of report.items) {
		const result = w.items[item];
		if (result === undefined || !shown(result, shared, item)) continue;
		if (result.exempt !== undefined) {
			const until = result.exempt.expires === undefined ? "" : ` (until ${result.exempt.expires})`;
			lines.push(`    ${paint("exempt", "exempt")} ${item}: ${result.exempt.reason}${until} (verdict without it: ${result.status})`);
		}
		const taught = new Set<string>();
		const fixed = new Set<string>();
		for (const f of visible(result, item, shared)) {
			lines.push(`    ${paint(ICONS[f.level], f.level)} ${item}: ${f.message}`);
			if (f.fix !== undefined && !fixed.has(f.fix)) {
				fixed.add(f.fix);
				lines.push(`        ${f.level === "note" ? "to see it" : "fix"}: ${f.fix}`);
			}
			if (f.level !== "note" && !taught.has(f.term)) {
				taught.add(f.term);
				lines.push(`        learn: /explain ${f.term} (Episode ${f.episode})`);
			}
		}
	}
	return lines;
}
