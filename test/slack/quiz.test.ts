/**
 * Quizzes in Slack: option buttons, each answer recorded once, private feedback, the channel post
 * updated in place with the running count, a closed quiz saying so, and redeliveries (a press
 * delivered twice, an event Slack retries) answered once, also by two replicas sharing Redis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RedisClient } from "../../adapters/redis/connect.ts";
import { RedisRunCoordinator } from "../../adapters/redis/redis-run-coordinator.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { clean, connectTestRedis, testPrefix } from "../contract/redis-test-db.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { ADMIN_USER, CHANNEL, type Mode, type SlackWorld, startSlackWorld } from "./harness.ts";
import { readBlocks } from "./read-blocks.ts";
import { SlackStandIn } from "./stand-in/slack-stand-in.ts";

const CORE_CHANNEL = `slack:T0001:${CHANNEL}`;
const worlds: SlackWorld[] = [];
afterEach(async () => {
	for (const world of worlds.splice(0)) await world.close();
});

async function postQuiz(
	world: SlackWorld,
): Promise<{ readonly ts: string; readonly ids: readonly string[]; readonly answer: number; readonly quizId: string }> {
	await world.command("/course", "start", { user: ADMIN_USER });
	await world.command("/quiz", "2");
	const message = world.standIn.messagesIn(CHANNEL).at(-1);
	const ids = readBlocks(message?.blocks ?? []).buttons.map((button) => button.id);
	const value = decodeButtonId(ids[0] ?? "")?.value ?? "";
	const quizId = value.slice(0, value.lastIndexOf(":"));
	const post = await world.store.getQuizPost(CORE_CHANNEL, quizId);
	const question = world.course.questions.find((q) => q.id === post?.questionId);
	if (!message || !question) throw new Error("no quiz posted");
	return { ts: message.ts, ids, answer: question.answer, quizId };
}

const ephemeralTexts = (world: SlackWorld, user: string) =>
	world.standIn.ephemerals.filter((e) => e.user === user).map((e) => readBlocks(e.blocks).text);

for (const mode of ["http", "socket"] as const satisfies readonly Mode[]) {
	describe(`Slack quizzes, ${mode} mode`, () => {
		it("30 learners who each click twice: every answer recorded once, one feedback each, the post updated in place to 30", async () => {
			// Calls answered out of order, as over a real network: a count of 29 must not land after 30.
			const world = await startSlackWorld({ mode, standInOptions: { jitterMs: 40 } });
			worlds.push(world);
			const quiz = await postQuiz(world);
			const users = Array.from({ length: 30 }, (_, i) => `U${String(i).padStart(3, "0")}`);
			const choice = (i: number) => i % quiz.ids.length;
			// Each learner's two clicks are two presses (two action_ts), sent together; learners a few milliseconds apart.
			const presses: Promise<unknown>[] = [];
			for (const [i, user] of users.entries()) {
				for (const click of [1, 2])
					presses.push(world.press(quiz.ids[choice(i)] ?? "", { user, messageTs: quiz.ts, actionTs: `17000009${i}.${click}` }));
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			await Promise.all(presses);
			await world.standIn.until(
				() => users.every((user) => ephemeralTexts(world, user).length === 2),
				15_000,
				"two answers to each learner",
			);
			// The post's count is edited at most once a second: the last edit shows every answer.
			await world.standIn.until(
				() => readBlocks(world.standIn.message(CHANNEL, quiz.ts)?.blocks ?? []).text.includes("30 answers so far"),
				15_000,
				"the post to count 30 answers",
			);
			await world.chat.stop();
			expect(world.standIn.callsOf("chat.update").length).toBeLessThan(30);
			const answers = await world.store.listQuizAnswers(CORE_CHANNEL, quiz.quizId);
			expect(answers.map((a) => a.userId).sort()).toEqual(users.map((u) => `slack:T0001:${u}`));
			for (const [i, user] of users.entries()) {
				const texts = ephemeralTexts(world, user);
				const feedback = texts.filter((text) => /^(Right|Not quite)\n/.test(text));
				expect(feedback, user).toHaveLength(1);
				expect(feedback[0]?.startsWith(choice(i) === quiz.answer ? "Right" : "Not quite")).toBe(true);
				expect(texts.filter((text) => text.startsWith("You already answered this quiz"))).toHaveLength(1);
			}
			// Updated in place: still one message for the quiz, its buttons unchanged.
			const quizMessages = world.standIn.messagesIn(CHANNEL).filter((m) => readBlocks(m.blocks).text.startsWith("Recall quiz"));
			expect(quizMessages).toHaveLength(1);
			expect(readBlocks(quizMessages[0]?.blocks ?? []).buttons.map((b) => b.id)).toEqual(quiz.ids);
		});

		it("a press delivered twice (the same action_ts) is answered once", async () => {
			const world = await startSlackWorld({ mode });
			worlds.push(world);
			const quiz = await postQuiz(world);
			const press = { user: "U0TWICE", messageTs: quiz.ts, actionTs: "1700000777.000001" };
			await world.press(quiz.ids[0] ?? "", press);
			await world.press(quiz.ids[0] ?? "", press);
			await world.standIn.until(() => ephemeralTexts(world, "U0TWICE").length >= 1);
			await world.chat.stop();
			expect(ephemeralTexts(world, "U0TWICE")).toHaveLength(1);
			expect(await world.store.listQuizAnswers(CORE_CHANNEL, quiz.quizId)).toHaveLength(1);
		});

		it("an @mention Slack redelivers (x-slack-retry-num) is answered once", async () => {
			const world = await startSlackWorld({ mode });
			worlds.push(world);
			const mention = {
				type: "app_mention",
				user: "U0ASK",
				channel: CHANNEL,
				ts: "1700000800.000100",
				text: `<@${world.standIn.botUserId}> explain exit code 137`,
			};
			await world.event(mention, { eventId: "EvSAME" });
			await world.event(mention, { eventId: "EvSAME", retryNum: 1 });
			await world.event(mention, { eventId: "EvSAME", retryNum: 2 });
			await world.standIn.until(() => world.standIn.messagesIn(CHANNEL).length > 0);
			await world.chat.stop();
			expect(world.standIn.messagesIn(CHANNEL).filter((m) => m.threadTs === mention.ts)).toHaveLength(1);
		});

		it("once the quiz closes, the post shows the answer in place and a press says the quiz is closed", async () => {
			const world = await startSlackWorld({ mode });
			worlds.push(world);
			const quiz = await postQuiz(world);
			await world.press(quiz.ids[quiz.answer] ?? "", { user: "U0EARLY", messageTs: quiz.ts });
			await world.standIn.until(() => (world.standIn.message(CHANNEL, quiz.ts)?.updates ?? 0) >= 1);
			await world.tick("2026-01-06T09:00:00Z");
			const revealed = readBlocks(world.standIn.message(CHANNEL, quiz.ts)?.blocks ?? []).text;
			expect(revealed).toMatch(/^Quiz closed · Episode 2/);
			expect(revealed).toContain("1 of 1 answer right (100%).");
			await world.press(quiz.ids[0] ?? "", { user: "U0LATE", messageTs: quiz.ts });
			await world.standIn.until(() => ephemeralTexts(world, "U0LATE").length > 0);
			expect(ephemeralTexts(world, "U0LATE")[0]).toMatch(/^This quiz has closed\. The answer was [A-D]\./);
		});
	});
}

describe("Slack on two replicas sharing Redis", () => {
	const DB = 9;
	let admin: RedisClient;
	const prefix = testPrefix("slack-replicas");
	const clients: RedisClient[] = [];
	beforeAll(async () => {
		admin = await connectTestRedis(DB);
	});
	afterAll(async () => {
		for (const client of clients) await client.quit();
		await clean(admin, prefix);
		await admin.quit();
	});

	it("an event and a press delivered to both replicas are answered once", async () => {
		const standIn = await SlackStandIn.start();
		const store = new MemoryStore();
		const replicas: SlackWorld[] = [];
		for (let i = 0; i < 2; i++) {
			const client = await connectTestRedis(DB);
			clients.push(client);
			replicas.push(
				await startSlackWorld({ mode: "http", standIn, store, coordinator: new RedisRunCoordinator(client, { keyPrefix: prefix }) }),
			);
		}
		worlds.push(...replicas);
		const [one, two] = replicas as [SlackWorld, SlackWorld];
		const quiz = await postQuiz(one);
		const press = { user: "U0BOTH", messageTs: quiz.ts, actionTs: "1700000999.000001" };
		const mention = {
			type: "app_mention",
			user: "U0BOTH",
			channel: CHANNEL,
			ts: "1700000900.000100",
			text: `<@${standIn.botUserId}> explain OOMKilled`,
		};
		await Promise.all([one.press(quiz.ids[1] ?? "", press), two.press(quiz.ids[1] ?? "", press)]);
		await Promise.all([one.event(mention, { eventId: "EvBOTH" }), two.event(mention, { eventId: "EvBOTH", retryNum: 1 })]);
		await standIn.until(
			() => standIn.messagesIn(CHANNEL).some((m) => m.threadTs === mention.ts) && ephemeralTexts(one, "U0BOTH").length > 0,
		);
		await one.chat.stop();
		await two.chat.stop();
		expect(standIn.messagesIn(CHANNEL).filter((m) => m.threadTs === mention.ts)).toHaveLength(1);
		expect(ephemeralTexts(one, "U0BOTH")).toHaveLength(1);
		expect(await store.listQuizAnswers(CORE_CHANNEL, quiz.quizId)).toHaveLength(1);
		await standIn.close();
	});
});
