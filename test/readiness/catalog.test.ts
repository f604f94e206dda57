import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/readiness/checks/catalog.ts";
import { EVALUATORS } from "../../src/readiness/checks/registry.ts";
import { COMPLETE_ITEMS } from "../../src/readiness/checks/types.ts";

/** Glossary ids from the course pack plan; a finding's `/explain <term>` must land on one. */
const GLOSSARY = new Set(
	`production-mindset readiness-checklist failure-patterns blast-radius pod deployment replicaset namespace oomkilled exit-code-137
resource-requests resource-limits qos-classes cpu-throttling resource-units limitrange resourcequota node-pressure-eviction load-testing
rbac role clusterrole rolebinding clusterrolebinding service-account least-privilege cluster-admin kubernetes-secret external-secrets
sealed-secrets forbidden-error kubectl-auth-can-i security-context image-scanning crashloopbackoff imagepullbackoff pending-pod
liveness-probe readiness-probe startup-probe createcontainerconfigerror kubectl-describe kubectl-logs kubernetes-events kubectl-debug
taints-tolerations graceful-shutdown statefulset persistent-volume persistent-volume-claim storageclass emptydir volume-binding-mode
reclaim-policy headless-service velero rto-rpo volume-snapshot access-modes multi-attach-error service ingress gateway-api cni
network-policy default-deny coredns kube-proxy service-mesh mtls no-endpoints prometheus golden-signals servicemonitor alerting-rules
alertmanager grafana thanos log-aggregation metric-cardinality slo kube-state-metrics kubecost hpa vpa cluster-autoscaler karpenter
spot-instances over-provisioning finops gitops argo-cd flux kustomize helm app-of-apps rolling-update canary-deployment
blue-green-deployment argo-rollouts drift-detection pod-disruption-budget multi-cluster hub-and-spoke kyverno gatekeeper
admission-controller applicationset disaster-recovery cluster-api`.split(/\s+/),
);

describe("check catalog", () => {
	it("pairs every check with an evaluator and every evaluator with a check", () => {
		expect(Object.keys(EVALUATORS).sort()).toEqual(CHECKS.map((c) => c.id).sort());
	});

	it("has unique ids prefixed by a checklist item, and links each to a glossary term", () => {
		expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
		for (const check of CHECKS) {
			expect(COMPLETE_ITEMS).toContain(check.item);
			expect(check.id.startsWith(check.item)).toBe(true);
			expect(GLOSSARY.has(check.term), `${check.id} links to unknown term ${check.term}`).toBe(true);
			expect(check.episode).toBeGreaterThanOrEqual(1);
			expect(check.episode).toBeLessThanOrEqual(10);
			expect(check.appliesTo.length).toBeGreaterThan(0);
		}
	});

	it("covers every checklist item", () => {
		expect(new Set(CHECKS.map((c) => c.item))).toEqual(new Set(COMPLETE_ITEMS));
	});
});
