/**
 * The user's own objects, found in what they pasted: `pods "api-7d9f8b6c5-x2x9k" is forbidden`,
 * `-n payments`, `system:serviceaccount:payments:api`, `deployment/web`, a `kubectl get pods`
 * table, `Successfully assigned shop/web-0 to ip-10-0-1-23`. They fill the answer's commands, and
 * they are taken out of the question before it is matched: a name says which object, not what the
 * problem is ("contourcert" is no topic).
 */

export type NameKind = "pod" | "namespace" | "deployment" | "serviceAccount" | "node" | "pvc" | "statefulSet" | "container";

export type ObjectNames = Partial<Record<NameKind, string>>;

export interface FoundNames {
	/** The first name of each kind the question mentions. */
	readonly names: ObjectNames;
	/** The question with every recognised name replaced by a space. */
	readonly masked: string;
}

const NAME = "[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?";
const KINDS: Record<string, NameKind | "other"> = {
	pod: "pod",
	pods: "pod",
	po: "pod",
	deployment: "deployment",
	deployments: "deployment",
	deploy: "deployment",
	"deployment.apps": "deployment",
	statefulset: "statefulSet",
	statefulsets: "statefulSet",
	sts: "statefulSet",
	"statefulset.apps": "statefulSet",
	node: "node",
	nodes: "node",
	no: "node",
	pvc: "pvc",
	persistentvolumeclaim: "pvc",
	persistentvolumeclaims: "pvc",
	serviceaccount: "serviceAccount",
	serviceaccounts: "serviceAccount",
	sa: "serviceAccount",
	namespace: "namespace",
	namespaces: "namespace",
	ns: "namespace",
	container: "container",
	containers: "container",
	service: "other",
	services: "other",
	svc: "other",
	secret: "other",
	secrets: "other",
	configmap: "other",
	configmaps: "other",
	replicaset: "other",
	rs: "other",
	job: "other",
	cronjob: "other",
	ingress: "other",
	volume: "other",
	release: "other",
	application: "other",
	daemonset: "other",
	ds: "other",
	pv: "other",
	persistentvolume: "other",
};
const KIND_WORD = Object.keys(KINDS)
	.sort((a, b) => b.length - a.length)
	.map((k) => k.replace(".", "\\."))
	.join("|");

// RBAC subresources: "pods/log" is what is asked for, not a pod named log.
const SUBRESOURCE = "(?:log|exec|attach|portforward|proxy|status|scale|eviction|binding|ephemeralcontainers)";

interface Pattern {
	readonly pattern: RegExp;
	/** Which capture group holds a name of which kind; a string is a kind word to look up. */
	readonly groups: readonly (NameKind | "kind-word" | "other")[];
	/** The name is written bare after its kind word: an English compound there is a word ("namespace cluster-wide"). */
	readonly bare?: true;
}

