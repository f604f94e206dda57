import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { isMap, isSeq, LineCounter, parseAllDocuments } from "yaml";
import { CROSS_NAMESPACE } from "./reach.ts";
import type { KubeObject, NamespaceSnapshot, ResourceList, SnapshotKind, SourceLocation } from "./snapshot.ts";
import { SNAPSHOT_KINDS } from "./snapshot.ts";

/**
 * Builds a namespace snapshot from manifest files and folders (for CI pipelines): multi-document
 * YAML, JSON, `List` kinds, folders walked recursively for .yaml/.yml/.json. Kinds present in the
 * files are taken as the namespace's complete list of that kind (`listed`); kinds absent from the
 * files are `not-provided`, and checks that need them say what they could not see. Secrets are
 * never kept. A broken file throws ManifestError with the path, the line and what was wrong.
 */

export class ManifestError extends Error {
	readonly code: "manifest-not-found" | "manifest-parse" | "manifest-invalid" | "manifest-empty" | "manifest-namespace";
	readonly path: string;

	constructor(code: ManifestError["code"], path: string, message: string) {
		super(message);
		this.name = "ManifestError";
		this.code = code;
		this.path = path;
	}
}

export interface ManifestOptions {
	/** Namespace to audit; required when the files hold several. */
	readonly namespace?: string;
	/** Base for relative paths (the command's working directory). */
	readonly cwd?: string;
	readonly now?: Date;
}

const CLUSTER_SCOPED = new Set(["ClusterRole", "ClusterRoleBinding", "ClusterPolicy", "ConstraintTemplate"]);
/** Kinds that live in a tool's own namespace but describe others (monitors, Velero schedules, Argo CD apps). */
const ANY_NAMESPACE = new Set(Object.keys(CROSS_NAMESPACE));
const EXTENSIONS = /\.(ya?ml|json)$/i;
const KINDS = new Set<string>(SNAPSHOT_KINDS);

interface Located {
	readonly object: KubeObject;
	readonly location: SourceLocation;
}

