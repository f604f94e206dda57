/**
 * The inbound edge: requests Slack did not sign, stale or far-future timestamps, bodies that are
 * too large or cut short, buttons and interactions that are not kubecoach's, a payload from another
 * workspace: each refused with 401, 400 or 413, nothing reaches the router, and the bot keeps
 * answering real requests. In Socket Mode, where the connection itself is the proof, the
 * workspace and button checks hold the same way.
 */
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeButtonId } from "../../src/router/button-id.ts";
import { buttonPress, CHANNEL, commandFields, SECRET, type SlackWorld, startSlackWorld, TEAM } from "./harness.ts";
import { FORM, interactionBody, JSON_TYPE, signedPost, slackSignature, slashCommandBody } from "./stand-in/signed-requests.ts";

const now = () => Math.floor(Date.now() / 1000);

/** Sends raw bytes: headers that promise `declared` bytes, then `body`, then the end of the request. */
function rawPost(url: string, headers: Record<string, string>, body: string): Promise<number> {
	const { port } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect(Number(port), "127.0.0.1", () => {
			const head = Object.entries({ host: `127.0.0.1:${port}`, ...headers })
				.map(([k, v]) => `${k}: ${v}`)
				.join("\r\n");
			socket.write(`POST /slack/events HTTP/1.1\r\n${head}\r\n\r\n${body}`);
			socket.end();
		});
		let response = "";
		socket.on("data", (chunk) => {
			response += chunk.toString();
		});
		socket.on("close", () => resolve(Number(response.split(" ")[1] ?? 0)));
		socket.on("error", reject);
	});
}

