/**
 * The ObjectReader contract: what `/explain pod/NAME` relies on, whatever reads the cluster. Each
 * check is a plain function so that it can also be run against a deliberately broken reader and
 * be seen to fail there (test/contract/object-reader.broken.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_EVENTS, ObjectReadError, type ObjectReader } from "../../src/ports/object-reader.ts";
import type { SeedObjects } from "../fakes/memory-object-reader.ts";

export interface ObjectReaderSubject {
	readonly reader: ObjectReader;
	seed(objects: SeedObjects): void;
	close(): Promise<void>;
}

const meta = (name: string, namespace: string, labels: Record<string, string> = {}) => ({
	name,
	namespace,
	uid: `uid-${namespace}-${name}`,
	labels,
});
const pod = (name: string, namespace: string, labels: Record<string, string> = {}) => ({
	apiVersion: "v1",
	kind: "Pod",
	metadata: meta(name, namespace, labels),
	spec: { containers: [{ name: "app", image: "registry.example/app:1" }] },
	status: { phase: "Running" },
});
const event = (name: string, namespace: string, about: string, reason: string, at: string) => ({
	metadata: { name, namespace },
	involvedObject: { kind: "Pod", name: about, namespace },
	type: "Warning",
	reason,
	message: `${reason} for ${about}`,
	count: 1,
	lastTimestamp: at,
});

export const OBJECT_READER_CHECKS: readonly { readonly name: string; run(subject: ObjectReaderSubject): Promise<void> }[] = [
	{
		name: "reads a pod by namespace and name, with only its own events, newest first",
		async run({ reader, seed }) {
			seed({
				pods: [pod("web-0", "shop"), pod("web-0", "other")],
				events: [
					event("e1", "shop", "web-0", "BackOff", "2026-01-05T10:00:00Z"),
					event("e2", "shop", "web-0", "Unhealthy", "2026-01-05T10:05:00Z"),
					event("e3", "shop", "web-1", "Failed", "2026-01-05T10:06:00Z"),
					event("e4", "other", "web-0", "Killing", "2026-01-05T10:07:00Z"),
				],
			});
			const live = await reader.readObject({ kind: "Pod", namespace: "shop", name: "web-0" });
			expect(live.object.metadata.namespace).toBe("shop");
			expect(live.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(["shop/web-0"]);
			expect(live.events.map((e) => e.reason)).toEqual(["Unhealthy", "BackOff"]);
		},
	},
	{
		name: "reads a deployment with the pods its selector picks in its namespace, no others",
		async run({ reader, seed }) {
			seed({
				deployments: [
					{
						apiVersion: "apps/v1",
						kind: "Deployment",
						metadata: meta("web", "shop"),
						spec: { replicas: 2, selector: { matchLabels: { app: "web" } } },
					},
				],
				pods: [pod("web-1", "shop", { app: "web" }), pod("api-1", "shop", { app: "api" }), pod("web-9", "other", { app: "web" })],
			});
			const live = await reader.readObject({ kind: "Deployment", namespace: "shop", name: "web" });
			expect(live.pods.map((p) => p.metadata.name)).toEqual(["web-1"]);
		},
	},
	{
		name: "says not-found, with how to list them, for an object that does not exist",
		async run({ reader }) {
			const error = await reader.readObject({ kind: "Pod", namespace: "shop", name: "ghost" }).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(ObjectReadError);
			expect((error as ObjectReadError).code).toBe("not-found");
			expect((error as ObjectReadError).message).toContain("ghost");
		},
	},
	{
		name: `keeps at most ${MAX_EVENTS} events`,
		async run({ reader, seed }) {
			seed({
				pods: [pod("busy-0", "shop")],
				events: Array.from({ length: MAX_EVENTS + 15 }, (_, i) =>
					event(`b${i}`, "shop", "busy-0", "BackOff", `2026-01-05T10:${String(i).padStart(2, "0")}:00Z`),
				),
			});
			const live = await reader.readObject({ kind: "Pod", namespace: "shop", name: "busy-0" });
			expect(live.events.length).toBe(MAX_EVENTS);
		},
	},
	{
		name: "refuses a name that is not a Kubernetes name, without asking the cluster",
		async run({ reader }) {
			const error = await reader.readObject({ kind: "Pod", namespace: "shop", name: "../secrets/x" }).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect((error as ObjectReadError | undefined)?.code).toBe("bad-input");
		},
	},
];

export function objectReaderContract(name: string, makeSubject: () => Promise<ObjectReaderSubject>): void {
	describe(`ObjectReader contract: ${name}`, () => {
		let subject: ObjectReaderSubject;
		beforeEach(async () => {
			subject = await makeSubject();
		});
		afterEach(async () => {
			await subject.close();
		});
		for (const check of OBJECT_READER_CHECKS) it(check.name, () => check.run(subject));
	});
}
