/** What the Slack HTTP benches share: the bot on HTTP mode, the bare Bolt baseline, and signed requests sent `concurrency` at a time, timed one by one. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { HttpServer } from "../adapters/http/http-server.ts";
import { SlackChat } from "../adapters/slack/slack-chat.ts";
import { silentLogger } from "../src/ports/logger.ts";
import type { RunCoordinator } from "../src/ports/run-coordinator.ts";
import type { SlackStandIn } from "../test/slack/stand-in/slack-stand-in.ts";
import { percentile } from "./measure.ts";

export interface Round {
	readonly perSecond: number;
	readonly p50: number;
	readonly p99: number;
}

/** Sends requests 0..count-1 through `send`, `concurrency` at a time; each must answer 200. */
export async function concurrentLoad(
	count: number,
	concurrency: number,
	send: (n: number) => Promise<{ readonly status: number }>,
): Promise<Round> {
	const times: number[] = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < count) {
			const n = next++;
			const start = performance.now();
			const response = await send(n);
			times.push(performance.now() - start);
			if (response.status !== 200) throw new Error(`request ${n} answered ${response.status}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsed = (performance.now() - started) / 1000;
	times.sort((a, b) => a - b);
	return { perSecond: count / elapsed, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The round with the most requests a second: the machine's best, least disturbed by other work. */
export const best = (rounds: readonly Round[]): Round => [...rounds].sort((a, b) => b.perSecond - a.perSecond)[0] as Round;

/** The bot's Slack adapter in HTTP mode on an HTTP server of its own, pointed at the stand-in. */
export async function slackOnHttp(
	standIn: SlackStandIn,
	secret: string,
	coordinator: RunCoordinator,
): Promise<{ readonly chat: SlackChat; readonly http: HttpServer; listen(): Promise<string> }> {
	const http = new HttpServer();
	const chat = await SlackChat.open({
		token: standIn.botToken,
		signingSecret: secret,
		apiUrl: standIn.apiUrl,
		logger: silentLogger,
		coordinator,
		http,
	});
	return { chat, http, listen: async () => `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/slack/events` };
}

/** The baseline: a bare Bolt app on the same receiver whose `listen` only acknowledges. */
export async function bareBolt(
	standIn: SlackStandIn,
	secret: string,
	listen: (app: App) => void,
): Promise<{ readonly app: App; readonly url: string }> {
	const app = new App({
		receiver: new HTTPReceiver({ signingSecret: secret, logLevel: LogLevel.ERROR }),
		authorize: async () => ({ botToken: standIn.botToken, botId: "B0BOT", botUserId: standIn.botUserId }),
		logLevel: LogLevel.ERROR,
	});
	listen(app);
	const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
	return { app, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}