describe("Slack's HTTP edge", () => {
	let world: SlackWorld;
	beforeAll(async () => {
		world = await startSlackWorld({ mode: "http" });
	});
	afterAll(async () => {
		await world.close();
	});

	const command = (options: Parameters<typeof signedPost>[3], fields = commandFields()) =>
		signedPost(world.eventsUrl, slashCommandBody(fields), FORM, options);

	it("refuses forged, missing and stale signatures and far-future timestamps with 401", async () => {
		expect((await command({ secret: "not-the-secret" })).status).toBe(401);
		expect((await command({ secret: SECRET, signature: `v0=${"0".repeat(64)}` })).status).toBe(401);
		const unsigned = await fetch(world.eventsUrl, {
			method: "POST",
			headers: { "content-type": FORM },
			body: slashCommandBody(commandFields()),
		});
		expect(unsigned.status).toBe(401);
		expect((await command({ secret: SECRET, timestamp: now() - 6 * 60 })).status).toBe(401);
		expect((await command({ secret: SECRET, timestamp: now() + 10 * 60 })).status).toBe(401);
		// A body signed for another timestamp than the one sent.
		const body = slashCommandBody(commandFields());
		expect(
			(await signedPost(world.eventsUrl, body, FORM, { secret: SECRET, signature: slackSignature(SECRET, now() - 1, body) })).status,
		).toBe(401);
		expect(world.routed).toEqual([]);
	});

	it("refuses a body over 1 MiB with 413, declared or streamed, and one cut short of its length with 400", async () => {
		const big = "x".repeat(1024 * 1024 + 1);
		const ts = String(now());
		const signed = { "content-type": FORM, "x-slack-request-timestamp": ts, "x-slack-signature": slackSignature(SECRET, Number(ts), big) };
		expect((await signedPost(world.eventsUrl, big, FORM, { secret: SECRET })).status).toBe(413);
		expect(
			await rawPost(world.eventsUrl, { ...signed, "transfer-encoding": "chunked" }, `${(big.length).toString(16)}\r\n${big}\r\n0\r\n\r\n`),
		).toBe(413);
		const body = slashCommandBody(commandFields());
		const cut = {
			"content-type": FORM,
			"x-slack-request-timestamp": ts,
			"x-slack-signature": slackSignature(SECRET, Number(ts), body),
			"content-length": String(body.length),
		};
		expect(await rawPost(world.eventsUrl, cut, body.slice(0, 40))).toBe(400);
		expect(world.routed).toEqual([]);
	});

	it("refuses a malformed body and a form with another content type than Slack's exact one with 400", async () => {
		expect((await signedPost(world.eventsUrl, "{not json", JSON_TYPE, { secret: SECRET })).status).toBe(400);
		const withCharset = await command({ secret: SECRET, contentType: `${FORM};charset=UTF-8` });
		expect(withCharset.status).toBe(400);
		expect(world.routed).toEqual([]);
	});

	it("refuses a press on a button that is not kubecoach's, and interactions it never offers, with 400", async () => {
		for (const id of ["approve_request", "kc1|0|EXPLAIN|x", "kc2|0|explain|x", "kc1|0|explain"]) {
			expect((await signedPost(world.eventsUrl, interactionBody(buttonPress(id)), FORM, { secret: SECRET })).status).toBe(400);
		}
		const submission = { ...buttonPress(encodeButtonId({ action: "explain", value: "x" })), type: "view_submission" };
		expect((await signedPost(world.eventsUrl, interactionBody(submission), FORM, { secret: SECRET })).status).toBe(400);
		const shortcut = { type: "shortcut", team: { id: TEAM }, user: { id: "U0EVIL" }, callback_id: "x", trigger_id: "t" };
		expect((await signedPost(world.eventsUrl, interactionBody(shortcut), FORM, { secret: SECRET })).status).toBe(400);
		expect(world.routed).toEqual([]);
	});

	it("refuses a command, a press and an event from another workspace with 401", async () => {
		expect((await command({ secret: SECRET }, commandFields("T0OTHER"))).status).toBe(401);
		const press = {
			...buttonPress(encodeButtonId({ action: "explain", value: "oomkilled" })),
			team: { id: "T0OTHER" },
			user: { id: "U0EVIL", team_id: "T0OTHER" },
		};
		expect((await signedPost(world.eventsUrl, interactionBody(press), FORM, { secret: SECRET })).status).toBe(401);
		const event = {
			type: "event_callback",
			team_id: "T0OTHER",
			event_id: "EvOTHER",
			event: { type: "app_mention", user: "U0EVIL", channel: CHANNEL, ts: "1.2", text: "<@U0BOT> help" },
		};
		expect((await signedPost(world.eventsUrl, JSON.stringify(event), JSON_TYPE, { secret: SECRET })).status).toBe(401);
		expect(world.routed).toEqual([]);
	});

	it("answers only POSTs at /slack/events, and keeps answering real requests after all of that", async () => {
		expect((await fetch(world.eventsUrl)).status).toBe(405);
		expect((await fetch(world.eventsUrl.replace("/slack/events", "/slack/other"), { method: "POST" })).status).toBe(404);
		expect(world.standIn.calls.map((call) => call.method)).toEqual(["auth.test"]);
		expect(world.standIn.ephemerals).toEqual([]);
		const real = await world.command("/explain", "OOMKilled");
		expect(real.status).toBe(200);
		expect(world.routed).toEqual(["command explain OOMKilled"]);
		const recent = await command({ secret: SECRET, timestamp: now() - 4 * 60 });
		expect(recent.status).toBe(200);
	});
});

describe("Slack's Socket Mode edge", () => {
	let world: SlackWorld;
	beforeAll(async () => {
		world = await startSlackWorld({ mode: "socket" });
	});
	afterAll(async () => {
		await world.close();
	});

	it("acknowledges, and drops, a payload from another workspace and a button that is not kubecoach's", async () => {
		expect((await world.command("/explain", "OOMKilled", { team: "T0OTHER" })).status).toBe(200);
		await world.press("approve_request", { user: "U0EVIL", messageTs: "1700000000.000100" });
		await world.event({ type: "app_mention", user: "U0EVIL", channel: CHANNEL, ts: "1.2", text: "<@U0BOT> help" }, { team: "T0OTHER" });
		await world.chat.stop();
		expect(world.routed).toEqual([]);
		expect(world.standIn.calls.map((call) => call.method)).toEqual(["auth.test", "apps.connections.open"]);
	});
});
