/** Handled.answerFollows: long work says so (its replies only announce the answer), background work does not. */
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { createCore } from "../../src/app.ts";
import { someone } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";
import { makeWorld } from "../study/harness.ts";

describe("answerFollows", () => {
	it("is set by a readiness run, kept through the router, whose followUp brings the report", async () => {
		const { router } = createCore({
			course: mainCourse(),
			clusterReader: { readNamespace: async () => demoSnapshot() },
			readinessDemo: demoSnapshot,
		});
		for (const args of ["--demo", "payments"]) {
			const handled = await router.handleCommand("readiness", args, someone);
			expect(handled.answerFollows).toBe(true);
			expect(handled.replies.map((r) => r.visibility)).toEqual(["private"]);
			const [report] = (await handled.followUp?.()) ?? [];
			expect(report?.header).toMatch(/^Readiness of /);
		}
	});

	it("is not set where the replies are the answer and the followUp works in the background: a quiz answer", async () => {
		const world = makeWorld({ start: "2026-01-05T10:00:00Z" });
		await world.say("slack:T1:C1", "slack:T1:U1", "/quiz");
		const option = world.chat.posts.at(-1)?.reply.buttons?.[0];
		if (!option) throw new Error("no quiz posted");
		const handled = await world.pressOnly("slack:T1:C1", "slack:T1:U2", option.action, option.value);
		expect(handled.followUp).toBeDefined();
		expect(handled.answerFollows).toBeUndefined();
	});
});
