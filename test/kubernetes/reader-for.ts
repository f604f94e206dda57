import { createLiveReader, type LiveReaderOptions } from "../../adapters/kubernetes/live-reader.ts";
import type { FakeApiServer } from "./fake-apiserver.ts";
import { kubeconfigYaml } from "./test-certs.ts";

/** A live reader whose kubeconfig has one context, "stand-in", pointing at the fake API server. */
export function readerFor(api: FakeApiServer, options: Omit<LiveReaderOptions, "kubeconfigYaml"> = {}) {
	const yaml = kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]);
	return createLiveReader({ kubeconfigYaml: yaml, requestTimeoutMs: 2_000, ...options });
}

/** The requests the reader made since `from`, as "path?query" strings. */
export function pathsSince(api: FakeApiServer, from: number): string[] {
	return api.requests.slice(from).map((request) => request.path + request.query);
}
