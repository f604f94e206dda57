import { describe, expect, it } from "vitest";
import { explainCommand } from "../../src/explain/explain-command.ts";
import { Explainer } from "../../src/explain/explainer.ts";
import type { Handled } from "../../src/router/command.ts";
import { MemoryObjectReader } from "../fakes/memory-object-reader.ts";
import { seen, someone } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";

const last = async (handled: Handled | Promise<Handled>) => (await seen(handled)).at(-1);

describe("/explain pod/NAME without a live cluster", () => {
	const explainer = new Explainer(mainCourse());

	it("says how to connect a cluster when the bot has none, privately", async () => {
		const reply = await last(explainCommand(explainer).run("pod/web-0 -n shop", someone));
		expect(reply).toMatchObject({ header: "No cluster connected", visibility: "private" });
		expect(reply?.text).toContain("KUBECONFIG");
	});

	it("still treats an ordinary question that mentions a pod as a question", async () => {
		const reply = await last(explainCommand(explainer, { reader: new MemoryObjectReader() }).run("why is my pod pending", someone));
		expect(reply?.header).toContain("Pending pod");
	});

	it("finds a pod stuck terminating well past its grace period", async () => {
		const reader = new MemoryObjectReader();
		reader.seed({
			pods: [
				{
					apiVersion: "v1",
					kind: "Pod",
					metadata: { name: "web-0", namespace: "shop", deletionTimestamp: "2026-01-05T10:00:00Z" } as never,
					spec: { terminationGracePeriodSeconds: 30 },
					status: { phase: "Running" },
				},
			],
		});
		const now = () => new Date("2026-01-05T10:20:00Z");
		const handled = await explainCommand(explainer, { reader, now }).run("pod/web-0 -n shop", someone);
		expect(handled.replies[0]?.text).toContain("Reading `pod/web-0` in `shop`");
		const reply = await last(handled);
		expect(reply?.header).toBe("pod/web-0 in shop: Stuck terminating");
		expect(reply?.footer).toContain("Episode 4");
	});
});
