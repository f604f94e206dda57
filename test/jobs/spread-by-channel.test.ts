/** Quiz openings are handled one post per channel at a time, so a chat platform's per-channel pacing never holds a worker while other channels wait. */
import { expect, it } from "vitest";
import { spreadByChannel } from "../../jobs/study-jobs.ts";
import type { QuizPost } from "../../src/ports/store.ts";

const post = (channelId: string, id: string): QuizPost => ({
	id,
	channelId,
	questionId: "q",
	episode: 1,
	opensAt: new Date(0),
	closesAt: new Date(1),
	messageRef: null,
	revealedAt: null,
});

it("orders the posts round-robin by channel, keeping each channel's own order, and loses none", () => {
	const posts = [post("A", "a1"), post("A", "a2"), post("A", "a3"), post("B", "b1"), post("B", "b2"), post("C", "c1")];
	expect(spreadByChannel(posts).map((p) => p.id)).toEqual(["a1", "b1", "c1", "a2", "b2", "a3"]);
	expect(spreadByChannel([])).toEqual([]);
});