export async function readManifests(paths: readonly string[], options: ManifestOptions = {}): Promise<NamespaceSnapshot> {
	const cwd = options.cwd ?? process.cwd();
	if (paths.length === 0) throw new ManifestError("manifest-empty", "", "no manifest file or folder given");
	const files: string[] = [];
	for (const path of paths) files.push(...(await collect(resolve(cwd, path), path, true)));
	if (files.length === 0) {
		throw new ManifestError("manifest-empty", paths.join(", "), `no .yaml, .yml or .json files under ${paths.join(", ")}`);
	}
	const found: Located[] = [];
	for (const file of files) {
		const shown = display(cwd, file);
		found.push(...parseFile(await readFile(file, "utf8"), shown));
	}
	if (found.length === 0) {
		// Comment-only or empty files: an audit of nothing would pass a CI gate.
		throw new ManifestError("manifest-empty", paths.join(", "), `no Kubernetes objects in ${paths.join(", ")}`);
	}
	const kept = found.filter((f) => KINDS.has(f.object.kind));
	const namespace = options.namespace ?? pickNamespace(kept, paths);
	const present = namespacesOf(kept);
	// Cluster-scoped objects carry no namespace and must not make a typo in --namespace look like
	// "objects without a namespace, placed in the one given".
	const namespaced = kept.filter((f) => !CLUSTER_SCOPED.has(f.object.kind) && !ANY_NAMESPACE.has(f.object.kind));
	if (present.size > 0 && !present.has(namespace) && namespaced.every((f) => f.object.metadata.namespace !== undefined)) {
		// A typo in --namespace would otherwise audit nothing and pass a CI gate.
		throw new ManifestError(
			"manifest-namespace",
			paths.join(", "),
			`no objects of namespace ${namespace} in the files (they hold ${[...present].sort().join(", ")})`,
		);
	}

	const resources: Partial<Record<SnapshotKind, { state: ResourceList["state"]; items: KubeObject[] }>> = {};
	for (const kind of SNAPSHOT_KINDS) resources[kind] = { state: "not-provided", items: [] };
	const locations: Record<string, SourceLocation> = {};
	for (const { object, location } of kept) {
		const kind = object.kind as SnapshotKind;
		const own = object.metadata.namespace;
		const scoped = !CLUSTER_SCOPED.has(kind) && !ANY_NAMESPACE.has(kind);
		if (scoped && own !== undefined && own !== namespace) continue;
		// A ServiceMonitor in `monitoring` naming this namespace counts, as it does for the live reader.
		const reaches = CROSS_NAMESPACE[kind];
		const list = resources[kind];
		if (list === undefined) continue;
		if (reaches !== undefined && own !== undefined && own !== namespace) {
			// The files do show this kind: one that does not reach the namespace is evidence of none.
			list.state = "listed";
			if (!reaches(object, namespace)) continue;
		}
		const placed: KubeObject = scoped && own === undefined ? { ...object, metadata: { ...object.metadata, namespace } } : object;
		list.state = "listed";
		// Applied in order, a later object of the same name replaces the earlier one.
		const index = list.items.findIndex((o) => o.metadata.name === placed.metadata.name);
		if (index === -1) list.items.push(placed);
		else list.items[index] = placed;
		locations[`${kind}/${object.metadata.name}`] = location;
	}
	const listed = paths.length <= 3 ? paths.join(", ") : `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
	return {
		namespace,
		source: `files: ${listed}`,
		origin: "files",
		takenAt: (options.now ?? new Date()).toISOString(),
		resources,
		locations,
	};
}

async function collect(absolute: string, given: string, explicit: boolean): Promise<string[]> {
	let info: Awaited<ReturnType<typeof stat>>;
	try {
		info = await stat(absolute);
	} catch {
		throw new ManifestError("manifest-not-found", given, `${given}: no such file or folder`);
	}
	if (info.isDirectory()) {
		const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
		const files: string[] = [];
		for (const entry of entries) {
			if (entry.name.startsWith(".")) continue;
			const child = join(absolute, entry.name);
			if (entry.isDirectory()) files.push(...(await collect(child, join(given, entry.name), false)));
			else if (EXTENSIONS.test(entry.name)) files.push(child);
		}
		return files;
	}
	if (!EXTENSIONS.test(absolute)) {
		if (explicit) throw new ManifestError("manifest-invalid", given, `${given}: not a .yaml, .yml or .json file`);
		return [];
	}
	return [absolute];
}

function display(cwd: string, file: string): string {
	const rel = relative(cwd, file);
	return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

/** YAML and JSON alike (JSON is YAML 1.2), so every object keeps its line. */
export function parseFile(text: string, file: string): Located[] {
	const lineCounter = new LineCounter();
	const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
	if (!Array.isArray(documents)) return [];
	const found: Located[] = [];
	for (const document of documents) {
		const error = document.errors[0];
		if (error !== undefined) {
			const line = lineCounter.linePos(error.pos[0]).line;
			throw new ManifestError("manifest-parse", file, `${file}:${line}: cannot parse: ${error.message.split("\n")[0]}`);
		}
		const contents = document.contents;
		const value = document.toJS() as unknown;
		// A document of comments only (Helm prints `# Source: ...` for templates that render to
		// nothing) or a bare `---` parses as a null scalar, not as null contents: nothing to read.
		if (contents === null || value === null || value === undefined) continue;
		const lineOf = (node: { range?: readonly number[] | null } | null | undefined) => lineCounter.linePos(node?.range?.[0] ?? 0).line;
		const line = lineOf(contents);
		if (isRecord(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
			const itemsNode = isMap(contents) ? contents.get("items", true) : undefined;
			const nodes = isSeq(itemsNode) ? itemsNode.items : [];
			value.items.forEach((item: unknown, index: number) => {
				const node = nodes[index] as { range?: readonly number[] | null } | undefined;
				found.push(checked(item, file, node === undefined ? line : lineOf(node)));
			});
			continue;
		}
		found.push(checked(value, file, line));
	}
	return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checked(value: unknown, file: string, line: number): Located {
	const metadata = isRecord(value) ? value.metadata : undefined;
	if (isRecord(value) && typeof value.apiVersion === "string" && value.apiVersion.startsWith("kustomize.config.k8s.io/")) {
		// A kustomization is a recipe, not an object in the cluster: its output is what gets applied.
		throw new ManifestError(
			"manifest-invalid",
			file,
			`${file}:${line}: a kustomize ${String(value.kind)} file, not a Kubernetes object; render it first (kubectl kustomize DIR > out.yaml) and pass the output`,
		);
	}
	if (
		!isRecord(value) ||
		typeof value.kind !== "string" ||
		typeof value.apiVersion !== "string" ||
		!isRecord(metadata) ||
		(typeof metadata.name !== "string" && typeof metadata.generateName !== "string")
	) {
		const helm =
			isRecord(value) && value.kind === undefined && ("replicaCount" in value || (typeof value.name === "string" && "version" in value));
		throw new ManifestError(
			"manifest-invalid",
			file,
			`${file}:${line}: not a Kubernetes object: expected apiVersion, kind and metadata.name` +
				(helm ? " (a Helm chart's values or Chart.yaml? render the chart first: helm template NAME CHART > out.yaml)" : ""),
		);
	}
	if (typeof metadata.name !== "string") {
		// `generateName` (Jobs created with kubectl create, Argo CD hooks): the API appends a random
		// suffix; the prefix is the closest name the files can give.
		const named = { ...value, metadata: { ...metadata, name: metadata.generateName } };
		return { object: named as unknown as KubeObject, location: { file, line } };
	}
	return { object: value as KubeObject, location: { file, line } };
}

function namespacesOf(found: readonly Located[]): Set<string> {
	const namespaces = new Set<string>();
	for (const { object } of found) {
		if (CLUSTER_SCOPED.has(object.kind) || ANY_NAMESPACE.has(object.kind)) continue;
		if (object.metadata.namespace !== undefined) namespaces.add(object.metadata.namespace);
	}
	return namespaces;
}

function pickNamespace(found: readonly Located[], paths: readonly string[]): string {
	const namespaces = namespacesOf(found);
	if (namespaces.size > 1) {
		throw new ManifestError(
			"manifest-namespace",
			paths.join(", "),
			`the files hold objects of several namespaces (${[...namespaces].sort().join(", ")}); audit one namespace at a time: pass only its files`,
		);
	}
	return [...namespaces][0] ?? "default";
}
