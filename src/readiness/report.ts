import { type EvaluateOptions, evaluate } from "./checks/evaluate.ts";
import { type Finding, type ItemId, type ItemResult, type ItemStatus, itemsOf, type Profile } from "./checks/types.ts";
import { hasPodTemplate } from "./checks/workloads.ts";
import { type LiveFailure, liveFailures } from "./live-failures.ts";
import { type NotJudged, notJudged } from "./not-judged.ts";
import type { NamespaceSnapshot, ResourceList, SkippedFile, SnapshotKind, SourceLocation } from "./snapshot.ts";

/**
 * The readiness report: per workload and item a verdict with findings, what is failing right
 * now, what could not be seen or judged, and a summary. One ReadinessReport per namespace; an
 * AuditReport gathers the namespaces of one run (files may hold several). Renderers (JSON,
 * terminal, SARIF, chat) only format them.
 */

export interface WorkloadReport {
	readonly kind: string;
	readonly name: string;
	readonly namespace: string;
	/** Worst verdict over items that are neither exempt nor n/a. */
	readonly status: ItemStatus;
	readonly items: Readonly<Partial<Record<ItemId, ItemResult>>>;
	readonly notes: readonly string[];
	readonly location?: SourceLocation;
}

export interface ItemCounts {
	pass: number;
	warn: number;
	fail: number;
	unknown: number;
	"n/a": number;
	exempt: number;
}

export interface Summary {
	readonly workloads: number;
	readonly passing: number;
	readonly failing: number;
	/** Item verdicts that are `unknown` (not exempt), over all workloads. */
	readonly unknownItems: number;
	/**
	 * 0-100 over item verdicts: 2·pass / (2·pass + warn + unknown + 2·fail). An unknown earns
	 * nothing, like a warning: what could not be seen is not a pass. Null when nothing was judged.
	 */
	readonly score: number | null;
	readonly items: Readonly<Partial<Record<ItemId, ItemCounts>>>;
	readonly worst: readonly { readonly kind: string; readonly name: string; readonly fail: number; readonly warn: number }[];
}

export interface ReadinessReport {
	readonly namespace: string;
	readonly source: string;
	readonly origin: "live" | "files";
	/** Files only: `desired` or `partial`. */
	readonly reading?: "desired" | "partial";
	readonly takenAt: string;
	readonly profile: Profile;
	readonly items: readonly ItemId[];
	readonly workloads: readonly WorkloadReport[];
	/** Findings about objects rather than workloads (invalid objects, bindings, budgets that select nothing). */
	readonly namespaceFindings: readonly Finding[];
	readonly failingNow: readonly LiveFailure[];
	/** Kinds that were not listed, and why: the limits of what this report could see. */
	readonly visibility: readonly { readonly kind: SnapshotKind; readonly state: ResourceList["state"]; readonly reason?: string }[];
	/** Objects no check reads (files only): listed, never silently dropped. */
	readonly notJudged: readonly NotJudged[];
	readonly summary: Summary;
	/** Where objects came from (files), keyed `Kind/name`. */
	readonly locations: Readonly<Record<string, SourceLocation>>;
}

/** The namespaces of one run, and the files it passed over. */
export interface AuditReport {
	readonly reports: readonly ReadinessReport[];
	readonly skipped: readonly SkippedFile[];
	readonly profile: Profile;
	readonly items: readonly ItemId[];
	readonly summary: Summary;
}

