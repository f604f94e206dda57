import { fileURLToPath } from "node:url";
import { readManifests } from "./manifest-reader.ts";
import type { NamespaceSnapshot } from "./snapshot.ts";

/** The demo namespace shipped in content/demo-cluster, for `/readiness --demo` and tests. */
export const DEMO_NAMESPACE = "demo";

export function demoPath(): string {
	return fileURLToPath(new URL("../../content/demo-cluster/", import.meta.url));
}

/** `now` fixes the clock for exemption expiry and the snapshot's takenAt. */
export function demoSnapshot(now?: Date): Promise<NamespaceSnapshot> {
	return readManifests([demoPath()], { namespace: DEMO_NAMESPACE, ...(now === undefined ? {} : { now }) }).then((s) => ({
		...s,
		source: "demo namespace (content/demo-cluster)",
	}));
}
