import { createObjectReader } from "../../adapters/kubernetes/object-reader.ts";
import { objectReaderContract } from "../contract/object-reader.contract.ts";
import { EVENTS, startFakeApiServer } from "./fake-apiserver.ts";
import { kubeconfigYaml } from "./test-certs.ts";

// The live reader through @kubernetes/client-node against the HTTPS stand-in of the API server.
objectReaderContract("live, client-node over HTTPS", async () => {
	const api = await startFakeApiServer({ crds: [EVENTS] });
	api.addNamespace("shop");
	api.addNamespace("other");
	const yaml = kubeconfigYaml([{ name: "stand-in", server: api.url, caPem: api.certs.caPem, token: api.token }]);
	const reader = createObjectReader({ kubeconfigYaml: yaml, requestTimeoutMs: 2_000 });
	return {
		reader,
		seed(objects) {
			for (const pod of objects.pods ?? []) api.add("pods", "", pod as never);
			for (const deployment of objects.deployments ?? []) api.add("deployments", "apps", deployment as never);
			for (const event of objects.events ?? []) api.add("events", "", event as never);
		},
		close: () => api.close(),
	};
});
