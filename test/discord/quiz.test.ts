/**
 * A quiz in a Discord channel, answered by 30 people at once, each clicking twice: every click
 * answered within 3 s and privately, one answer recorded per person, the post's count edited to
 * 30 (in far fewer edits than clicks), the reveal, and a click after the close told so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { coreChannel, type DiscordWorld, STUDY_CHANNEL, shownText, startDiscordWorld, user } from "./harness.ts";
import type { InteractionState, StoredMessage } from "./stand-in/discord-stand-in.ts";

const EPHEMERAL = 64;
const SUBCOMMAND = 1;
const STRING = 3;

let world: DiscordWorld;
let quiz: StoredMessage;
/** The option buttons as posted (the reveal replaces them). */
let options: string[];

beforeAll(async () => {
	world = await startDiscordWorld({ start: "2026-01-05T10:00:00Z" });
	const before = world.standIn.messages(STUDY_CHANNEL).length;
	const ask = world.standIn.command(world.where(user(0)), "quiz", [
		{ name: "post", type: SUBCOMMAND, options: [{ name: "topic", type: STRING, value: "liveness probe" }] },
	]);
	await world.standIn.until(() => world.standIn.messages(STUDY_CHANNEL).length > before && ask.originalDeleted, 5000, "the quiz post");
	quiz = world.standIn.messages(STUDY_CHANNEL)[before] as StoredMessage;
	options = buttonsOf(quiz);
});
afterAll(async () => {
	await world?.close();
});

const buttonsOf = (message: StoredMessage) => message.components.flatMap((row) => row.components.map((b) => b.custom_id ?? ""));
const text = (interaction: InteractionState) => shownText(interaction.original ?? { content: "", embeds: [] });

describe("a quiz in a channel", () => {
	it("takes 30 people's answers, clicked twice each at once: one recorded per person, every click answered privately in time", async () => {
		expect(options).toHaveLength(4);
		expect(options.every((id) => decodeButtonId(id)?.action === "quiz-post")).toBe(true);
		const patchesBefore = world.standIn.calls.filter(
			(c) => c.method === "PATCH" && c.path.startsWith(`/channels/${STUDY_CHANNEL}/messages/`),
		).length;
		const clicks: { who: number; interaction: InteractionState }[] = [];
		for (let who = 1; who <= 30; who++) {
			const option = options[who % options.length] as string;
			for (let click = 0; click < 2; click++) clicks.push({ who, interaction: world.standIn.press(world.where(user(who)), quiz, option) });
		}
		await world.standIn.until(() => clicks.every(({ interaction }) => interaction.callback !== undefined), 10_000, "60 answers");
		for (const { interaction } of clicks) {
			expect(interaction.callback?.type).toBe(4);
			expect((interaction.callback?.at ?? Number.POSITIVE_INFINITY) - interaction.dispatchedAt).toBeLessThan(3000);
			expect(interaction.original?.flags ?? 0).toBe(EPHEMERAL);
			expect(interaction.refused).toEqual([]);
		}
		for (let who = 1; who <= 30; who++) {
			const seen = clicks.filter((c) => c.who === who).map((c) => text(c.interaction));
			expect(seen.filter((t) => t.includes("You already answered this quiz"))).toHaveLength(1);
		}
		const quizId = decodeButtonId(options[0] as string)?.value.split(":")[0] ?? "";
		expect(await world.store.listQuizAnswers(coreChannel(STUDY_CHANNEL), quizId)).toHaveLength(30);
		// The post's count reaches 30, through edits coalesced while one is on its way.
		await world.standIn.until(() => shownText(quiz).includes("30 answers so far"), 10_000, "the count to reach 30");
		const patchCount = () =>
			world.standIn.calls.filter((c) => c.method === "PATCH" && c.path === `/channels/${STUDY_CHANNEL}/messages/${quiz.id}`).length;
		// Until every click's follow-up work is done: no edit for half a second.
		for (let seen = -1; seen !== patchCount(); ) {
			seen = patchCount();
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		const patches = patchCount() - patchesBefore;
		expect(shownText(quiz)).toContain("30 answers so far");
		expect(patches).toBeGreaterThan(0);
		expect(patches).toBeLessThan(10);
		// Nobody's answer shows in the channel before the reveal.
		expect(world.standIn.messages(STUDY_CHANNEL).filter((m) => (m.flags & EPHEMERAL) !== 0)).toEqual([]);
	});

	it("reveals at close by editing the post, and a click after that is told the quiz has closed", async () => {
		await world.tick("2026-01-06T10:30:00Z");
		await world.standIn.until(() => shownText(quiz).includes("Quiz closed"), 5000, "the reveal");
		expect(shownText(quiz)).toMatch(/of 30 answers right/);
		expect(buttonsOf(quiz).map((id) => decodeButtonId(id)?.action)).toEqual(["explain"]);
		// A client that still shows the options (it has not refreshed) presses one.
		const late = world.standIn.press(world.where(user(31)), quiz, options[0] as string);
		await world.standIn.until(() => late.callback !== undefined);
		expect(late.original?.flags).toBe(EPHEMERAL);
		expect(text(late)).toContain("This quiz has closed. The answer was");
	});
});
