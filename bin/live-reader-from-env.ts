// Where the live cluster reader gets its credentials, decided from the environment it is given
// (CommandIo.env, never process.env directly): $KUBECONFIG, then the in-cluster service account,
// then ~/.kube/config. (kubectl tries ~/.kube/config before in-cluster; a bot pod has none.)
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import type { LiveReaderOptions } from "../adapters/kubernetes/live-reader.ts";
import type { KubeConfigSource } from "../adapters/kubernetes/load-kube-config.ts";
import { ClusterReadError, type ClusterReader } from "../src/ports/cluster-reader.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface ClusterSource {
	/** What to load; `kubeconfigPath` is absolute. */
	readonly source: KubeConfigSource;
	/** Why this source: "KUBECONFIG", "in-cluster" or "default". */
	readonly from: "KUBECONFIG" | "in-cluster" | "default";
	/** False when the kubeconfig file does not exist. */
	readonly present: boolean;
	/** For messages: the file, or "the in-cluster service account". */
	readonly where: string;
}

/**
 * $KUBECONFIG (its first path; kubectl merges them all, client-node reads one) wins; without it,
 * the pod's service account when KUBERNETES_SERVICE_HOST is set; otherwise ~/.kube/config.
 */
export function clusterSourceFromEnv(env: Env, cwd: string): ClusterSource {
	const first = (env.KUBECONFIG ?? "").split(delimiter).find((path) => path.trim() !== "");
	if (first !== undefined) {
		const path = resolve(cwd, first.trim());
		return { source: { kubeconfigPath: path }, from: "KUBECONFIG", present: existsSync(path), where: path };
	}
	if ((env.KUBERNETES_SERVICE_HOST ?? "") !== "") {
		return { source: { inCluster: true }, from: "in-cluster", present: true, where: "the in-cluster service account" };
	}
	const path = join(env.HOME || homedir(), ".kube", "config");
	return { source: { kubeconfigPath: path }, from: "default", present: existsSync(path), where: path };
}

/** For `kubecoach readiness --namespace`: a live reader per `--context`, or a clear error when there is no kubeconfig. */
export function liveReaderFactory(env: Env, cwd: string): (context: string | undefined) => ClusterReader {
	return (context) => {
		const found = clusterSourceFromEnv(env, cwd);
		if (!found.present) {
			const what =
				found.from === "KUBECONFIG" ? `KUBECONFIG names ${found.where}, which does not exist` : `there is no kubeconfig at ${found.where}`;
			throw new ClusterReadError(
				"bad-input",
				`${what}. Set KUBECONFIG to your kubeconfig file (kubectl config view shows the one in use), or audit manifests with --file PATH.`,
			);
		}
		return lazyLiveReader({ ...found.source, ...(context === undefined ? {} : { context }) });
	};
}

/** The live reader, loading @kubernetes/client-node (~0.7 s) on first use only, so that other commands start fast. */
export function lazyLiveReader(options: LiveReaderOptions): ClusterReader {
	let reader: Promise<ClusterReader> | undefined;
	return {
		async readNamespace(namespace, readOptions) {
			reader ??= import("../adapters/kubernetes/live-reader.ts").then(({ createLiveReader }) => createLiveReader(options));
			return (await reader).readNamespace(namespace, readOptions);
		},
	};
}

/**
 * For the bot: a live reader when a kubeconfig or in-cluster config is present, otherwise none
 * (then `/readiness` offers the demo). `warning` says why an explicit KUBECONFIG was not used.
 */
export function configuredClusterReader(env: Env, cwd: string): { reader?: ClusterReader; warning?: string } {
	const found = clusterSourceFromEnv(env, cwd);
	if (found.present) return { reader: lazyLiveReader(found.source) };
	if (found.from === "KUBECONFIG") {
		return { warning: `KUBECONFIG names ${found.where}, which does not exist; /readiness has no cluster (only --demo).` };
	}
	return {};
}
