import { fileURLToPath } from "node:url";
import type { NamespaceSnapshot } from "../../src/readiness/snapshot.ts";

/** The demo namespace shipped in content/demo-cluster, for `/readiness --demo` and tests. */
export const DEMO_NAMESPACE = "demo";

export function demoPath(): string {
	return fileURLToPath(new URL("../../content/demo-cluster/", import.meta.url));
}

/** `now` fixes the clock for exemption expiry and the snapshot's takenAt. */
export async function demoSnapshot(now?: Date): Promise<NamespaceSnapshot> {
	const path = demoPath();
	// Loaded on the first /readiness --demo: a running bot does not hold the manifest parser (YAML) for nothing.
	const { readManifests } = await import("./manifest-reader.ts");
	const { snapshots } = await readManifests([path], {
		// Paths in findings read as in the repository: content/demo-cluster/workloads.yaml.
		cwd: fileURLToPath(new URL("../../", import.meta.url)),
		defaultNamespace: DEMO_NAMESPACE,
		source: "demo namespace (content/demo-cluster)",
		...(now === undefined ? {} : { now }),
	});
	const demo = snapshots.find((s) => s.namespace === DEMO_NAMESPACE);
	if (demo === undefined) throw new Error(`readiness/demo-missing: content/demo-cluster holds no namespace ${DEMO_NAMESPACE}`);
	return demo;
}
