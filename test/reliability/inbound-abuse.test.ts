/**
 * 1,000 malformed or forged requests into Slack's HTTP mode (the real Bolt receiver behind the
 * bot's HTTP server): bad and missing signatures, stale and far-future timestamps, truncated JSON,
 * bodies over 1 MiB, buttons and interactions kubecoach never offers, other workspaces. Every one
 * is refused with a 4xx, none reaches the router or calls Slack, the server keeps answering real
 * requests, and the heap returns to where it was.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeButtonId } from "../../src/router/button-id.ts";
import { buttonPress, CHANNEL, commandFields, SECRET, type SlackWorld, startSlackWorld, TEAM } from "../slack/harness.ts";
import { FORM, interactionBody, JSON_TYPE, type SendOptions, signedPost, slashCommandBody } from "../slack/stand-in/signed-requests.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const REQUESTS = 1000;
const now = () => Math.floor(Date.now() / 1000);

const command = (team = TEAM) => slashCommandBody(commandFields(team));

const press = (actionId: string, type = "block_actions", team = TEAM) => interactionBody(buttonPress(actionId, type, team));

const mention = (team: string) =>
	JSON.stringify({
		type: "event_callback",
		team_id: team,
		event_id: `Ev${Math.random()}`,
		event: { type: "app_mention", user: "U0EVIL", channel: CHANNEL, ts: "1.2", text: "<@U0BOT> help" },
	});

const huge = "x".repeat(1024 * 1024 + 1);

/** The kinds of bad request, each a body, its content type and how it is signed. */
const kinds: readonly { name: string; request: () => [string, string, SendOptions] }[] = [
	{ name: "forged signature", request: () => [command(), FORM, { secret: "not-the-secret" }] },
	{ name: "zero signature", request: () => [command(), FORM, { secret: SECRET, signature: `v0=${"0".repeat(64)}` }] },
	{ name: "no signature", request: () => [command(), FORM, { secret: SECRET, signature: "" }] },
	{ name: "stale timestamp", request: () => [command(), FORM, { secret: SECRET, timestamp: now() - 6 * 60 }] },
	{ name: "future timestamp", request: () => [command(), FORM, { secret: SECRET, timestamp: now() + 10 * 60 }] },
	{ name: "truncated JSON", request: () => [mention(TEAM).slice(0, 60), JSON_TYPE, { secret: SECRET }] },
	{ name: "truncated payload", request: () => [press("x").slice(0, 80), FORM, { secret: SECRET }] },
	{ name: "unknown button", request: () => [press("approve_request"), FORM, { secret: SECRET }] },
	{ name: "forged button id", request: () => [press("kc1|0|EXPLAIN|x"), FORM, { secret: SECRET }] },
	{
		name: "view submission",
		request: () => [press(encodeButtonId({ action: "explain", value: "x" }), "view_submission"), FORM, { secret: SECRET }],
	},
	{ name: "other workspace command", request: () => [command("T0OTHER"), FORM, { secret: SECRET }] },
	{
		name: "other workspace press",
		request: () => [press(encodeButtonId({ action: "explain", value: "oomkilled" }), "block_actions", "T0OTHER"), FORM, { secret: SECRET }],
	},
	{ name: "other workspace event", request: () => [mention("T0OTHER"), JSON_TYPE, { secret: SECRET }] },
	{ name: "wrong content type", request: () => [command(), FORM, { secret: SECRET, contentType: `${FORM};charset=UTF-8` }] },
];

let world: SlackWorld;
beforeAll(async () => {
	world = await startSlackWorld({ mode: "http" });
});
afterAll(async () => {
	await world.close();
});

function heapMb(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 2 ** 20;
}

describe("1,000 malformed or forged requests into Slack's HTTP mode", () => {
	it("refuses every one with a 4xx, routes none, stays up and gives its memory back", async () => {
		// Warm up on the same kinds of request so that lazy initialisation is not counted as growth.
		for (const kind of kinds) await signedPost(world.eventsUrl, ...kind.request());
		const before = heapMb();
		const rssBefore = process.memoryUsage().rss / 2 ** 20;

		const statuses = new Map<number, number>();
		const wrong: string[] = [];
		for (let n = 0; n < REQUESTS; n += 10) {
			const batch = Array.from({ length: 10 }, (_, i) => {
				const index = n + i;
				// One request in 25 is a body over 1 MiB (signed properly, refused for its size).
				if (index % 25 === 24) return { name: "huge body", request: [huge, FORM, { secret: SECRET }] as const };
				const kind = kinds[index % kinds.length] ?? kinds[0];
				return { name: kind?.name ?? "", request: kind?.request() ?? ["", FORM, { secret: SECRET }] };
			});
			const responses = await Promise.all(batch.map((b) => signedPost(world.eventsUrl, ...(b.request as [string, string, SendOptions]))));
			responses.forEach((response, i) => {
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				if (response.status < 400 || response.status > 499) wrong.push(`${batch[i]?.name}: ${response.status}`);
			});
		}

		// The test's RecordingLogger keeps every line it is given (a real logger writes them out and
		// keeps nothing): count them for the figures, then let them go before measuring.
		const warnings = world.logger.lines.length;
		world.logger.lines.length = 0;
		const after = heapMb();
		const rssAfter = process.memoryUsage().rss / 2 ** 20;
		const rejected = [...statuses].filter(([status]) => status >= 400 && status < 500).reduce((sum, [, count]) => sum + count, 0);
		console.log(
			`reliability/inbound-abuse: ${REQUESTS} requests, ${rejected} rejected with 4xx (${[...statuses]
				.sort()
				.map(([s, c]) => `${c}x${s}`)
				.join(
					", ",
				)}), ${world.routed.length} reached a handler, ${warnings} warning lines logged; heap ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after; ` +
				`RSS ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after`,
		);
		expect(wrong).toEqual([]);
		expect(rejected).toBe(REQUESTS);
		expect(world.routed).toEqual([]);
		expect(world.standIn.calls.map((call) => call.method)).toEqual(["auth.test"]);
		// Nothing kept per refused request: the heap is back within a few MB of where it started.
		expect(after - before).toBeLessThan(6);
		// And the process still serves a real command.
		const real = await world.command("/explain", "OOMKilled");
		expect(real.status).toBe(200);
		expect(world.routed).toEqual(["command explain OOMKilled"]);
	});
});
