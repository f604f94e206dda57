// The live object reader for `/explain pod/NAME`, from the same cluster source as /readiness
// ($KUBECONFIG, then the in-cluster service account, then ~/.kube/config), loading
// @kubernetes/client-node only on first use so that other commands start fast.
import type { ObjectReaderOptions } from "../adapters/kubernetes/object-reader.ts";
import type { ObjectReader } from "../src/ports/object-reader.ts";
import { clusterSourceFromEnv } from "./live-reader-from-env.ts";

type Env = Readonly<Record<string, string | undefined>>;

export function lazyObjectReader(options: ObjectReaderOptions): ObjectReader {
	let reader: Promise<ObjectReader> | undefined;
	return {
		async readObject(ref, readOptions) {
			reader ??= import("../adapters/kubernetes/object-reader.ts").then(({ createObjectReader }) => createObjectReader(options));
			return (await reader).readObject(ref, readOptions);
		},
	};
}

/** A live object reader when a kubeconfig or in-cluster config is present, otherwise none. */
export function configuredObjectReader(env: Env, cwd: string): ObjectReader | undefined {
	const found = clusterSourceFromEnv(env, cwd);
	return found.present ? lazyObjectReader(found.source) : undefined;
}