// Each pattern is linear: anchored on a literal, bounded name classes, no nested quantifiers.
const PATTERNS: readonly Pattern[] = [
	// system:serviceaccount:payments:api
	{ pattern: new RegExp(`system:serviceaccount:(${NAME}):(${NAME})`, "g"), groups: ["namespace", "serviceAccount"] },
	// -n payments, --namespace payments, --namespace=payments
	{ pattern: new RegExp(String.raw`(?:^|\s)(?:-n|--namespace)[= ]\s*(${NAME})`, "gm"), groups: ["namespace"] },
	// Namespace: payments (describe), namespace: payments (YAML), namespace="payments" (labels)
	{ pattern: new RegExp(String.raw`\bnamespace\s*(?::|=)\s*"?(${NAME})"?`, "gi"), groups: ["namespace"] },
	// Successfully assigned shop/web-0 to node-1
	{ pattern: new RegExp(`assigned (${NAME})/(${NAME}) to (${NAME})`, "g"), groups: ["namespace", "pod", "node"] },
	// pod="web-0" (Prometheus labels), container="app"
	{ pattern: new RegExp(String.raw`\b(pod|container)="(${NAME})"`, "g"), groups: ["kind-word", "other"] },
	// Service Account: api / serviceAccountName: api
	{ pattern: new RegExp(String.raw`\b(?:service ?account(?:name)?)\s*:\s*(${NAME})`, "gi"), groups: ["serviceAccount"] },
	// kind/name: pod/web-0, deployment.apps/web, Deployment/api (not a subresource: pods/log, deployments/scale)
	{ pattern: new RegExp(String.raw`\b(${KIND_WORD})/(?!${SUBRESOURCE}\b)(${NAME})`, "gi"), groups: ["kind-word", "other"] },
	// kind "name" or kind 'name': pods "api-7d9f8b6c5-x2x9k", serviceaccount "api", in the namespace "default"
	{ pattern: new RegExp(String.raw`\b(${KIND_WORD})\s+["'\u201c](${NAME})["'\u201d]`, "gi"), groups: ["kind-word", "other"] },
	// kubectl describe pod web-0, kubectl get deployment web
	{
		pattern: new RegExp(String.raw`\bkubectl\s+(?:describe|get|delete|edit|logs|rollout\s+\w+)\s+(${KIND_WORD})\s+(${NAME})`, "gi"),
		groups: ["kind-word", "other"],
	},
	// kubectl logs web-0, kubectl exec -it web-0
	{ pattern: new RegExp(String.raw`\bkubectl\s+(?:logs|exec(?:\s+-it)?)\s+(${NAME})`, "gi"), groups: ["pod"] },
	// in namespace shop, in the namespace payments
	{ pattern: new RegExp(`\\bin (?:the |my )?namespace\\s+(${NAME})\\b`, "gi"), groups: ["namespace"] },
	// pod web-7, deployment api-gateway: a kind word, then an instance name (a dash makes it one)
	{ pattern: new RegExp(`\\b(${KIND_WORD})\\s+([a-z0-9]+(?:-[a-z0-9]+)+)\\b`, "gi"), groups: ["kind-word", "other"], bare: true },
	// exceeded quota: compute-quota, failed quota: team-a: the quota's name
	{ pattern: new RegExp(String.raw`\bquota:\s*(${NAME})`, "gi"), groups: ["other"] },
	// service default/web (ingress-nginx), in Secret payments/db-creds (kubelet): a kind, a namespace and a name
	{ pattern: new RegExp(String.raw`\b(${KIND_WORD})\s+(${NAME})/(${NAME})`, "gi"), groups: ["kind-word", "namespace", "other"] },
];

// `kubectl get` tables: the header says what the rows are.
const TABLE_KINDS: readonly { readonly header: RegExp; readonly kind: NameKind }[] = [
	{ header: /^\s*NAME\s+READY\s+STATUS\s+RESTARTS/, kind: "pod" },
	{ header: /^\s*NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE/, kind: "deployment" },
	{ header: /^\s*NAME\s+STATUS\s+ROLES\s+AGE/, kind: "node" },
	{ header: /^\s*NAME\s+STATUS\s+VOLUME\s+CAPACITY/, kind: "pvc" },
	// kubectl top nodes has CPU% beside CPU(cores); kubectl top pods has not.
	{ header: /^\s*NAME\s+CPU\(cores\)\s+CPU%/, kind: "node" },
	{ header: /^\s*NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)/, kind: "pod" },
];

const PLACEHOLDERS = new Set(["name", "pod", "pod-name", "namespace", "my-pod", "xxx", "x", "foo", "bar", "example"]);

// The parts English hyphenates into one word: "cross-zone", "read-only", "out-of-memory",
// "cluster-wide", "zero-downtime". Object names are made of other words ("api-gateway", "web-7").
const COMPOUND_FIRST =
	/^(?:all|anti|auto|co|cross|end|full|half|high|in|inter|intra|long|low|multi|near|non|off|on|out|over|per|post|pre|re|read|self|semi|short|single|sub|under|well|write|zero)$/;
