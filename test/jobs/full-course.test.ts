import { describe, expect, it } from "vitest";
import { parseChoiceValue } from "../../src/quiz/quiz-options.ts";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CSTUDY";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const learners = ["slack:T1:U1", "slack:T1:U2", "slack:T1:U3"];
const MANAGERS = "slack:T1:CMANAGERS";

describe("a full 10-episode course in one channel over simulated weeks", () => {
	it("drops every episode once, in order, on Mondays 09:00 Berlin; quizzes at +1, +3, +7 days; reveals; then course complete", async () => {
		// Every answer's count edited at once, so that each shows (quiz-count-order tests the interval).
		const world = makeWorld({ start: "2026-01-02T11:00:00Z", study: { digestChannel: MANAGERS, countEditIntervalMs: 0 } });
		const [started] = await world.say(CH, ADMIN, '/course start k8s-production-mastery "mondays 9:00" Europe/Berlin');
		expect(started?.text).toContain("Episode 1 drops Mon, 5 Jan 2026, 09:00 (Europe/Berlin)");

		// Learners answer each quiz as soon as it is posted: two right, one wrong.
		let seen = 0;
		const answerNewQuizzes = async () => {
			for (const post of world.chat.postsIn(CH, "Recall quiz").slice(seen)) {
				seen++;
				const value = post.reply.buttons?.[0]?.value ?? "";
				const quizId = parseChoiceValue(value)?.id ?? "";
				const stored = await world.store.getQuizPost(CH, quizId);
				const question = world.course.questions.find((q) => q.id === stored?.questionId);
				if (!question) throw new Error(`no question for ${quizId}`);
				const wrong = (question.answer + 1) % question.options.length;
				for (const [i, user] of learners.entries()) {
					await world.press(CH, user, "quiz-post", `${quizId}:${i < 2 ? question.answer : wrong}`);
				}
			}
		};
		const end = new Date("2026-03-20T00:00:00Z").getTime();
		for (let t = world.clock.now().getTime() + HOUR; t <= end; t += HOUR) {
			await world.tick(new Date(t));
			await answerNewQuizzes();
		}

		const drops = world.chat.postsIn(CH, "New episode");
		expect(drops.map((d) => d.reply.header)).toEqual(world.course.episodes.map((e) => `New episode · Episode ${e.number}: ${e.title}`));
		const channel = await world.store.getChannel(CH);
		expect(channel?.nextEpisode).toBe(12); // 11 = all out, 12 = the course-complete message went out
		// Mondays at 09:00 in Berlin (08:00 UTC in winter), one a week from 5 January.
		const firstDrop = new Date("2026-01-05T08:00:00Z").getTime();
		const posts = await world.store.listQuizPosts(CH, { from: new Date(0), to: new Date(end) });
		expect(posts).toHaveLength(30);
		for (const [i] of world.course.episodes.entries()) {
			const dropAt = firstDrop + i * 7 * DAY;
			const recalls = posts.filter((p) => p.episode === i + 1);
			expect(recalls.map((p) => p.opensAt.getTime() - dropAt)).toEqual([1 * DAY, 3 * DAY, 7 * DAY]);
			expect(recalls.every((p) => p.revealedAt !== null && p.messageRef !== null)).toBe(true);
		}
		expect(world.chat.postsIn(CH, "Recall quiz")).toHaveLength(30);
		const reveals = world.chat.updates.filter((u) => u.reply.header?.startsWith("Quiz closed"));
		expect(reveals).toHaveLength(30);
		expect(new Set(reveals.map((r) => r.ref)).size).toBe(30);
		expect(reveals.every((r) => r.reply.footer === "2 of 3 answers right (67%).")).toBe(true);
		// Running counts never gave the answer away.
		const counts = world.chat.updates.filter((u) => u.reply.header?.startsWith("Recall quiz"));
		expect(counts).toHaveLength(90);
		expect(counts.every((u) => !u.reply.text?.includes("✓") && !u.reply.text?.includes("Answer:"))).toBe(true);

		const complete = world.chat.postsIn(CH, "Course complete");
		expect(complete).toHaveLength(1);
		// After the last reveal: the +7 day quiz of Episode 10 closes a day after it opens.
		expect(world.chat.postsIn(CH).at(-1)?.reply.header).toBe("Course complete · Kubernetes Production Mastery");
		const fields = Object.fromEntries((complete[0]?.reply.fields ?? []).map((f) => [f.label, f.value]));
		expect(fields).toMatchObject({
			"Quizzes posted": "30",
			"Learners who answered": "3",
			Answers: "90 (3.0 per quiz)",
			Accuracy: "67% right",
		});
		expect(world.logger.lines.filter((l) => !l.startsWith("info:"))).toEqual([]);
		// The managers' channel gets the channel's report over the course, once, with its chart.
		const report = world.chat.postsIn(MANAGERS);
		expect(report.map((p) => p.reply.header)).toEqual([`Participation · ${CH} finished the course`]);
		expect(report[0]?.reply.text).toContain("3 learners answered 90 times, 67% right; 30 quizzes posted.");
		expect(report[0]?.reply.image?.png.length).toBeGreaterThan(0);
		const table = report[0]?.reply.table;
		const dropped = table?.columns.indexOf("Episodes dropped") ?? -1;
		expect(table?.rows.reduce((sum, row) => sum + Number(row[dropped]), 0)).toBe(10);

		const [mine] = await world.say(CH, "slack:T1:U1", "/quiz mine");
		const progress = Object.fromEntries((mine?.fields ?? []).map((f) => [f.label, f.value]));
		expect(progress["Quizzes answered here"]).toBe("30 (30 right)");
		expect(progress["Accuracy (quizzes here and reviews)"]).toBe("100% (30 of 30 right)");
	});
});
