/**
 * Long work on Discord: a readiness run that takes a while (a cluster reader at the port level
 * that answers late) is acknowledged within 3 s and followed up while the interaction's token
 * lives; when the token runs out first (the stand-in's 15 minutes, shortened), the report still
 * reaches the channel, posted with the bot's token. A core that is slow to answer at all gets a
 * deferral, then the answer in its place.
 */
import { afterEach, describe, expect, it } from "vitest";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { ClusterReadError, type ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { Store } from "../../src/ports/store.ts";
import { ADMIN_ROLE, type DiscordWorld, STUDY_CHANNEL, shownText, startDiscordWorld, user } from "./harness.ts";
import type { InteractionState } from "./stand-in/discord-stand-in.ts";

const EPHEMERAL = 64;
const STRING = 3;
const SUBCOMMAND = 1;

/** Reads the demo namespace as if it were `namespace`, after `delayMs`; "missing" does not exist. */
function slowReader(delayMs: number): ClusterReader {
	return {
		async readNamespace(namespace) {
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			if (namespace === "missing") throw new ClusterReadError("namespace-not-found", `Namespace "missing" does not exist in the cluster.`);
			return { ...(await demoSnapshot(new Date("2026-01-02T12:00:00Z"))), namespace };
		},
	};
}

let world: DiscordWorld | undefined;
afterEach(async () => {
	await world?.close();
	world = undefined;
});

const readiness = (w: DiscordWorld, namespace: string) =>
	w.standIn.command(w.where(user(1)), "readiness", [
		{ name: "namespace", type: STRING, value: namespace },
		{ name: "cluster", type: STRING, value: "prod-eu" },
	]);

describe("a readiness run on Discord", () => {
	it("defers at once for the channel and says privately what it checks; the report takes the deferral's place after the run", async () => {
		world = await startDiscordWorld({ clusterReader: slowReader(800), readinessNamespaces: ["payments"] });
		const w = world;
		const interaction = readiness(w, "payments");
		await w.standIn.until(() => interaction.followUps.length > 0, 5000, "the note");
		expect(interaction.callback?.type).toBe(5);
		expect(interaction.callback?.flags).toBe(0);
		expect((interaction.callback?.at ?? 0) - interaction.dispatchedAt).toBeLessThan(3000);
		const [note] = interaction.followUps;
		expect(note?.flags).toBe(EPHEMERAL);
		expect(note?.content).toBe("Checking `payments` on `prod-eu` ...");
		expect(interaction.original?.edited).toBe(0);
		await w.standIn.until(() => (interaction.original?.edited ?? 0) > 0 && interaction.deletedFollowUps.length === 1, 10_000, "the report");
		const report = interaction.original;
		expect((report?.flags ?? 0) & EPHEMERAL).toBe(0);
		expect(shownText(report ?? { content: "", embeds: [] })).toMatch(/Readiness of payments/);
		expect(w.standIn.messages(STUDY_CHANNEL)).toContain(report);
		expect(interaction.deletedFollowUps).toEqual([note]);
		expect(interaction.originalDeleted).toBe(false);
	});

	it("turns the private note into a private failure and removes the deferral: the namespace does not exist", async () => {
		world = await startDiscordWorld({ clusterReader: slowReader(200), readinessNamespaces: ["missing"] });
		const w = world;
		const interaction = readiness(w, "missing");
		await w.standIn.until(() => interaction.originalDeleted && (interaction.followUps[0]?.edited ?? 0) > 0, 10_000, "the failure");
		const [note] = interaction.followUps;
		expect(note?.flags).toBe(EPHEMERAL);
		expect(shownText(note ?? { content: "", embeds: [] })).toContain('Namespace "missing" does not exist');
		expect(w.standIn.messages(STUDY_CHANNEL).filter((m) => m.interactionId === interaction.id)).toEqual([]);
	});

	it("posts the report to the channel with the bot's token when the interaction's token ran out during the run", async () => {
		world = await startDiscordWorld({
			clusterReader: slowReader(600),
			readinessNamespaces: ["payments"],
			standIn: { tokenLifetimeMs: 300 },
		});
		const w = world;
		// What the bot posts with its own token, as opposed to the interaction's deferral.
		const botPosts = () => w.standIn.messages(STUDY_CHANNEL).filter((message) => message.interactionId === undefined);
		const before = botPosts().length;
		const interaction = readiness(w, "payments");
		await w.standIn.until(() => botPosts().length >= before + 2, 10_000, "the report in the channel");
		const posted = botPosts().slice(before);
		expect(shownText(posted[0] ?? { content: "", embeds: [] })).toMatch(/Readiness of payments/);
		expect(posted[1]?.message_reference?.message_id).toBe(posted[0]?.id);
		// The deferral could not be filled: Discord shows it as not answered, and the report below it.
		expect(interaction.original?.edited).toBe(0);
		expect(interaction.followUps.map((f) => f.content)).toEqual(["Checking `payments` on `prod-eu` ..."]);
		expect(w.logger.lines.join("\n")).toMatch(/50027|Invalid Webhook Token/);
	});
});

describe("a core slow to answer", () => {
	/** A store whose reads take `delayMs`: /course status has to wait for it. */
	function slowStore(store: Store, delayMs: number): Store {
		return new Proxy(store, {
			get(target, key, receiver) {
				const value = Reflect.get(target, key, receiver);
				if (key !== "getChannel" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
				return async (...args: unknown[]) => {
					await new Promise((resolve) => setTimeout(resolve, delayMs));
					return (value as (...a: unknown[]) => unknown).apply(target, args);
				};
			},
		});
	}

	it("when even the first response comes too late (10062), posts an answer for the channel with the bot's token and logs a private one", async () => {
		// The stand-in's 3 s shortened to 150 ms, the adapter's deferral left at 1.5 s: the core's 400 ms are too long.
		world = await startDiscordWorld({ standIn: { initialResponseDeadlineMs: 150 }, wrapStore: (store) => slowStore(store, 400) });
		const w = world;
		const admin = w.where(user(3), { roles: [ADMIN_ROLE] });
		const start = w.standIn.command(admin, "course", [{ name: "start", type: SUBCOMMAND, options: [] }]);
		await w.standIn.until(
			() => start.refused.length > 0 && w.standIn.messages(STUDY_CHANNEL).some((m) => shownText(m).includes("starts here")),
			5000,
			"the public answer",
		);
		expect(start.refused.map((r) => r.code)).toEqual([10062]);
		expect(start.callback).toBeUndefined();
		const status = w.standIn.command(w.where(user(4)), "course", [{ name: "status", type: SUBCOMMAND, options: [] }]);
		await w.standIn.until(
			() => status.refused.length > 0 && w.logger.lines.some((line) => line.includes("could not be delivered")),
			5000,
			"the private answer to be given up",
		);
		expect(w.standIn.messages(STUDY_CHANNEL).filter((m) => shownText(m).includes("Next: Episode 1"))).toEqual([]);
	});

	it("defers before Discord's 3 seconds pass, then edits the deferral into the answer", async () => {
		world = await startDiscordWorld({ deferAfterMs: 100, wrapStore: (store) => slowStore(store, 400) });
		const w = world;
		const interaction: InteractionState = w.standIn.command(w.where(user(2)), "course", [
			{ name: "status", type: SUBCOMMAND, options: [] },
		]);
		await w.standIn.until(() => (interaction.original?.edited ?? 0) > 0, 5000, "the answer");
		expect(interaction.callback?.type).toBe(5);
		expect(interaction.callback?.flags).toBe(EPHEMERAL);
		expect((interaction.callback?.at ?? 0) - interaction.dispatchedAt).toBeLessThan(400);
		expect(shownText(interaction.original ?? { content: "", embeds: [] })).toContain("does not follow a course yet");
	});
});
