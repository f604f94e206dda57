import type { NamespaceSnapshot } from "../snapshot.ts";
import { CHECKS } from "./catalog.ts";
import { buildContext, type EvaluationContext, type EvaluationOptions } from "./context.ts";
import { readExemptions } from "./exemptions.ts";
import { namespaceFindings } from "./namespace-findings.ts";
import { evaluatorFor } from "./registry.ts";
import {
	type CheckDefinition,
	type Exemption,
	type Finding,
	type FindingLevel,
	type ItemId,
	type ItemResult,
	type ItemStatus,
	itemsOf,
	type Profile,
	type Workload,
} from "./types.ts";

export interface WorkloadResult {
	readonly kind: string;
	readonly name: string;
	readonly namespace: string;
	/** Worst verdict over the items that are neither exempt nor n/a. */
	readonly status: ItemStatus;
	readonly items: Readonly<Partial<Record<ItemId, ItemResult>>>;
	/** Exemption annotations that were ignored, and why. */
	readonly notes: readonly string[];
	readonly workload: Workload;
}

export interface Evaluation {
	readonly profile: Profile;
	readonly workloads: readonly WorkloadResult[];
	readonly namespaceFindings: readonly Finding[];
	readonly context: EvaluationContext;
}

export interface EvaluateOptions extends Partial<EvaluationOptions> {
	readonly profile?: Profile;
}

/**
 * Verdicts by evidence: a definite finding is never hidden behind an unknown. `fail` if any check
 * fails, else `warn` if any warns, else `unknown` if something could not be seen, else `pass`;
 * `n/a` only when nothing applies.
 */
const RANK: Record<ItemStatus, number> = { "n/a": -1, pass: 0, unknown: 1, warn: 2, fail: 3 };

/** Worst of several verdicts, by evidence: fail, then warn, then unknown, then pass. */
export function worst(statuses: Iterable<ItemStatus>): ItemStatus {
	let result: ItemStatus = "n/a";
	for (const status of statuses) if (RANK[status] > RANK[result]) result = status;
	return result;
}

function levelStatus(level: FindingLevel): ItemStatus {
	return level === "info" || level === "note" ? "pass" : level;
}

/** Pure: the same snapshot, options and clock give the same result. */
export function evaluate(snapshot: NamespaceSnapshot, options: EvaluateOptions = {}): Evaluation {
	const profile = options.profile ?? "core";
	const context = buildContext(snapshot, { cpuLimit: options.cpuLimit ?? "require", now: options.now ?? new Date() });
	const items = itemsOf(profile);
	const byItem = new Map<ItemId, CheckDefinition[]>();
	for (const check of CHECKS) {
		const list = byItem.get(check.item);
		if (list === undefined) byItem.set(check.item, [check]);
		else list.push(check);
	}
	// Which checks apply, per workload class and item, worked out once rather than per workload.
	const plans = new Map<string, ReadonlyMap<ItemId, readonly CheckDefinition[]>>();
	const planFor = (workload: Workload) => {
		let plan = plans.get(workload.cls);
		if (plan === undefined) {
			plan = new Map(items.map((item) => [item, (byItem.get(item) ?? []).filter((c) => c.appliesTo.includes(workload.cls))]));
			plans.set(workload.cls, plan);
		}
		return plan;
	};
	const workloads = context.workloads.map((workload) => evaluateWorkload(workload, context, items, planFor(workload), byItem));
	return { profile, workloads, namespaceFindings: namespaceFindings(context), context };
}

function evaluateWorkload(
	workload: Workload,
	context: EvaluationContext,
	items: readonly ItemId[],
	plan: ReadonlyMap<ItemId, readonly CheckDefinition[]>,
	byItem: ReadonlyMap<ItemId, readonly CheckDefinition[]>,
): WorkloadResult {
	const exemptions = new Map<ItemId, Exemption>();
	const ignored = new Map<ItemId, string[]>();
	const notes: string[] = [];
	const own = workload.object?.metadata.annotations;
	// The workload's own annotation wins over its pod template's.
	const annotations = own === undefined ? workload.podAnnotations : { ...workload.podAnnotations, ...own };
	for (const read of readExemptions(annotations, context.options.now)) {
		if (read.kind === "valid") exemptions.set(read.item, read.exemption);
		else if (read.item === undefined) notes.push(`${read.key} ignored: ${read.why}.`);
		else ignored.set(read.item, [...(ignored.get(read.item) ?? []), `${read.key} ignored: ${read.why}.`]);
	}

	const results: Partial<Record<ItemId, ItemResult>> = {};
	for (const item of items) {
		let status: ItemStatus = "n/a";
		const findings: Finding[] = [];
		for (const check of plan.get(item) ?? []) {
			const outcome = evaluatorFor(check)(workload, context, check);
			if (outcome === "n/a") continue;
			if ("notApplicable" in outcome) {
				findings.push(outcome.notApplicable);
				continue;
			}
			if (RANK[status] < RANK.pass) status = "pass";
			for (const f of outcome) {
				const s = levelStatus(f.level);
				if (RANK[s] > RANK[status]) status = s;
				findings.push(f);
			}
		}
		for (const why of ignored.get(item) ?? []) {
			const check = byItem.get(item)?.[0];
			if (check !== undefined) findings.push({ check: check.id, level: "note", message: why, term: check.term, episode: check.episode });
		}
		const exempt = exemptions.get(item);
		results[item] = exempt === undefined ? { status, findings } : { status, findings, exempt };
	}
	const counted = items.flatMap((item) => {
		const result = results[item];
		return result === undefined || result.exempt !== undefined ? [] : [result.status];
	});
	return {
		kind: workload.kind,
		name: workload.name,
		namespace: workload.namespace,
		status: worst(counted),
		items: results,
		notes,
		workload,
	};
}

/** One check's verdict per workload, for fixtures and tools that look at a single rule. */
export function evaluateCheck(
	snapshot: NamespaceSnapshot,
	checkId: string,
	options: EvaluateOptions = {},
): { readonly workload: string; readonly status: ItemStatus; readonly findings: readonly Finding[] }[] {
	const check = CHECKS.find((c) => c.id === checkId);
	if (check === undefined) throw new Error(`readiness/unknown-check: no check with id "${checkId}"`);
	const context = buildContext(snapshot, { cpuLimit: options.cpuLimit ?? "require", now: options.now ?? new Date() });
	return context.workloads.map((workload) => {
		const outcome = check.appliesTo.includes(workload.cls) ? evaluatorFor(check)(workload, context, check) : "n/a";
		const name = `${workload.kind}/${workload.name}`;
		if (outcome === "n/a") return { workload: name, status: "n/a" as const, findings: [] };
		if ("notApplicable" in outcome) return { workload: name, status: "n/a" as const, findings: [outcome.notApplicable] };
		return { workload: name, status: worst(["pass", ...outcome.map((f) => levelStatus(f.level))]), findings: outcome };
	});
}
