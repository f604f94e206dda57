import type { KubeObject } from "../snapshot.ts";
import type { EvaluationContext } from "./context.ts";
import { blindFix, type Evaluator, finding, notApplicable, once, refOf, unseen } from "./outcome.ts";
import { judgedContainers } from "./pod-containers.ts";
import { label } from "./resources.ts";
import { effectiveSecurity, rootVerdict } from "./security-context.ts";
import type { ContainerView, Finding, Workload } from "./types.ts";
import { containersOf, controllerRef } from "./workloads.ts";

/**
 * Non-root, privileges, image pinning, image scan evidence and network isolation. Ephemeral
 * containers (kubectl debug sessions on live pods) are judged for root and privileges only, as
 * warnings: Pod Security admission judges them too, but they are not the workload's design.
 */

const DANGEROUS_CAPABILITIES = new Set([
	"ALL",
	"SYS_ADMIN",
	"NET_ADMIN",
	"SYS_PTRACE",
	"SYS_MODULE",
	"SYS_RAWIO",
	"BPF",
	"DAC_READ_SEARCH",
]);

export function imageReference(image: string): { pinned: "digest" | "tag" | "latest" | "none"; tag?: string } {
	if (image.includes("@sha256:")) return { pinned: "digest" };
	const lastSegment = image.slice(image.lastIndexOf("/") + 1);
	const colon = lastSegment.lastIndexOf(":");
	if (colon === -1) return { pinned: "none" };
	const tag = lastSegment.slice(colon + 1);
	return tag === "latest" ? { pinned: "latest", tag } : { pinned: "tag", tag };
}

interface Report {
	readonly container: string;
	readonly critical: number;
	readonly high: number;
	readonly name: string;
}

/** VulnerabilityReports by the top owner they describe (trivy labels the ReplicaSet and Job, not the Deployment/CronJob). */
function reportsByWorkload(context: EvaluationContext): Map<string, Report[]> {
	return once(context, "vuln:index", () => {
		const owners = new Map<string, KubeObject>();
		for (const kind of ["ReplicaSet", "Job"] as const) {
			for (const o of context.list(kind).items) owners.set(`${kind}/${o.metadata.name}`, o);
		}
		const workloadKeys = new Set(context.workloads.map((w) => `${w.kind}/${w.name}`));
		const resolve = (kind: string, name: string): string => {
			const object = owners.get(`${kind}/${name}`);
			const owner = object === undefined ? undefined : controllerRef(object);
			if (owner !== undefined) return resolve(owner.kind, owner.name);
			if (kind === "ReplicaSet") {
				const prefix = name.slice(0, name.lastIndexOf("-"));
				if (workloadKeys.has(`Deployment/${prefix}`)) return `Deployment/${prefix}`;
			}
			if (kind === "Job") {
				const prefix = name.slice(0, name.lastIndexOf("-"));
				if (workloadKeys.has(`CronJob/${prefix}`)) return `CronJob/${prefix}`;
			}
			return `${kind}/${name}`;
		};
		const index = new Map<string, Report[]>();
		for (const report of context.list("VulnerabilityReport").items) {
			const labels = report.metadata.labels ?? {};
			const kind = labels["trivy-operator.resource.kind"];
			const name = labels["trivy-operator.resource.name"];
			const container = labels["trivy-operator.container.name"];
			if (kind === undefined || name === undefined || container === undefined) continue;
			const summary = ((report as { report?: { summary?: { criticalCount?: number; highCount?: number } } }).report?.summary ?? {}) as {
				criticalCount?: number;
				highCount?: number;
			};
			const key = resolve(kind, name);
			const entry = { container, critical: summary.criticalCount ?? 0, high: summary.highCount ?? 0, name: report.metadata.name };
			const list = index.get(key);
			if (list === undefined) index.set(key, [entry]);
			else list.push(entry);
		}
		return index;
	});
}

function policyTypes(policy: KubeObject): string[] {
	const spec = (policy.spec ?? {}) as { policyTypes?: string[]; egress?: unknown };
	if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes;
	// As the API defaults it: Ingress always, Egress when there are egress rules.
	return ["Ingress", ...(Array.isArray(spec.egress) && spec.egress.length > 0 ? ["Egress"] : [])];
}

