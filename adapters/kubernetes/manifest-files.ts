import { readFile as readFileCallback } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { ManifestError } from "./manifest-error.ts";

/**
 * Finds the manifest files under the paths given on the command line (folders walked in name
 * order, dot-entries left out) and reads them in parallel. Files that are not manifests but sit
 * beside them are named with the reason they are skipped: a Helm chart's files (render the chart
 * first), a kustomization and the patches it applies (render the overlay first).
 */

export interface ManifestFile {
	readonly absolute: string;
	/** As the user knows it: relative to the working directory when inside it. */
	readonly shown: string;
	/** Set when the file is not read as manifests, with why. */
	readonly skip?: string;
}

const EXTENSIONS = /\.(ya?ml|json)$/i;
const KUSTOMIZATIONS = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);
const READ_AHEAD = 32;

export const HELM_CHART =
	"a file of a Helm chart, not rendered manifests: render the chart first (helm template NAME DIR > out.yaml) and pass the output";
export const KUSTOMIZATION =
	"a kustomization, not a Kubernetes object: render the overlay first (kubectl kustomize DIR > out.yaml) and pass the output";
const KUSTOMIZE_PATCH = "a patch a kustomization applies, not a whole object: render the overlay first (kubectl kustomize DIR > out.yaml)";

export async function findManifestFiles(paths: readonly string[], cwd: string): Promise<ManifestFile[]> {
	const found: ManifestFile[] = [];
	for (const path of paths) found.push(...(await collect(resolve(cwd, path), path, cwd, true, undefined)));
	return found;
}

async function collect(
	absolute: string,
	given: string,
	cwd: string,
	explicit: boolean,
	inChart: string | undefined,
): Promise<ManifestFile[]> {
	let info: Awaited<ReturnType<typeof stat>>;
	try {
		info = await stat(absolute);
	} catch {
		throw new ManifestError("manifest-not-found", given, `${given}: no such file or folder`);
	}
	if (!info.isDirectory()) return fileEntry(absolute, display(cwd, absolute), explicit, inChart, given);
	const entries = (await readdir(absolute, { withFileTypes: true }))
		.filter((entry) => !entry.name.startsWith("."))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const chart = inChart ?? (entries.some((e) => e.isFile() && e.name === "Chart.yaml") ? absolute : undefined);
	const patches =
		chart === undefined
			? await kustomizePatches(
					absolute,
					entries.map((e) => e.name),
				)
			: new Set<string>();
	const parts = await Promise.all(
		entries.map(async (entry) => {
			const child = join(absolute, entry.name);
			let files: ManifestFile[];
			if (entry.isFile()) files = fileEntry(child, display(cwd, child), false, chart, join(given, entry.name));
			else if (entry.isDirectory() || entry.isSymbolicLink()) files = await collect(child, join(given, entry.name), cwd, false, chart);
			else return [];
			return files.map((file) => (file.skip === undefined && patches.has(file.absolute) ? { ...file, skip: KUSTOMIZE_PATCH } : file));
		}),
	);
	return parts.flat();
}

function fileEntry(absolute: string, shown: string, explicit: boolean, inChart: string | undefined, given: string): ManifestFile[] {
	if (!EXTENSIONS.test(absolute) && basename(absolute) !== "Kustomization") {
		if (explicit) throw new ManifestError("manifest-invalid", given, `${given}: not a .yaml, .yml or .json file`);
		return [];
	}
	if (inChart !== undefined) return [{ absolute, shown, skip: HELM_CHART }];
	if (KUSTOMIZATIONS.has(basename(absolute))) return [{ absolute, shown, skip: KUSTOMIZATION }];
	return [{ absolute, shown }];
}

/** Files a kustomization in `folder` applies as patches (they hold partial objects). */
async function kustomizePatches(folder: string, names: readonly string[]): Promise<Set<string>> {
	const name = names.find((n) => KUSTOMIZATIONS.has(n));
	const patches = new Set<string>();
	if (name === undefined) return patches;
	let doc: unknown;
	try {
		doc = parse(await readFile(join(folder, name), "utf8"), { logLevel: "error" });
	} catch {
		return patches; // a broken kustomization is skipped anyway; its patches are then read as they are
	}
	const spec = (typeof doc === "object" && doc !== null ? doc : {}) as Record<string, unknown>;
	const add = (path: unknown) => {
		if (typeof path === "string" && !path.includes("\n")) patches.add(resolve(folder, path));
	};
	for (const entry of asList(spec.patchesStrategicMerge)) add(entry);
	for (const field of ["patches", "patchesJson6902"]) {
		for (const entry of asList(spec[field])) add((entry as { path?: unknown } | null)?.path);
	}
	return patches;
}

function asList(value: unknown): readonly unknown[] {
	return Array.isArray(value) ? value : [];
}

function display(cwd: string, absolute: string): string {
	const rel = relative(cwd, absolute);
	return rel.startsWith("..") || isAbsolute(rel) ? absolute : rel;
}

/**
 * The text of every file, in order, read ahead of the caller: up to READ_AHEAD reads are in
 * flight in libuv's thread pool while the caller parses the files already read, so reading a
 * thousand files costs little more than parsing them.
 */
export async function* readAhead(files: readonly ManifestFile[]): AsyncGenerator<{ file: ManifestFile; text: string }> {
	const pending: Promise<string>[] = [];
	let next = 0;
	const start = () => {
		while (next < files.length && pending.length < READ_AHEAD) pending.push(read(files[next++] as ManifestFile));
	};
	start();
	for (let index = 0; index < files.length; index++) {
		const text = await (pending.shift() as Promise<string>);
		start();
		yield { file: files[index] as ManifestFile, text };
	}
}

function read(file: ManifestFile): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		// The callback API: the promise one goes through a FileHandle and costs twice as much per file.
		readFileCallback(file.absolute, "utf8", (error, text) => {
			if (error === null) resolvePromise(text);
			else reject(new ManifestError("manifest-not-found", file.shown, `${file.shown}: cannot be read (${error.code ?? "error"})`));
		});
	});
}
