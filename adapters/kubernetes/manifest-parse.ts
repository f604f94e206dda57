import { isMap, isSeq, parseAllDocuments } from "yaml";
import type { FileObject } from "../../src/readiness/assemble-snapshot.ts";
import type { KubeObject } from "../../src/readiness/snapshot.ts";
import { ManifestError } from "./manifest-error.ts";
import { KUSTOMIZATION } from "./manifest-files.ts";
import { fastDocuments } from "./yaml-fast.ts";

/**
 * One manifest file's objects, each with the line it starts on, or why the file holds none.
 * YAML and JSON alike (JSON is YAML 1.2). Usual manifests go through the fast path of
 * yaml-fast.ts; anything it leaves (and every error) goes through the full parser, so both give
 * the same values. Line numbers come from the documents' offsets through a table of newline
 * positions built once per file: the parser's own line counter is called for every token and
 * costs a third of the parse.
 */
export type ParsedFile = { readonly objects: readonly FileObject[] } | { readonly skip: string };

interface Ranged {
	readonly range?: readonly number[] | null;
}

function newlines(text: string): number[] {
	const offsets: number[] = [];
	for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) offsets.push(at);
	return offsets;
}

/** 1-based line of an offset: one more than the number of newlines before it. */
function lineAt(table: readonly number[], offset: number): number {
	let low = 0;
	let high = table.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if ((table[mid] as number) < offset) low = mid + 1;
		else high = mid;
	}
	return low + 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Go templates in positions YAML cannot hold: a Helm or other template, not a manifest. */
const TEMPLATE = /^[ \t]*(?:-[ \t]+)?(?:[\w./-]+:[ \t]+)?\{\{/m;

function skipReason(file: string, documents: readonly unknown[]): string {
	const name = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
	if (documents.length === 0) return "empty (no YAML documents)";
	if (name === "Chart.yaml") return "a Helm chart's Chart.yaml: render the chart first (helm template NAME DIR > out.yaml)";
	if (/^values[\w.-]*\.ya?ml$/i.test(name))
		return "Helm values, not Kubernetes objects: render the chart with them (helm template -f FILE)";
	return "holds no Kubernetes objects (no document has apiVersion and kind): application configuration?";
}

interface Read {
	readonly value: unknown;
	/** Line of the value's first character. */
	readonly line: number;
	/** For a `List`, the line of each item. */
	readonly itemLines?: readonly number[];
}

export function parseManifest(text: string, file: string): ParsedFile {
	const table = newlines(text);
	const values = fastRead(text, table) ?? fullRead(text, file, table);
	if ("skip" in values) return values;
	return objectsOf(values, file);
}

/** Manifests in their usual shapes, straight from the parser's syntax tree (yaml-fast.ts). */
function fastRead(text: string, table: readonly number[]): Read[] | undefined {
	const documents = fastDocuments(text);
	if (documents === undefined) return undefined;
	return documents
		.filter((d) => d.value !== null && d.value !== undefined)
		.map((d) => ({
			value: d.value,
			line: lineAt(table, d.offset),
			...(d.itemOffsets === undefined ? {} : { itemLines: d.itemOffsets.map((offset) => lineAt(table, offset)) }),
		}));
}

/** Everything else, and every error, through the full parser. */
function fullRead(text: string, file: string, table: readonly number[]): Read[] | { skip: string } {
	// logLevel "error": the parser's warnings (a collection as a map key, an unknown tag) would go to
	// the process's stderr, around the report. They change nothing the checks read.
	const documents = parseAllDocuments(text, { prettyErrors: false, logLevel: "error" });
	const docs = Array.isArray(documents) ? documents : [];
	const values: Read[] = [];
	for (const document of docs) {
		const error = document.errors[0];
		if (error !== undefined) {
			if (TEMPLATE.test(text))
				return { skip: "a template (Helm or Go {{ }}), not rendered manifests: render it first and pass the output" };
			// The parser's first line of message only; never the quoted source around the fault.
			const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "invalid YAML";
			throw new ManifestError("manifest-parse", file, `${file}:${lineAt(table, error.pos[0])}: cannot parse: ${reason}`);
		}
		const value = document.toJS() as unknown;
		// A document of comments only (Helm prints `# Source: ...` for templates that render to
		// nothing) or a bare `---` parses as a null scalar: nothing to read.
		if (document.contents === null || value === null || value === undefined) continue;
		const contents = document.contents;
		const itemsNode = isMap(contents) ? contents.get("items", true) : undefined;
		const itemLines = isSeq(itemsNode) ? itemsNode.items.map((node) => lineAt(table, (node as Ranged).range?.[0] ?? 0)) : undefined;
		values.push({ value, line: lineAt(table, (contents as Ranged).range?.[0] ?? 0), ...(itemLines === undefined ? {} : { itemLines }) });
	}
	return values;
}

function objectsOf(values: readonly Read[], file: string): ParsedFile {
	const candidate = (v: unknown) => isRecord(v) && typeof v.kind === "string" && typeof v.apiVersion === "string";
	if (values.some(({ value }) => isRecord(value) && String(value.apiVersion ?? "").startsWith("kustomize.config.k8s.io/"))) {
		return { skip: KUSTOMIZATION };
	}
	if (!values.some(({ value }) => candidate(value))) return { skip: skipReason(file, values) };

	const objects: FileObject[] = [];
	for (const { value, line, itemLines } of values) {
		if (isRecord(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
			value.items.forEach((item: unknown, index: number) => {
				objects.push(checked(item, file, itemLines?.[index] ?? line));
			});
			continue;
		}
		objects.push(checked(value, file, line));
	}
	return { objects };
}

function checked(value: unknown, file: string, line: number): FileObject {
	const metadata = isRecord(value) ? value.metadata : undefined;
	if (
		!isRecord(value) ||
		typeof value.kind !== "string" ||
		typeof value.apiVersion !== "string" ||
		!isRecord(metadata) ||
		(typeof metadata.name !== "string" && typeof metadata.generateName !== "string")
	) {
		throw new ManifestError(
			"manifest-invalid",
			file,
			`${file}:${line}: not a Kubernetes object: expected apiVersion, kind and metadata.name (kubectl would refuse it)`,
		);
	}
	const location = { file, line };
	if (typeof metadata.name !== "string") {
		// `generateName` (Jobs created with kubectl create, Argo CD hooks): the API appends a random
		// suffix; the prefix is the closest name the files can give.
		const named = { ...value, metadata: { ...metadata, name: metadata.generateName } };
		return { object: named as unknown as KubeObject, location };
	}
	return { object: value as unknown as KubeObject, location };
}