export function buildReport(snapshot: NamespaceSnapshot, options: EvaluateOptions = {}): ReadinessReport {
	const evaluation = evaluate(snapshot, options);
	const profileItems = itemsOf(evaluation.profile);
	const locations = snapshot.locations ?? {};
	const workloads: WorkloadReport[] = evaluation.workloads.map((w) => {
		const location = locations[`${w.kind}/${w.name}`];
		return {
			kind: w.kind,
			name: w.name,
			namespace: w.namespace,
			status: w.status,
			items: w.items,
			notes: w.notes,
			...(location === undefined ? {} : { location }),
		};
	});
	const visibility = Object.entries(snapshot.resources)
		.filter(([, list]) => list !== undefined && list.state !== "listed")
		.map(([kind, list]) => ({
			kind: kind as SnapshotKind,
			state: (list as ResourceList).state,
			...((list as ResourceList).reason === undefined ? {} : { reason: (list as ResourceList).reason as string }),
		}));
	return {
		namespace: snapshot.namespace,
		source: snapshot.source,
		origin: snapshot.origin,
		...(snapshot.reading === undefined ? {} : { reading: snapshot.reading }),
		takenAt: snapshot.takenAt,
		profile: evaluation.profile,
		items: profileItems,
		workloads,
		namespaceFindings: evaluation.namespaceFindings,
		failingNow: liveFailures(evaluation.context.workloads),
		visibility,
		notJudged: notJudged(
			(snapshot.others ?? []).filter((o) => !hasPodTemplate(o)),
			locations,
		),
		summary: summarize(workloads, profileItems),
		locations,
	};
}

/** Every namespace of a run, by name, with one summary over all of them. */
export function buildAudit(
	snapshots: readonly NamespaceSnapshot[],
	options: EvaluateOptions = {},
	skipped: readonly SkippedFile[] = [],
): AuditReport {
	const reports = [...snapshots].sort((a, b) => (a.namespace < b.namespace ? -1 : 1)).map((s) => buildReport(s, options));
	const profile = options.profile ?? "core";
	const items = itemsOf(profile);
	return {
		reports,
		skipped,
		profile,
		items,
		summary: summarize(
			reports.flatMap((r) => r.workloads),
			items,
		),
	};
}

function summarize(workloads: readonly WorkloadReport[], items: readonly ItemId[]): Summary {
	const counts: Partial<Record<ItemId, ItemCounts>> = {};
	let pass = 0;
	let warn = 0;
	let fail = 0;
	let unknown = 0;
	for (const item of items) counts[item] = { pass: 0, warn: 0, fail: 0, unknown: 0, "n/a": 0, exempt: 0 };
	const worst: { kind: string; name: string; fail: number; warn: number }[] = [];
	for (const w of workloads) {
		let wFail = 0;
		let wWarn = 0;
		for (const item of items) {
			const result = w.items[item];
			const count = counts[item];
			if (result === undefined || count === undefined) continue;
			if (result.exempt !== undefined) {
				count.exempt++;
				continue;
			}
			count[result.status]++;
			if (result.status === "pass") pass++;
			else if (result.status === "unknown") unknown++;
			else if (result.status === "warn") {
				warn++;
				wWarn++;
			} else if (result.status === "fail") {
				fail++;
				wFail++;
			}
		}
		if (wFail + wWarn > 0) worst.push({ kind: w.kind, name: w.name, fail: wFail, warn: wWarn });
	}
	worst.sort((a, b) => b.fail - a.fail || b.warn - a.warn || a.name.localeCompare(b.name));
	const denominator = 2 * pass + warn + unknown + 2 * fail;
	return {
		workloads: workloads.length,
		passing: workloads.filter((w) => w.status === "pass" || w.status === "n/a").length,
		failing: workloads.filter((w) => w.status === "fail").length,
		unknownItems: unknown,
		score: denominator === 0 ? null : Math.floor((200 * pass) / denominator),
		items: counts,
		worst: worst.slice(0, 5),
	};
}

/** Whether anything in the report fails: a workload's item (not exempt) or an object on its own. */
function fails(report: ReadinessReport): boolean {
	return report.workloads.some((w) => w.status === "fail") || report.namespaceFindings.some((f) => f.level === "fail");
}

/**
 * The CLI's exit code: 1 when any workload fails an item that is not exempt, or an object fails
 * on its own (an invalid object, a cluster-admin binding), else 0. Warnings and unknowns do not
 * fail a pipeline (the contract: 1 only when something fails); the output still shows them.
 */
export function reportExitCode(report: ReadinessReport | AuditReport): 0 | 1 {
	const reports = "reports" in report ? report.reports : [report];
	return reports.some(fails) ? 1 : 0;
}

/** A single namespace's report as a run of one, so renderers take either. */
export function asAudit(report: ReadinessReport | AuditReport): AuditReport {
	if ("reports" in report) return report;
	return { reports: [report], skipped: [], profile: report.profile, items: report.items, summary: report.summary };
}
