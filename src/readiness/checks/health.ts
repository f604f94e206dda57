import { type Evaluator, finding } from "./outcome.ts";
import { label } from "./resources.ts";
import type { CheckDefinition, Finding, Workload } from "./types.ts";
import { containersOf } from "./workloads.ts";

/**
 * Probes on long-running containers. Init containers cannot have probes (the API rejects them);
 * native sidecars run for the pod's life, so a missing probe there is a warning; ephemeral
 * containers are debugging tools and never judged. A bare pod that is meant to finish
 * (restartPolicy Never/OnFailure) is a batch pod: probes are n/a, as for Jobs.
 */

function runsToCompletion(workload: Workload): boolean {
	const policy = (workload.podSpec as { restartPolicy?: string }).restartPolicy;
	return workload.cls === "Pod" && (policy === "Never" || policy === "OnFailure");
}

function missingProbe(workload: Workload, check: CheckDefinition, probe: "readinessProbe" | "livenessProbe") {
	if (runsToCompletion(workload)) return "n/a" as const;
	const findings: Finding[] = [];
	const name = probe === "readinessProbe" ? "readiness" : "liveness";
	for (const view of containersOf(workload.podSpec)) {
		if (!check.containers.includes(view.cls)) continue;
		if (view.spec[probe] !== undefined && view.spec[probe] !== null) continue;
		const level = view.cls === "sidecar" ? "warn" : check.severity;
		findings.push(finding(check, level, `${label(view)} has no ${name} probe.`, { container: view.name }));
	}
	return findings;
}

/** Structural equality, independent of key order (two probes written differently compare equal). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	let count = 0;
	for (const key in ra) {
		count++;
		if (!Object.hasOwn(rb, key) || !sameValue(ra[key], rb[key])) return false;
	}
	for (const _ in rb) count--;
	return count === 0;
}

export const healthEvaluators: Readonly<Record<string, Evaluator>> = {
	"health-readiness-probe": (workload, _context, check) => missingProbe(workload, check, "readinessProbe"),
	"health-liveness-probe": (workload, _context, check) => missingProbe(workload, check, "livenessProbe"),
	"health-probes-identical": (workload, _context, check) => {
		if (runsToCompletion(workload)) return "n/a";
		const findings: Finding[] = [];
		for (const view of containersOf(workload.podSpec)) {
			if (!check.containers.includes(view.cls)) continue;
			const { livenessProbe, readinessProbe } = view.spec;
			if (livenessProbe === undefined || readinessProbe === undefined) continue;
			// Same endpoint with different thresholds is fine (kube-score #339): compare everything.
			if (sameValue(livenessProbe, readinessProbe)) {
				findings.push(finding(check, "warn", `${label(view)} has identical liveness and readiness probes.`, { container: view.name }));
			}
		}
		return findings;
	},
};