const COMPOUND_LAST =
	/^(?:aware|based|bound|driven|facing|free|friendly|grade|heavy|level|like|only|proof|ready|safe|scoped|side|specific|style|wide)$/;

/** True for an English hyphenated compound ("read-only", "out-of-memory"): letters only, with a compounding first or last part. */
export function isCompound(word: string): boolean {
	if (!/^[a-z]+(?:-[a-z]+)+$/i.test(word)) return false;
	const parts = word.toLowerCase().split("-");
	return COMPOUND_FIRST.test(parts[0] ?? "") || COMPOUND_LAST.test(parts[parts.length - 1] ?? "");
}

/** Finds the user's object names in a (normalised) question. */
export function findNames(question: string): FoundNames {
	const names: ObjectNames = {};
	const spans: [number, number][] = [];
	const keep = (kind: NameKind, name: string, at: number): void => {
		if (PLACEHOLDERS.has(name.toLowerCase()) || (kind === "namespace" && name.length > 63)) return;
		names[kind] ??= name;
		spans.push([at, at + name.length]);
	};
	for (const { pattern, groups, bare } of PATTERNS) {
		for (const match of question.matchAll(pattern)) {
			if (bare && isCompound(match[groups.length] ?? "")) continue;
			let kindWord: NameKind | "other" | undefined;
			let offset = match.index;
			groups.forEach((group, i) => {
				const value = match[i + 1];
				if (value === undefined) return;
				const at = question.indexOf(value, offset);
				offset = at + value.length;
				if (group === "kind-word") kindWord = KINDS[value.toLowerCase()];
				else if (group === "other") {
					if (kindWord === undefined || kindWord === "other") spans.push([at, at + value.length]);
					else keep(kindWord, value, at);
				} else keep(group, value, at);
			});
		}
	}
	tableNames(question, keep, spans);
	return { names, masked: mask(question, spans) };
}

// Any other kubectl table ("NAME   SYNC STATUS   HEALTH STATUS" of Argo CD's applications): its first column holds names.
const ANY_TABLE_HEADER = /^\s*NAME\s{2,}[A-Z][A-Z0-9()_/%-]*(?:\s+[A-Z][A-Z0-9()_/%-]*)*\s*$/;

// A table row has its columns apart by two spaces or more; a line of prose after the table has not.
const TABLE_ROW = /\S {2,}\S/;

function tableNames(question: string, keep: (kind: NameKind, name: string, at: number) => void, spans: [number, number][]): void {
	let kind: NameKind | "other" | undefined;
	let rows: { name: string; at: number; healthy: boolean }[] = [];
	const flush = (): void => {
		// The row that is failing is the one the question is about.
		const row = rows.find((r) => !r.healthy) ?? rows[0];
		if (kind !== undefined && kind !== "other" && row) keep(kind, row.name, row.at);
		for (const other of rows) if (other !== row || kind === "other") spans.push([other.at, other.at + other.name.length]);
		rows = [];
	};
	let offset = 0;
	for (const line of question.split("\n")) {
		const header = TABLE_KINDS.find((t) => t.header.test(line)) ?? (ANY_TABLE_HEADER.test(line) ? { kind: "other" as const } : undefined);
		const first = header ? null : /^\s*([a-z0-9][-a-z0-9.]*[a-z0-9])\s+\S/.exec(line);
		if (header) {
			flush();
			kind = header.kind;
		} else if (kind !== undefined && first?.[1] && TABLE_ROW.test(line)) {
			rows.push({
				name: first[1],
				at: offset + line.indexOf(first[1]),
				healthy: /\s(?:Running|Completed|Bound|Ready)\s/.test(line) && !/\s0\/\d/.test(line),
			});
		} else {
			flush();
			kind = undefined;
		}
		offset += line.length + 1;
	}
	flush();
}

function mask(text: string, spans: readonly [number, number][]): string {
	let out = "";
	let at = 0;
	for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
		if (start >= at) out += `${text.slice(at, start)} `;
		at = Math.max(at, end);
	}
	return out + text.slice(at);
}
