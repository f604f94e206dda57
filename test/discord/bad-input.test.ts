/**
 * What Discord may deliver that the bot did not ask for: a command it does not have (a stale
 * registration), options of the wrong type, an option of 6,000 characters, a missing required
 * option, a component id that does not decode, kinds of interaction it does not use. Each gets
 * a polite private line in time, nothing is thrown past the adapter, and the bot keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordWorld, STUDY_CHANNEL, shownText, startDiscordWorld, user } from "./harness.ts";
import { APP_ID, type InteractionState } from "./stand-in/discord-stand-in.ts";
import { commandInteraction } from "./stand-in/payloads.ts";

const EPHEMERAL = 64;
const SUBCOMMAND = 1;
const STRING = 3;
const INTEGER = 4;

let world: DiscordWorld;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
	process.on("unhandledRejection", onUnhandled);
	world = await startDiscordWorld();
});
afterAll(async () => {
	process.off("unhandledRejection", onUnhandled);
	await world?.close();
});

async function privateLine(interaction: InteractionState): Promise<string> {
	await world.standIn.until(() => interaction.callback !== undefined, 5000, `an answer to ${interaction.id}`);
	expect((interaction.callback?.at ?? Number.POSITIVE_INFINITY) - interaction.dispatchedAt).toBeLessThan(3000);
	expect(interaction.original?.flags).toBe(EPHEMERAL);
	return shownText(interaction.original ?? { content: "", embeds: [] });
}

describe("bad input from Discord", () => {
	it("a command the bot does not have", async () => {
		expect(
			await privateLine(world.standIn.command(world.where(user(1)), "deploy", [{ name: "to", type: STRING, value: "prod" }])),
		).toContain("`/deploy` is not one of my commands");
	});

	it("an option of the wrong type", async () => {
		const line = await privateLine(
			world.standIn.command(world.where(user(1)), "explain", [{ name: "question", type: INTEGER, value: 42 }]),
		);
		expect(line).toContain("The option `question` of /explain should be text");
		expect(line).toContain("npm run discord:register");
	});

	it("a value that does not match its declared type", async () => {
		const line = await privateLine(
			world.standIn.command(world.where(user(1)), "quiz", [
				{ name: "post", type: SUBCOMMAND, options: [{ name: "episode", type: INTEGER, value: "two" }] },
			]),
		);
		expect(line).toContain("should be a whole number");
	});

	it("a 6,000-character option", async () => {
		const line = await privateLine(
			world.standIn.command(world.where(user(1)), "explain", [{ name: "question", type: STRING, value: "why ".repeat(1500) }]),
		);
		expect(line).toContain("is 6,000 characters long; I read at most 1,000");
	});

	it("an option the command does not have, a missing required one, a choice it does not offer, a missing subcommand", async () => {
		expect(
			await privateLine(world.standIn.command(world.where(user(1)), "explain", [{ name: "topic", type: STRING, value: "x" }])),
		).toContain("has no option `topic`");
		expect(await privateLine(world.standIn.command(world.where(user(1)), "explain", []))).toContain("needs the option `question`");
		expect(
			await privateLine(world.standIn.command(world.where(user(1)), "readiness", [{ name: "profile", type: STRING, value: "paranoid" }])),
		).toContain("is one of `core`, `complete`");
		expect(await privateLine(world.standIn.command(world.where(user(1)), "course", []))).toContain("/course takes one of");
	});

	it("options the core cannot take together, or a cluster name with spaces", async () => {
		expect(
			await privateLine(
				world.standIn.command(world.where(user(1)), "quiz", [
					{
						name: "post",
						type: SUBCOMMAND,
						options: [
							{ name: "episode", type: INTEGER, value: 2 },
							{ name: "topic", type: STRING, value: "probes" },
						],
					},
				]),
			),
		).toContain("Pick an episode or a topic, not both.");
		expect(
			await privateLine(
				world.standIn.command(world.where(user(1)), "readiness", [
					{ name: "namespace", type: STRING, value: "payments" },
					{ name: "cluster", type: STRING, value: "prod eu" },
				]),
			),
		).toContain("is one word, without spaces");
	});

	it("a component id that does not decode, and one far too long", async () => {
		const message = await world.chat.post(`discord:${world.where(user(1)).guild?.id}:${STUDY_CHANNEL}`, { text: "a post" });
		const posted = world.standIn.messages(STUDY_CHANNEL).find((m) => message.endsWith(m.id));
		if (!posted) throw new Error("not posted");
		expect(await privateLine(world.standIn.press(world.where(user(1)), posted, "quiz:q1:B"))).toContain("That button is not one I know");
		expect(await privateLine(world.standIn.press(world.where(user(1)), posted, `kc1|0|explain|${"x".repeat(500)}`))).toContain(
			"That button is not one I know",
		);
	});

	it("kinds of interaction the bot does not use: a select menu, a modal, a context-menu command", async () => {
		await world.chat.post(`discord:${world.where(user(1)).guild?.id}:${STUDY_CHANNEL}`, { text: "a post with a menu" });
		const posted = world.standIn.messages(STUDY_CHANNEL).at(-1);
		if (!posted) throw new Error("not posted");
		const where = world.where(user(1));
		const base = commandInteraction(APP_ID, where, "explain");
		const fresh = (n: number) => ({ id: `${base.id.slice(0, -1)}${n}`, token: `${base.token}-${n}` });
		const author = { id: "110000000000000002", username: "kubecoach", discriminator: "0", avatar: null, bot: true };
		const message = {
			...posted,
			author,
			type: 0,
			tts: false,
			mention_everyone: false,
			mentions: [],
			mention_roles: [],
			pinned: false,
			edited_timestamp: null,
		};
		const target = { id: "150000000000000001", username: "learner1", discriminator: "0", global_name: null, avatar: null };
		const interactions = [
			{ ...base, ...fresh(1), type: 3, data: { custom_id: "menu", component_type: 3, values: ["a"] }, message },
			{ ...base, ...fresh(2), type: 5, data: { custom_id: "form", components: [] } },
			{
				...base,
				...fresh(3),
				data: {
					id: "900000000000000009",
					name: "Explain this user",
					type: 2,
					target_id: target.id,
					resolved: { users: { [target.id]: target } },
				},
			},
		].map((payload) => world.standIn.interact(payload));
		for (const interaction of interactions)
			expect(await privateLine(interaction)).toContain("I don't handle that kind of interaction here");
	});

	it("keeps answering afterwards, with nothing unhandled", async () => {
		const ok = world.standIn.command(world.where(user(2)), "explain", [{ name: "question", type: STRING, value: "ImagePullBackOff" }]);
		await world.standIn.until(() => ok.callback !== undefined);
		expect(shownText(ok.original ?? { content: "", embeds: [] })).toContain("ImagePullBackOff");
		expect(unhandled).toEqual([]);
		expect(world.logger.lines.filter((line) => line.startsWith("error:"))).toEqual([]);
	});
});
