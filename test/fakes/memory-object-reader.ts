import { MAX_EVENTS, type ObjectEvent, ObjectReadError, type ObjectReader } from "../../src/ports/object-reader.ts";
import type { KubeObject } from "../../src/readiness/snapshot.ts";

/** What a test puts in a cluster for the object reader: API-shaped pods, deployments and core events. */
export interface SeedObjects {
	readonly pods?: readonly KubeObject[];
	readonly deployments?: readonly KubeObject[];
	readonly events?: readonly { metadata: { name: string; namespace: string }; [field: string]: unknown }[];
}

/** An in-memory ObjectReader over seeded objects, for core tests (and the contract's reference). */
export class MemoryObjectReader implements ObjectReader {
	readonly #pods: KubeObject[] = [];
	readonly #deployments: KubeObject[] = [];
	readonly #events: NonNullable<SeedObjects["events"]>[number][] = [];

	seed(objects: SeedObjects): void {
		this.#pods.push(...(objects.pods ?? []));
		this.#deployments.push(...(objects.deployments ?? []));
		this.#events.push(...(objects.events ?? []));
	}

	async readObject(ref: Parameters<ObjectReader["readObject"]>[0]): ReturnType<ObjectReader["readObject"]> {
		if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(ref.name) || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ref.namespace)) {
			throw new ObjectReadError("bad-input", `"${ref.namespace}/${ref.name}" is not a Kubernetes name`);
		}
		const inNamespace = (o: KubeObject) => o.metadata.namespace === ref.namespace;
		const list = ref.kind === "Pod" ? this.#pods : this.#deployments;
		const object = list.find((o) => inNamespace(o) && o.metadata.name === ref.name);
		if (!object)
			throw new ObjectReadError("not-found", `${ref.kind.toLowerCase()} "${ref.name}" does not exist in namespace "${ref.namespace}"`);
		const labels = ((object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ??
			{}) as Record<string, string>;
		const pods =
			ref.kind === "Pod"
				? [object]
				: this.#pods.filter(
						(p) =>
							inNamespace(p) &&
							Object.entries(labels).every(([k, v]) => (p.metadata.labels as Record<string, string> | undefined)?.[k] === v),
					);
		const names = new Set([ref.name, ...pods.map((p) => p.metadata.name)]);
		const events: ObjectEvent[] = this.#events
			.filter((e) => e.metadata.namespace === ref.namespace)
			.map((e) => {
				const involved = (e.involvedObject ?? {}) as { kind?: string; name?: string };
				return {
					type: String(e.type ?? "Normal"),
					reason: String(e.reason ?? ""),
					message: String(e.message ?? ""),
					object: { kind: involved.kind ?? "", name: involved.name ?? "" },
					count: Number(e.count ?? 1),
					...(typeof e.lastTimestamp === "string" ? { lastSeen: e.lastTimestamp } : {}),
				};
			})
			.filter((e) => names.has(e.object.name))
			.sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""))
			.slice(0, MAX_EVENTS);
		return { ref, object, pods, events, source: "memory" };
	}
}
