import { type EvaluateOptions, evaluate } from "./checks/evaluate.ts";
import { type Finding, type ItemId, type ItemResult, type ItemStatus, itemsOf, type Profile } from "./checks/types.ts";
import { type LiveFailure, liveFailures } from "./live-failures.ts";
import type { NamespaceSnapshot, ResourceList, SnapshotKind, SourceLocation } from "./snapshot.ts";

/**
 * The readiness report: per workload and item a verdict with findings, what is failing right
 * now, what could not be seen, and a namespace summary. Renderers (JSON, terminal, SARIF, chat)
 * only format it.
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

export interface ReadinessReport {
	readonly namespace: string;
	readonly source: string;
	readonly origin: "live" | "files";
	readonly takenAt: string;
	readonly profile: Profile;
	readonly items: readonly ItemId[];
	readonly workloads: readonly WorkloadReport[];
	readonly namespaceFindings: readonly Finding[];
	readonly failingNow: readonly LiveFailure[];
	/** Kinds that were not listed, and why: the limits of what this report could see. */
	readonly visibility: readonly { readonly kind: SnapshotKind; readonly state: ResourceList["state"]; readonly reason?: string }[];
	readonly summary: {
		readonly workloads: number;
		readonly passing: number;
		readonly failing: number;
		/** 0-100, Polaris's formula over item verdicts: 2·pass / (2·pass + warn + 2·fail); null when nothing was judged. */
		readonly score: number | null;
		readonly items: Readonly<Partial<Record<ItemId, ItemCounts>>>;
		readonly worst: readonly { readonly kind: string; readonly name: string; readonly fail: number; readonly warn: number }[];
	};
	/** Where objects came from (files), keyed `Kind/name`. */
	readonly locations: Readonly<Record<string, SourceLocation>>;
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
		takenAt: snapshot.takenAt,
		profile: evaluation.profile,
		items: profileItems,
		workloads,
		namespaceFindings: evaluation.namespaceFindings,
		failingNow: liveFailures(evaluation.context.workloads),
		visibility,
		summary: summarize(workloads, profileItems),
		locations,
	};
}

function summarize(workloads: readonly WorkloadReport[], items: readonly ItemId[]): ReadinessReport["summary"] {
	const counts: Partial<Record<ItemId, ItemCounts>> = {};
	let pass = 0;
	let warn = 0;
	let fail = 0;
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
			if (result.status === "warn") {
				warn++;
				wWarn++;
			}
			if (result.status === "fail") {
				fail++;
				wFail++;
			}
		}
		if (wFail + wWarn > 0) worst.push({ kind: w.kind, name: w.name, fail: wFail, warn: wWarn });
	}
	worst.sort((a, b) => b.fail - a.fail || b.warn - a.warn || a.name.localeCompare(b.name));
	const denominator = 2 * pass + warn + 2 * fail;
	return {
		workloads: workloads.length,
		passing: workloads.filter((w) => w.status === "pass" || w.status === "n/a").length,
		failing: workloads.filter((w) => w.status === "fail").length,
		score: denominator === 0 ? null : Math.round((200 * pass) / denominator),
		items: counts,
		worst: worst.slice(0, 5),
	};
}

/**
 * The CLI's exit code for a report: 1 when any workload fails an item that is not exempt, else 0.
 * Warnings and unknowns do not fail a pipeline (the contract: 1 only when any fails); the JSON
 * and terminal output still show them.
 */
export function reportExitCode(report: ReadinessReport): 0 | 1 {
	return report.workloads.some((w) => w.status === "fail") ? 1 : 0;
}