function allowsAllIngress(policy: KubeObject): boolean {
	const rules = ((policy.spec ?? {}) as { ingress?: readonly { from?: readonly unknown[]; ports?: readonly unknown[] }[] }).ingress ?? [];
	// A rule with no `from` and no `ports` admits every source on every port.
	return rules.some((r) => (r.from ?? []).length === 0 && (r.ports ?? []).length === 0);
}

function networkFindings(workload: Workload, context: EvaluationContext, check: Parameters<Evaluator>[2]): Finding[] {
	const policies = context.selecting("NetworkPolicy", workload);
	const blind = unseen(context, "NetworkPolicy");
	if (policies.length === 0) {
		if (blind !== undefined) {
			return [
				finding(check, "unknown", `Cannot tell whether a NetworkPolicy isolates it: ${blind}.`, {
					fix: blindFix(context, "NetworkPolicy"),
				}),
			];
		}
		const where = context.snapshot.origin === "files" ? " in the files" : "";
		return [finding(check, "fail", `is not selected by any NetworkPolicy${where}: every pod in the cluster can reach it.`)];
	}
	const ingress = policies.filter((p) => policyTypes(p).includes("Ingress"));
	if (ingress.length === 0) {
		// Egress-only policies restrict what the pods send, not who reaches them.
		const names = policies.map((p) => p.metadata.name).join(", ");
		return [
			finding(
				check,
				"fail",
				`is selected only by NetworkPolicies with policyTypes [Egress] (${names}): its ingress stays open to every pod.`,
				{
					object: refOf(policies[0] as KubeObject),
					fix: "Add Ingress to policyTypes (with the ingress rules the app needs), or a default-deny ingress policy.",
				},
			),
		];
	}
	const open = ingress.find(allowsAllIngress);
	if (open !== undefined) {
		return [
			finding(check, "warn", `NetworkPolicy ${open.metadata.name} has an ingress rule that admits all sources on all ports.`, {
				object: refOf(open),
			}),
		];
	}
	const denyAll = ingress.find((p) => ((p.spec as { ingress?: unknown[] }).ingress ?? []).length === 0);
	return denyAll === undefined
		? []
		: [
				finding(check, "info", `ingress is default-deny (NetworkPolicy ${denyAll.metadata.name}), opened only by allow rules.`, {
					object: refOf(denyAll),
				}),
			];
}

const EPHEMERAL_FIX =
	"Delete the pod once debugging is over (an ephemeral container stays until the pod is replaced); prefer kubectl debug --profile=general or restricted.";

function session(view: ContainerView, pod: string | undefined): string {
	return `ephemeral container "${view.name}"${pod === undefined ? "" : ` on pod ${pod}`} (a kubectl debug session)`;
}

