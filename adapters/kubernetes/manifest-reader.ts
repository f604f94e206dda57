import { type FileObject, fileSnapshots } from "../../src/readiness/assemble-snapshot.ts";
import type { NamespaceSnapshot, SkippedFile } from "../../src/readiness/snapshot.ts";
import { ManifestError } from "./manifest-error.ts";
import { findManifestFiles, readAhead } from "./manifest-files.ts";
import { parseManifest } from "./manifest-parse.ts";

export { ManifestError } from "./manifest-error.ts";

/**
 * The manifest reader (for CI pipelines and the demo): files and folders given on the command
 * line, multi-document YAML, JSON and `List` kinds, into one snapshot per namespace the files
 * hold (src/readiness/assemble-snapshot.ts). Files beside the manifests that are not objects
 * (a kustomization, a chart's values, application configs) are skipped with the reason; a broken
 * manifest throws ManifestError with the file and line, never the text around it.
 */

export interface ManifestOptions {
	/** Base for relative paths (the command's working directory). */
	readonly cwd: string;
	readonly now?: Date;
	/** `--partial`: the files are a slice of a larger whole, so a kind they lack is unknown, not absent. */
	readonly partial?: boolean;
	/** Namespace of objects that name none (what kubectl's -n would give them). */
	readonly defaultNamespace?: string;
	/** Overrides the report's "files: ..." source line. */
	readonly source?: string;
}

export interface ManifestRead {
	readonly snapshots: readonly NamespaceSnapshot[];
	readonly skipped: readonly SkippedFile[];
}

export async function readManifests(paths: readonly string[], options: ManifestOptions): Promise<ManifestRead> {
	if (paths.length === 0) throw new ManifestError("manifest-empty", "", "no manifest file or folder given");
	const files = await findManifestFiles(paths, options.cwd);
	const skipped: SkippedFile[] = [];
	const toRead = files.filter((file) => {
		if (file.skip !== undefined) skipped.push({ file: file.shown, reason: file.skip });
		return file.skip === undefined;
	});
	const objects: FileObject[] = [];
	for await (const { file, text } of readAhead(toRead)) {
		const parsed = parseManifest(text, file.shown);
		if ("skip" in parsed) skipped.push({ file: file.shown, reason: parsed.skip });
		else objects.push(...parsed.objects);
	}
	skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
	const given = paths.join(", ");
	if (objects.length === 0) {
		// An audit of nothing would pass a CI gate.
		const why = skipped.length === 0 ? "" : ` (skipped: ${skipped.map((s) => `${s.file}: ${s.reason}`).join("; ")})`;
		const none = files.length === 0 ? `no .yaml, .yml or .json files under ${given}` : `no Kubernetes objects in ${given}${why}`;
		throw new ManifestError("manifest-empty", given, none);
	}
	const listed = paths.length <= 3 ? given : `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
	const snapshots = fileSnapshots({
		objects,
		reading: options.partial === true ? "partial" : "desired",
		source: options.source ?? `files: ${listed}`,
		takenAt: (options.now ?? new Date()).toISOString(),
		...(options.defaultNamespace === undefined ? {} : { defaultNamespace: options.defaultNamespace }),
	});
	return { snapshots, skipped };
}
