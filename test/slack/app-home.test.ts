/** The App Home tab: the learner's progress and due reviews, and the review itself, done in the tab. */
import { afterEach, describe, expect, it } from "vitest";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { ADMIN_USER, CHANNEL, type Mode, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";

let world: SlackWorld | undefined;
afterEach(async () => {
	await world?.close();
	world = undefined;
});

const homeOf = (w: SlackWorld, user: string) => {
	const view = w.standIn.views.get(user);
	return { ...readBlocks((view?.blocks as unknown[] | undefined) ?? []), metadata: view?.private_metadata as string | undefined };
};

for (const mode of ["http", "socket"] as const satisfies readonly Mode[]) {
	describe(`Slack's App Home, ${mode} mode`, () => {
		it("shows the learner's progress when the Home tab opens, not when the Messages tab does", async () => {
			world = await startSlackWorld({ mode });
			const w = world;
			await w.event({ type: "app_home_opened", user: "U0LEARN", channel: "D0LEARN", tab: "messages" });
			await w.event({ type: "app_home_opened", user: "U0LEARN", channel: "D0LEARN", tab: "home" });
			await w.standIn.until(() => w.standIn.views.has("U0LEARN"));
			const home = homeOf(w, "U0LEARN");
			expect(home.text).toMatch(/^Your kubecoach progress\nYou have not answered a quiz yet/);
			expect(home.metadata).toBe(JSON.stringify({ channel: "D0LEARN" }));
			expect(w.standIn.callsOf("views.publish")).toHaveLength(1);
		});

		it("starts the due review from the tab and takes its answer there", async () => {
			world = await startSlackWorld({ mode, start: "2026-01-06T10:00:00Z" });
			const w = world;
			await w.command("/course", "start", { user: ADMIN_USER });
			await w.command("/quiz", "2");
			const quiz = w.standIn.messagesIn(CHANNEL).at(-1);
			const [firstOption] = readBlocks(quiz?.blocks ?? []).buttons;
			await w.press(firstOption?.id ?? "", { user: "U0LEARN", messageTs: quiz?.ts ?? "" });
			await w.standIn.until(() => w.standIn.ephemerals.some((e) => e.user === "U0LEARN"));
			w.clock.set("2026-01-25T10:00:00Z");

			await w.event({ type: "app_home_opened", user: "U0LEARN", channel: "D0LEARN", tab: "home" });
			await w.standIn.until(() => w.standIn.views.has("U0LEARN"));
			const home = homeOf(w, "U0LEARN");
			expect(home.text).toContain("1 card to review now");
			const start = home.buttons.find((b) => b.label === "Start my review (1 due)");
			expect(decodeButtonId(start?.id ?? "")?.action).toBe("review-start");

			await w.press(start?.id ?? "", { user: "U0LEARN", homeMetadata: home.metadata ?? "" });
			await w.standIn.until(() => homeOf(w, "U0LEARN").text.startsWith("Review · 1 due"));
			const review = homeOf(w, "U0LEARN");
			const answers = review.buttons.filter((b) => decodeButtonId(b.id)?.action === "review-answer");
			expect(answers.length).toBeGreaterThanOrEqual(2);
			expect(review.text).toContain("Your kubecoach progress");

			await w.press(answers[0]?.id ?? "", { user: "U0LEARN", homeMetadata: review.metadata ?? "" });
			await w.standIn.until(() => /^(Right|Not quite)\n/.test(homeOf(w, "U0LEARN").text));
			expect(homeOf(w, "U0LEARN").text).toContain("Nothing is due for review");
			expect(w.standIn.callsOf("views.publish").every((call) => call.status === 200 && call.error === undefined)).toBe(true);
		});
	});
}