export const securityEvaluators: Readonly<Record<string, Evaluator>> = {
	"security-non-root": (workload, _context, check) => {
		if ((workload.podSpec as { os?: { name?: string } }).os?.name === "windows") return "n/a";
		const findings: Finding[] = [];
		for (const { view, podSpec, pod } of judgedContainers(workload)) {
			if (!check.containers.includes(view.cls)) continue;
			const verdict = rootVerdict(effectiveSecurity(podSpec, view));
			if (verdict.level === "pass") continue;
			if (view.cls === "ephemeral") {
				// A debugging session, not the workload's design: worth knowing, not a failed gate.
				findings.push(finding(check, "warn", `${session(view, pod)} ${verdict.why}.`, { container: view.name, fix: EPHEMERAL_FIX }));
			} else findings.push(finding(check, verdict.level, `${label(view)} ${verdict.why}.`, { container: view.name }));
		}
		return findings;
	},
	"security-privileged": (workload, _context, check) => {
		const findings: Finding[] = [];
		const spec = workload.podSpec;
		const shared = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((f) => spec[f] === true);
		if (shared.length > 0) findings.push(finding(check, "fail", `shares the node's namespaces (${shared.join(", ")}).`));
		for (const { view, podSpec, pod } of judgedContainers(workload)) {
			if (!check.containers.includes(view.cls)) continue;
			const security = effectiveSecurity(podSpec, view);
			if (view.cls === "ephemeral") {
				const caps = security.capabilitiesAdded.filter((c) => DANGEROUS_CAPABILITIES.has(c));
				const what = [
					...(security.privileged === true ? ["runs privileged"] : []),
					...(caps.length > 0 ? [`adds ${caps.join(", ")}`] : []),
				];
				if (what.length > 0) {
					findings.push(finding(check, "warn", `${session(view, pod)} ${what.join(", ")}.`, { container: view.name, fix: EPHEMERAL_FIX }));
				}
				continue;
			}
			const problems: string[] = [];
			if (security.privileged === true) problems.push("runs privileged");
			if (security.allowPrivilegeEscalation === true && security.privileged !== true) problems.push("allows privilege escalation");
			const caps = security.capabilitiesAdded.filter((c) => DANGEROUS_CAPABILITIES.has(c));
			if (caps.length > 0) problems.push(`adds capabilities ${caps.join(", ")}`);
			if (problems.length > 0) {
				findings.push(finding(check, "fail", `${label(view)} ${problems.join(", ")}.`, { container: view.name }));
			} else if (security.allowPrivilegeEscalation === undefined && security.privileged !== true) {
				// Unset means allowed (no_new_privs is off). The restricted Pod Security Standard asks for
				// an explicit false, baseline does not: a warning, not Polaris's failure.
				findings.push(
					finding(check, "warn", `${label(view)} does not set allowPrivilegeEscalation: false, so setuid binaries can gain privileges.`, {
						container: view.name,
					}),
				);
			}
		}
		return findings;
	},
	"security-image-tag": (workload, _context, check) => {
		const findings: Finding[] = [];
		for (const view of containersOf(workload.podSpec)) {
			if (!check.containers.includes(view.cls) || view.spec.image === undefined) continue;
			const ref = imageReference(view.spec.image);
			if (ref.pinned === "latest" || ref.pinned === "none") {
				const what = ref.pinned === "latest" ? "uses the :latest tag" : "has no tag (which means :latest)";
				findings.push(finding(check, "fail", `${label(view)} image ${view.spec.image} ${what}.`, { container: view.name }));
			}
		}
		return findings;
	},
	"security-image-scan": (workload, context, check) => {
		const list = context.list("VulnerabilityReport");
		if (list.state === "live-only") {
			return notApplicable(
				check,
				"image scan results are evidence only a running cluster has (trivy-operator VulnerabilityReports), so manifests cannot show them.",
				"Scan the images in CI, or audit the running namespace with --namespace.",
			);
		}
		if (list.state === "absent") {
			return [finding(check, "warn", "has no scan evidence: trivy-operator (VulnerabilityReport) is not installed in the cluster.")];
		}
		const blind = unseen(context, "VulnerabilityReport");
		if (blind !== undefined) {
			return [finding(check, "unknown", `Image scan reports not visible: ${blind}.`, { fix: blindFix(context, "VulnerabilityReport") })];
		}
		const reports = reportsByWorkload(context).get(`${workload.kind}/${workload.name}`) ?? [];
		const findings: Finding[] = [];
		for (const view of containersOf(workload.podSpec)) {
			if (!check.containers.includes(view.cls)) continue;
			const report = reports.find((r) => r.container === view.name);
			if (report === undefined) {
				findings.push(finding(check, "warn", `${label(view)}: no VulnerabilityReport for its image.`, { container: view.name }));
			} else if (report.critical > 0) {
				findings.push(
					finding(check, "fail", `${label(view)} image has ${report.critical} critical and ${report.high} high vulnerabilities.`, {
						container: view.name,
						object: { kind: "VulnerabilityReport", name: report.name },
						fix: "Upgrade the base image or the vulnerable packages, rebuild and redeploy.",
					}),
				);
			}
		}
		return findings;
	},
	"security-network-policy": (workload, context, check) => networkFindings(workload, context, check),
};
