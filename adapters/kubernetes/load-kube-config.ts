import { homedir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { ClusterReadError } from "../../src/ports/cluster-reader.ts";

export interface KubeConfigSource {
	/** A kubeconfig file; the composition root resolves `$KUBECONFIG`. Default `~/.kube/config`. */
	readonly kubeconfigPath?: string;
	/** A kubeconfig as text (tests, or a config held in a secret store). Wins over the path. */
	readonly kubeconfigYaml?: string;
	/** The context to use when the caller names none; default: the kubeconfig's current context. */
	readonly context?: string;
	/** Use the pod's service account (token, CA and `KUBERNETES_SERVICE_*` as the API server sets them). */
	readonly inCluster?: boolean;
	/** Root for the service-account files in in-cluster mode (tests point it at a temp dir). */
	readonly inClusterRoot?: string;
}

export interface LoadedKubeConfig {
	readonly kc: KubeConfig;
	readonly contextName: string;
	readonly server: string;
}

/** Loads the kubeconfig and selects `requested` (or the default) context; throws ClusterReadError. */
export function loadKubeConfig(source: KubeConfigSource, requested?: string): LoadedKubeConfig {
	const kc = new KubeConfig();
	const where = source.inCluster
		? "in-cluster service account"
		: source.kubeconfigYaml !== undefined
			? "the given kubeconfig"
			: (source.kubeconfigPath ?? join(homedir(), ".kube", "config"));
	try {
		if (source.inCluster) kc.loadFromCluster(source.inClusterRoot);
		else if (source.kubeconfigYaml !== undefined) kc.loadFromString(source.kubeconfigYaml);
		else kc.loadFromFile(where);
	} catch (error) {
		throw new ClusterReadError("bad-input", `could not load the kubeconfig from ${where}: ${loadProblem(error)}`);
	}

	const names = kc.getContexts().map((context) => context.name);
	const wanted = requested ?? source.context ?? kc.getCurrentContext();
	if (!wanted || !names.includes(wanted)) {
		const known = names.length > 0 ? names.join(", ") : "(none)";
		const what = wanted ? `context "${wanted}" is not in ${where}` : `no context is selected in ${where}`;
		throw new ClusterReadError("bad-context", `${what}; contexts there: ${known}. Pick one with --context (kubectl config get-contexts).`);
	}
	kc.setCurrentContext(wanted);
	const cluster = kc.getCurrentCluster();
	if (!cluster?.server) {
		throw new ClusterReadError("bad-context", `context "${wanted}" in ${where} names no cluster with a server URL`);
	}
	return { kc, contextName: wanted, server: cluster.server };
}

/**
 * Why a kubeconfig did not load, by position only. The YAML parser's message quotes the lines
 * around the fault, and a kubeconfig's lines hold tokens and keys: that text must never reach a
 * chat or a CI log. Only the line, the column and a reason made of plain words are kept.
 */
function loadProblem(error: unknown): string {
	const mark = (error as { mark?: { line?: unknown; column?: unknown } } | null)?.mark;
	if (error instanceof Error && error.name === "YAMLException" && typeof mark?.line === "number" && typeof mark.column === "number") {
		const reason = (error as { reason?: unknown }).reason;
		const plain = typeof reason === "string" && /^[a-z][a-z ,()-]*$/i.test(reason) ? ` (${reason})` : "";
		return `not valid YAML at line ${mark.line + 1}, column ${mark.column + 1}${plain}`;
	}
	if (error instanceof Error && error.name === "YAMLException") return "not valid YAML";
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return `the file cannot be read (${code})`;
	// client-node's own checks name the field (`clusters[0].cluster.server is missing`), never a value.
	const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : "";
	return /^[\w[\]. -]+$/.test(message) && message.length <= 200 ? message : "not a valid kubeconfig";
}
