/**
 * `kubecoach start` with Slack configured, run as a user runs it (a separate Node process) against
 * the Web API stand-in: HTTP mode on PORT, Socket Mode with an app-level token, and start-up
 * refusals in one line that never quote a secret.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/course.ts";
import { readBlocks } from "./read-blocks.ts";
import { FORM, signedPost, slashCommandBody } from "./stand-in/signed-requests.ts";
import { SlackStandIn } from "./stand-in/slack-stand-in.ts";
import { SocketModeServer } from "./stand-in/socket-mode-server.ts";

const SECRET = "e2e-signing-secret";

interface Started {
	readonly child: ChildProcess;
	stderr(): string;
	/** Resolves to the exit code. */
	readonly exited: Promise<number | null>;
}

const running: Started[] = [];
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const started of running.splice(0)) {
		started.child.kill("SIGKILL");
		await started.exited;
	}
	for (const close of closing.splice(0)) await close();
});

function start(env: Record<string, string>): Started {
	const child = spawn(process.execPath, [join(repoRoot, "bin", "start.ts")], {
		cwd: repoRoot,
		// PORT 0 unless a test names one: the health endpoints must not collide on 3000 between parallel tests.
		env: { PATH: process.env.PATH ?? "", KUBECOACH_DATA_DIR: mkdtempSync(join(tmpdir(), "kubecoach-slack-e2e-")), PORT: "0", ...env },
		stdio: ["pipe", "pipe", "pipe"],
	});
	let stderr = "";
	child.stderr?.on("data", (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
	const started = { child, stderr: () => stderr, exited };
	running.push(started);
	return started;
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function standIn(): Promise<SlackStandIn> {
	const server = await SlackStandIn.start();
	closing.push(() => server.close());
	return server;
}

describe("kubecoach start with Slack", () => {
	it("serves Slack's HTTP mode on PORT: /kubecoach explain OOMKilled is answered, and SIGTERM stops it cleanly", async () => {
		const slack = await standIn();
		const bot = start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: "0" });
		await until(() => /listening for HTTP on port \d+/.test(bot.stderr()), "the bot to listen");
		const port = /listening for HTTP on port (\d+)/.exec(bot.stderr())?.[1];
		const fields = {
			team_id: "T0001",
			channel_id: "C0001",
			user_id: "U0NEW",
			command: "/kubecoach",
			text: "explain OOMKilled",
			response_url: slack.responseUrl("C0001", "U0NEW"),
			trigger_id: "t1",
		};
		const answer = await signedPost(`http://127.0.0.1:${port}/slack/events`, slashCommandBody(fields), FORM, { secret: SECRET });
		expect(answer.status).toBe(200);
		const body = answer.json as { response_type: string; blocks: unknown[] };
		expect(body.response_type).toBe("in_channel");
		expect(readBlocks(body.blocks).text).toMatch(/^OOMKilled\n/);
		bot.child.kill("SIGTERM");
		expect(await bot.exited).toBe(0);
		expect(bot.stderr()).not.toContain(slack.botToken);
	});

	it("connects in Socket Mode with SLACK_APP_TOKEN, with no HTTP port", async () => {
		const slack = await standIn();
		const socket = await SocketModeServer.start();
		closing.push(() => socket.close());
		slack.socketModeUrl = socket.url;
		const bot = start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl });
		const fields = {
			team_id: "T0001",
			channel_id: "C0001",
			user_id: "U0NEW",
			command: "/explain",
			text: "exit code 137",
			response_url: slack.responseUrl("C0001", "U0NEW"),
			trigger_id: "t2",
		};
		const frame = await socket.send("slash_commands", fields, { timeoutMs: 15_000 });
		expect(readBlocks((frame.payload as { blocks: unknown[] }).blocks).text).toContain("137");
		// The operator's endpoints listen (PORT 0 here), but Slack's events come only over the socket.
		await until(() => /listening for HTTP on port \d+/.test(bot.stderr()), "the health endpoints to listen");
		const port = /listening for HTTP on port (\d+)/.exec(bot.stderr())?.[1];
		expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
		expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
		bot.child.kill("SIGTERM");
		expect(await bot.exited).toBe(0);
	});

	it("refuses HTTP mode without SLACK_SIGNING_SECRET, a token Slack refuses, and a port in use, each in one line without a secret", async () => {
		const slack = await standIn();
		const noSecret = start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl });
		expect(await noSecret.exited).toBe(2);
		expect(noSecret.stderr()).toBe(
			"kubecoach: SLACK_SIGNING_SECRET is needed for Slack's HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)\n",
		);

		const refused = start({ SLACK_BOT_TOKEN: "xoxb-revoked-0000", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl });
		expect(await refused.exited).toBe(2);
		expect(
			refused
				.stderr()
				.split("\n")
				.filter((line) => line.startsWith("kubecoach:")),
		).toEqual([
			"kubecoach: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page",
		]);
		expect(refused.stderr()).not.toContain("xoxb-revoked-0000");

		const badAppToken = start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: "xapp-1-not-this-app", SLACK_API_URL: slack.apiUrl });
		expect(await badAppToken.exited).toBe(2);
		expect(
			badAppToken
				.stderr()
				.split("\n")
				.filter((line) => line.startsWith("kubecoach:")),
		).toEqual([
			"kubecoach: Slack refused the Socket Mode connection: check SLACK_APP_TOKEN (an xapp- token with connections:write) (invalid_auth)",
		]);
		expect(badAppToken.stderr()).not.toContain("xapp-1-not-this-app");

		const taken = createServer();
		await new Promise<void>((resolve) => taken.listen(0, "0.0.0.0", resolve));
		closing.push(() => new Promise((resolve) => taken.close(() => resolve())));
		const port = String((taken.address() as { port: number }).port);
		const busy = start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: port });
		expect(await busy.exited).toBe(2);
		expect(busy.stderr()).toBe(
			`kubecoach: Cannot listen on all interfaces port ${port}: it is in use by another process. Set PORT to a free port.\n`,
		);

		const malformed = start({ SLACK_BOT_TOKEN: "xoxp-user-token-123", SLACK_SIGNING_SECRET: SECRET });
		expect(await malformed.exited).toBe(2);
		expect(malformed.stderr()).toContain("SLACK_BOT_TOKEN: a bot token starting with xoxb-");
		expect(malformed.stderr()).not.toContain("xoxp-user-token-123");
	});
});
