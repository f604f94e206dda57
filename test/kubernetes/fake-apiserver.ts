// A local stand-in of the Kubernetes API on 127.0.0.1: real TLS (a throwaway CA the kubeconfig
// trusts), bearer-token auth, the real REST paths for lists, gets and discovery, limit/continue
// pagination, and knobs for the failures a live audit meets (403 per path, 5xx, delays, a hung
// server, expired continue tokens). It records every request so tests can assert the plan.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { type TestCertificates, testCertificates } from "./test-certs.ts";

export interface FakeResource {
	readonly group: string;
	readonly version: string;
	readonly plural: string;
	readonly kind: string;
	readonly namespaced: boolean;
}

export interface LoggedRequest {
	readonly method: string;
	readonly path: string;
	readonly query: string;
	readonly params: URLSearchParams;
	readonly authorized: boolean;
}

type Obj = { metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };
type PathMatch = string | RegExp;

const r = (group: string, version: string, plural: string, kind: string, namespaced = true): FakeResource => ({
	group,
	version,
	plural,
	kind,
	namespaced,
});

/** What every cluster serves (Secrets included, so a request for them would succeed and be seen). */
export const BUILT_IN: readonly FakeResource[] = [
	r("", "v1", "namespaces", "Namespace", false),
	r("", "v1", "pods", "Pod"),
	r("", "v1", "replicationcontrollers", "ReplicationController"),
	r("", "v1", "services", "Service"),
	r("", "v1", "serviceaccounts", "ServiceAccount"),
	r("", "v1", "limitranges", "LimitRange"),
	r("", "v1", "resourcequotas", "ResourceQuota"),
	r("", "v1", "secrets", "Secret"),
	r("", "v1", "configmaps", "ConfigMap"),
	r("apps", "v1", "deployments", "Deployment"),
	r("apps", "v1", "statefulsets", "StatefulSet"),
	r("apps", "v1", "daemonsets", "DaemonSet"),
	r("apps", "v1", "replicasets", "ReplicaSet"),
	r("batch", "v1", "jobs", "Job"),
	r("batch", "v1", "cronjobs", "CronJob"),
	r("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget"),
	r("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy"),
	r("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler"),
	r("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler"),
	r("rbac.authorization.k8s.io", "v1", "roles", "Role"),
	r("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding"),
	r("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
	r("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
];

/** Core events, served only to tests that ask for them (`crds: [EVENTS]`), so discovery stays as before for the others. */
export const EVENTS: FakeResource = r("", "v1", "events", "Event");

/** CRD-backed kinds a test can install (`crds` option), by group. */
export const CRDS = {
	prometheus: [
		r("monitoring.coreos.com", "v1", "servicemonitors", "ServiceMonitor"),
		r("monitoring.coreos.com", "v1", "podmonitors", "PodMonitor"),
		r("monitoring.coreos.com", "v1", "prometheusrules", "PrometheusRule"),
	],
	trivy: [r("aquasecurity.github.io", "v1alpha1", "vulnerabilityreports", "VulnerabilityReport")],
	argo: [r("argoproj.io", "v1alpha1", "applications", "Application"), r("argoproj.io", "v1alpha1", "rollouts", "Rollout")],
	openshift: [r("apps.openshift.io", "v1", "deploymentconfigs", "DeploymentConfig")],
	kyverno: [r("kyverno.io", "v1", "clusterpolicies", "ClusterPolicy", false), r("kyverno.io", "v1", "policies", "Policy")],
	velero: [r("velero.io", "v1", "schedules", "Schedule"), r("velero.io", "v1", "backups", "Backup")],
} as const;

const status = (code: number, reason: string, message: string) => ({
	kind: "Status",
	apiVersion: "v1",
	metadata: {},
	status: "Failure",
	message,
	reason,
	code,
});

export interface FakeApiServer {
	readonly url: string;
	readonly token: string;
	readonly certs: TestCertificates;
	readonly requests: LoggedRequest[];
	/** TLS connections accepted so far (to see keep-alive reuse). */
	connections(): number;
	/** The most requests waiting for their answer at the same time since the last call (to see parallel reads). */
	maxInFlight(): number;
	addNamespace(name: string): void;
	/** Stores objects of a served resource (namespaced ones carry metadata.namespace). */
	add(plural: string, group: string, ...objects: Obj[]): void;
	/** Answers 403 Forbidden to matching paths. */
	forbid(path: PathMatch): void;
	/** Answers the given status (e.g. 500, 503) to matching paths. */
	fail(path: PathMatch, code: number): void;
	/** Never answers matching paths (`true`: every path). */
	hang(path: PathMatch | true): void;
	/** Added before every answer, in ms. */
	setDelay(ms: number): void;
	/** The next request with a continue token for a matching path gets 410 Expired. */
	expireNextContinue(path: PathMatch): void;
	close(): Promise<void>;
}

const matches = (rule: PathMatch, path: string) => (typeof rule === "string" ? rule === path : rule.test(path));

/** Equality-based selectors, as the API server reads them: `app=web,tier=api`, `involvedObject.name=web-0`. */
function selected(object: Obj, labelSelector: string | null, fieldSelector: string | null): boolean {
	const pairs = (selector: string | null) =>
		(selector ?? "")
			.split(",")
			.filter(Boolean)
			.map((pair) => pair.split("=", 2) as [string, string]);
	const labels = (object.metadata.labels ?? {}) as Record<string, string>;
	if (!pairs(labelSelector).every(([key, value]) => labels[key] === value)) return false;
	return pairs(fieldSelector).every(([path, value]) => {
		let at: unknown = object;
		for (const part of path.split(".")) at = (at as Record<string, unknown> | undefined)?.[part];
		return at === value;
	});
}

export async function startFakeApiServer(options: { crds?: readonly FakeResource[] } = {}): Promise<FakeApiServer> {
	const certs = testCertificates();
	const token = "kubecoach-test-token";
	const served = [...BUILT_IN, ...(options.crds ?? [])];
	const store = new Map<FakeResource, Obj[]>();
	const namespaces = new Set<string>();
	const requests: LoggedRequest[] = [];
	const forbidden: PathMatch[] = [];
	const failures: { path: PathMatch; code: number }[] = [];
	const hung: (PathMatch | true)[] = [];
	const expiring: PathMatch[] = [];
	let delayMs = 0;
	let inFlight = 0;
	let peak = 0;

	const find = (group: string, version: string, plural: string) =>
		served.find((x) => x.group === group && x.version === version && x.plural === plural);

	function discovery(parts: readonly string[]): unknown {
		if (parts.length === 1 && parts[0] === "api") return { kind: "APIVersions", versions: ["v1"] };
		if (parts.length === 1) {
			const groups = new Map<string, string[]>();
			for (const x of served) if (x.group !== "") groups.set(x.group, [...new Set([...(groups.get(x.group) ?? []), x.version])]);
			return {
				kind: "APIGroupList",
				apiVersion: "v1",
				groups: [...groups].map(([name, versions]) => ({
					name,
					versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
					preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
				})),
			};
		}
		const [group, version] = parts[0] === "api" ? ["", parts[1]] : [parts[1], parts[2]];
		const resources = served.filter((x) => x.group === group && x.version === version);
		if (resources.length === 0) return undefined;
		return {
			kind: "APIResourceList",
			apiVersion: "v1",
			groupVersion: group === "" ? version : `${group}/${version}`,
			resources: resources.flatMap((x) => [
				{ name: x.plural, namespaced: x.namespaced, kind: x.kind, verbs: ["get", "list", "watch"] },
				{ name: `${x.plural}/status`, namespaced: x.namespaced, kind: x.kind, verbs: ["get"] },
			]),
		};
	}

	function handle(path: string, params: URLSearchParams): [number, unknown] {
		const parts = path.split("/").filter(Boolean);
		const isCore = parts[0] === "api";
		if ((isCore && parts.length <= 2) || (parts[0] === "apis" && parts.length <= 3)) {
			const body = discovery(parts);
			return body ? [200, body] : [404, status(404, "NotFound", "the server could not find the requested resource")];
		}
		const [group, version, rest] = isCore ? ["", parts[1] ?? "", parts.slice(2)] : [parts[1] ?? "", parts[2] ?? "", parts.slice(3)];
		if (group === "" && rest[0] === "namespaces" && rest.length === 2) {
			const name = rest[1] ?? "";
			if (!namespaces.has(name)) return [404, status(404, "NotFound", `namespaces "${name}" not found`)];
			return [200, { apiVersion: "v1", kind: "Namespace", metadata: { name }, status: { phase: "Active" } }];
		}
		const ns = rest[0] === "namespaces" ? rest[1] : undefined;
		const tail = ns === undefined ? rest : rest.slice(2);
		const resource = find(group, version, tail[0] ?? "");
		if (resource && tail.length === 2 && (ns !== undefined) === resource.namespaced) {
			// One object by name, as `kubectl get pod NAME` asks for it.
			const name = tail[1] ?? "";
			const object = (store.get(resource) ?? []).find((o) => o.metadata.name === name && o.metadata.namespace === ns);
			if (!object) return [404, status(404, "NotFound", `${resource.plural} "${name}" not found`)];
			return [200, { apiVersion: group === "" ? version : `${group}/${version}`, kind: resource.kind, ...object }];
		}
		if (!resource || tail.length !== 1 || (ns !== undefined && !resource.namespaced)) {
			return [404, status(404, "NotFound", "the server could not find the requested resource")];
		}
		const all = (store.get(resource) ?? []).filter(
			(o) => (ns === undefined || o.metadata.namespace === ns) && selected(o, params.get("labelSelector"), params.get("fieldSelector")),
		);
		const limit = Number(params.get("limit") ?? 0) || all.length;
		const token = params.get("continue");
		if (token !== null) {
			const expired = expiring.findIndex((rule) => matches(rule, path));
			if (expired >= 0) {
				expiring.splice(expired, 1);
				return [410, status(410, "Expired", "The provided continue parameter is too old to display a consistent list result.")];
			}
		}
		const start = token ? Number(JSON.parse(Buffer.from(token, "base64url").toString()).offset) : 0;
		const end = start + limit;
		const next = end < all.length ? Buffer.from(JSON.stringify({ offset: end })).toString("base64url") : undefined;
		return [
			200,
			{
				kind: `${resource.kind}List`,
				apiVersion: group === "" ? version : `${group}/${version}`,
				metadata: { resourceVersion: "1000", ...(next ? { continue: next, remainingItemCount: all.length - end } : {}) },
				items: all.slice(start, end),
			},
		];
	}

	const server: Server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
		const url = new URL(req.url ?? "/", "https://127.0.0.1");
		const authorized = req.headers.authorization === `Bearer ${token}`;
		requests.push({ method: req.method ?? "", path: url.pathname, query: url.search, params: url.searchParams, authorized });
		if (hung.some((rule) => rule === true || matches(rule, url.pathname))) return;
		const send = (code: number, body: unknown) => {
			res.writeHead(code, { "content-type": "application/json" });
			res.end(JSON.stringify(body));
		};
		const respond = (): [number, unknown] => {
			if (!authorized) return [401, status(401, "Unauthorized", "Unauthorized")];
			if (req.method !== "GET") return [405, status(405, "MethodNotAllowed", "the stand-in only serves GET")];
			if (forbidden.some((rule) => matches(rule, url.pathname))) {
				const who = 'User "system:serviceaccount:kubecoach:kubecoach"';
				return [403, status(403, "Forbidden", `GET ${url.pathname} is forbidden: ${who} cannot list this resource`)];
			}
			const failure = failures.find((f) => matches(f.path, url.pathname));
			if (failure) return [failure.code, status(failure.code, "InternalError", "etcdserver: request timed out")];
			return handle(url.pathname, url.searchParams);
		};
		inFlight++;
		peak = Math.max(peak, inFlight);
		const answer = () => {
			inFlight--;
			send(...respond());
		};
		if (delayMs > 0) setTimeout(answer, delayMs);
		else answer();
	});
	let connections = 0;
	server.on("secureConnection", () => {
		connections++;
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

	return {
		url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
		token,
		certs,
		requests,
		connections: () => connections,
		maxInFlight: () => {
			const seen = peak;
			peak = inFlight;
			return seen;
		},
		addNamespace: (name) => namespaces.add(name),
		add(plural, group, ...objects) {
			const resource = served.find((x) => x.plural === plural && x.group === group);
			if (!resource) throw new Error(`the stand-in does not serve ${plural}.${group}`);
			const list = store.get(resource) ?? [];
			list.push(...objects);
			store.set(resource, list);
		},
		forbid: (path) => forbidden.push(path),
		fail: (path, code) => failures.push({ path, code }),
		hang: (path) => hung.push(path),
		setDelay: (ms) => {
			delayMs = ms;
		},
		expireNextContinue: (path) => expiring.push(path),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
