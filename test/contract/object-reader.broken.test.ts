import { describe, expect, it } from "vitest";
import type { LiveObject, ObjectReader } from "../../src/ports/object-reader.ts";
import type { KubeObject } from "../../src/readiness/snapshot.ts";
import type { SeedObjects } from "../fakes/memory-object-reader.ts";
import { OBJECT_READER_CHECKS, type ObjectReaderSubject } from "./object-reader.contract.ts";

/**
 * A reader with the mistakes the contract exists to catch: it ignores namespaces and selectors,
 * keeps every event in the order it found them, invents an empty object for a missing name and
 * sends any name to the cluster. Every check must fail against it.
 */
function brokenSubject(): ObjectReaderSubject {
	const pods: KubeObject[] = [];
	const deployments: KubeObject[] = [];
	const events: NonNullable<SeedObjects["events"]>[number][] = [];
	const reader: ObjectReader = {
		async readObject(ref): Promise<LiveObject> {
			const list = ref.kind === "Pod" ? pods : deployments;
			const object = list.find((o) => o.metadata.name === ref.name) ?? { apiVersion: "v1", kind: ref.kind, metadata: { name: ref.name } };
			return {
				ref,
				object,
				pods: ref.kind === "Pod" ? [object] : pods,
				events: events.map((e) => ({
					type: "Warning",
					reason: String(e.reason),
					message: String(e.message),
					object: { kind: "Pod", name: ref.name },
					count: 1,
				})),
				source: "broken",
			};
		},
	};
	return {
		reader,
		seed: (objects) => {
			pods.push(...(objects.pods ?? []));
			deployments.push(...(objects.deployments ?? []));
			events.push(...(objects.events ?? []));
		},
		close: async () => {},
	};
}

describe("ObjectReader contract against a broken reader", () => {
	for (const check of OBJECT_READER_CHECKS) {
		it(`fails "${check.name}"`, async () => {
			await expect(check.run(brokenSubject())).rejects.toThrow();
		});
	}
});
