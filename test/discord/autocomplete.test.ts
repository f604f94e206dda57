/**
 * Autocomplete as a person types: glossary terms for /explain and /quiz topics, episodes (as
 * whole numbers) for /quiz, namespaces from the allow-list for /readiness. Bounded to Discord's
 * 25 choices of at most 100 characters, answered fast, and an empty list (never an error) for
 * anything unexpected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordWorld, startDiscordWorld, user } from "./harness.ts";
import type { InteractionState } from "./stand-in/discord-stand-in.ts";

const SUBCOMMAND = 1;
const STRING = 3;
const INTEGER = 4;

let world: DiscordWorld;
beforeAll(async () => {
	world = await startDiscordWorld({ readinessNamespaces: ["payments", "platform", "team-*"] });
});
afterAll(async () => {
	await world?.close();
});

async function choices(interaction: InteractionState): Promise<readonly { name: string; value: string | number }[]> {
	await world.standIn.until(() => interaction.callback !== undefined, 5000, "the choices");
	expect(interaction.callback?.type).toBe(8);
	expect((interaction.callback?.at ?? Number.POSITIVE_INFINITY) - interaction.dispatchedAt).toBeLessThan(3000);
	const list = interaction.choices ?? [];
	expect(list.length).toBeLessThanOrEqual(25);
	for (const choice of list) expect([choice.name.length <= 100, String(choice.value).length <= 100]).toEqual([true, true]);
	return list;
}

describe("autocomplete", () => {
	it("offers glossary terms for /explain's question", async () => {
		const list = await choices(
			world.standIn.autocomplete(world.where(user(1)), "explain", [{ name: "question", type: STRING, value: "oom", focused: true }]),
		);
		expect(list[0]).toEqual({ name: "OOMKilled", value: "OOMKilled" });
	});

	it("offers episodes as whole numbers, and terms, for /quiz post", async () => {
		const episodes = await choices(
			world.standIn.autocomplete(world.where(user(1)), "quiz", [
				{ name: "post", type: SUBCOMMAND, options: [{ name: "episode", type: INTEGER, value: "net", focused: true }] },
			]),
		);
		expect(episodes).toEqual([{ name: "6 · Networking", value: 6 }]);
		const topics = await choices(
			world.standIn.autocomplete(world.where(user(1)), "quiz", [
				{ name: "post", type: SUBCOMMAND, options: [{ name: "topic", type: STRING, value: "liveness", focused: true }] },
			]),
		);
		expect(topics.map((c) => c.value)).toContain("Liveness probe");
	});

	it("offers episodes for /episode's number", async () => {
		const list = await choices(
			world.standIn.autocomplete(world.where(user(1)), "episode", [{ name: "number", type: INTEGER, value: "1", focused: true }]),
		);
		expect(list.slice(0, 2)).toEqual([
			{ name: "1 · Production Mindset", value: 1 },
			{ name: "10 · Multi-Cluster Management", value: 10 },
		]);
	});

	it("offers the allow-list's namespaces for /readiness, and a typed name a pattern allows", async () => {
		const all = await choices(
			world.standIn.autocomplete(world.where(user(1)), "readiness", [{ name: "namespace", type: STRING, value: "", focused: true }]),
		);
		expect(all.map((c) => c.value)).toEqual(["payments", "platform"]);
		const team = await choices(
			world.standIn.autocomplete(world.where(user(1)), "readiness", [
				{ name: "namespace", type: STRING, value: "team-blue", focused: true },
			]),
		);
		expect(team.map((c) => c.value)).toEqual(["team-blue"]);
	});

	it("answers anything unexpected with no choices: an unknown command, an option without suggestions, a huge partial value", async () => {
		expect(
			await choices(world.standIn.autocomplete(world.where(user(1)), "deploy", [{ name: "to", type: STRING, value: "p", focused: true }])),
		).toEqual([]);
		expect(
			await choices(
				world.standIn.autocomplete(world.where(user(1)), "readiness", [{ name: "cluster", type: STRING, value: "p", focused: true }]),
			),
		).toEqual([]);
		expect(
			await choices(
				world.standIn.autocomplete(world.where(user(1)), "explain", [
					{ name: "question", type: STRING, value: "x".repeat(6000), focused: true },
				]),
			),
		).toEqual([]);
		expect(world.logger.lines.filter((line) => !line.startsWith("info:"))).toEqual([]);
	});
});
