// Discord: interactions answered per second through the local gateway stand-in, and the time from
// dispatching INTERACTION_CREATE to the initial response arriving (p50, p99; Discord allows 3 s).
// Two loads: saturated (IN_FLIGHT interactions outstanding at all times: the most it answers, and
// latencies that are mostly queueing, by Little's law), and a steady STEADY_RATE a second (what
// a busy server sends; the goal, p99 under 100 ms, is for this one). The stand-in runs in a
// worker thread, so that its work does not share the bot's event loop. Baseline, same stand-in,
// same loads, warmed up the same: a bare gateway client (the same @discordjs/ws and @discordjs/rest
// the bot uses) that only defers each interaction (no core, no rendering, no claim). kubecoach answers `/explain` with varied glossary questions: the
// core's answer, rendered as embeds and buttons, claimed once through the run coordinator.
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { REST } from "@discordjs/rest";
import { WebSocketManager, WebSocketShardEvents } from "@discordjs/ws";
import { GatewayDispatchEvents, GatewayIntentBits, InteractionResponseType, InteractionType, Routes } from "discord-api-types/v10";
import { DiscordChat } from "../adapters/discord/discord-chat.ts";
import { openSqliteStore } from "../adapters/sqlite/open-sqlite-store.ts";
import { SqliteRunCoordinator } from "../adapters/sqlite/sqlite-run-coordinator.ts";
import { createCore } from "../src/app.ts";
import { loadCourse } from "../src/course/load-course.ts";
import { silentLogger } from "../src/ports/logger.ts";
import { APP_ID, DiscordStandIn, GUILD, TOKEN } from "../test/discord/stand-in/discord-stand-in.ts";
import { heading, ms, percentile } from "./measure.ts";

const WARM_UP = 300;
const MEASURED = 2000;
const IN_FLIGHT = 16;
const STEADY_RATE = 100;
const STEADY_COUNT = 1000;

interface Round {
	readonly count: number;
	readonly questions: readonly string[];
	/** Saturated: this many outstanding at all times. */
	readonly inFlight?: number;
	/** Steady: this many dispatched a second, whatever is outstanding. */
	readonly perSecond?: number;
}

interface RoundResult {
	readonly latenciesMs: number[];
	readonly elapsedMs: number;
	readonly failed: number;
}

/** The worker: the stand-in, dispatching `count` interactions with IN_FLIGHT outstanding at a time. */
async function standInWorker(): Promise<void> {
	const standIn = await DiscordStandIn.start();
	const port = parentPort;
	if (!port) return;
	port.postMessage({ api: standIn.api });
	port.on("message", async (message: Round | "close") => {
		if (message === "close") {
			await standIn.close();
			port.close();
			return;
		}
		const sentAt = new Map<string, number>();
		const latencies: number[] = [];
		let dispatched = 0;
		let failed = 0;
		const channelId = GUILD.channels[0]?.id ?? "";
		const next = () => {
			const question = message.questions[dispatched % message.questions.length] ?? "OOMKilled";
			const user = { id: String(150000000000000000n + BigInt(dispatched % 500)), username: `learner${dispatched % 500}` };
			dispatched += 1;
			const interaction = standIn.command({ guild: GUILD, channelId, user }, "explain", [{ name: "question", type: 3, value: question }]);
			sentAt.set(interaction.id, performance.now());
		};
		const started = performance.now();
		await new Promise<void>((resolve) => {
			standIn.onCallback = (interaction) => {
				const at = sentAt.get(interaction.id);
				if (at === undefined) return;
				sentAt.delete(interaction.id);
				if (interaction.refused.length > 0) failed += 1;
				latencies.push(performance.now() - at);
				if (message.inFlight !== undefined && dispatched < message.count) next();
				else if (dispatched >= message.count && sentAt.size === 0) resolve();
			};
			if (message.inFlight !== undefined) for (let i = 0; i < Math.min(message.inFlight, message.count); i++) next();
			else {
				const interval = 1000 / (message.perSecond ?? STEADY_RATE);
				const tick = () => {
					// Catch up on the schedule, so that a slow timer does not lower the rate.
					while (dispatched < message.count && performance.now() - started >= dispatched * interval) next();
					if (dispatched < message.count) setTimeout(tick, Math.max(0, dispatched * interval - (performance.now() - started)));
				};
				tick();
			}
		});
		const result: RoundResult = { latenciesMs: latencies, elapsedMs: performance.now() - started, failed };
		standIn.state.interactions.clear();
		standIn.state.calls.length = 0;
		port.postMessage(result);
	});
}

function ask(worker: Worker, round: Round): Promise<RoundResult> {
	return new Promise((resolve) => {
		worker.once("message", resolve);
		worker.postMessage(round);
	});
}

/** A bare gateway client: the same intents and REST, and a listener that only defers. */
async function bareClient(api: string): Promise<{ stop(): Promise<void> }> {
	const rest = new REST({ api }).setToken(TOKEN);
	const gateway = new WebSocketManager({ token: TOKEN, intents: GatewayIntentBits.Guilds, rest });
	gateway.on(WebSocketShardEvents.Dispatch, ({ data }) => {
		if (data.t !== GatewayDispatchEvents.InteractionCreate || data.d.type === InteractionType.Ping) return;
		const body = { type: InteractionResponseType.DeferredChannelMessageWithSource, data: {} };
		void rest.post(Routes.interactionCallback(data.d.id, data.d.token), { body, auth: false }).catch(() => {});
	});
	await gateway.connect();
	return { stop: async () => gateway.destroy() };
}

async function kubecoach(api: string): Promise<{ stop(): Promise<void> }> {
	const root = new URL("..", import.meta.url).pathname;
	const course = loadCourse(`${root}content/k8s-production-mastery`, root);
	const { router } = createCore({ course });
	// The coordinator the bot uses without Redis: interaction claims in the embedded SQLite store.
	const dir = await mkdtemp(join(tmpdir(), "kubecoach-bench-discord-"));
	const store = await openSqliteStore({ dir });
	const chat = new DiscordChat({
		token: TOKEN,
		applicationId: APP_ID,
		apiUrl: api,
		logger: silentLogger,
		coordinator: new SqliteRunCoordinator(store.connection),
	});
	await chat.start(router);
	return {
		async stop() {
			await chat.stop();
			await store.close();
			await rm(dir, { recursive: true, force: true });
		},
	};
}

interface Measured {
	readonly saturated: RoundResult;
	readonly steady: RoundResult;
}

async function measure(worker: Worker, questions: readonly string[]): Promise<Measured> {
	await ask(worker, { count: WARM_UP, questions, inFlight: IN_FLIGHT });
	const saturated = await ask(worker, { count: MEASURED, questions, inFlight: IN_FLIGHT });
	const steady = await ask(worker, { count: STEADY_COUNT, questions, perSecond: STEADY_RATE });
	return { saturated, steady };
}

function line(label: string, result: RoundResult): { perSecond: number; p99: number } {
	const sorted = [...result.latenciesMs].sort((a, b) => a - b);
	const perSecond = (result.latenciesMs.length / result.elapsedMs) * 1000;
	const p99 = percentile(sorted, 99);
	console.log(
		`${label.padEnd(44)} ${perSecond.toFixed(0).padStart(5)} interactions/s   first response p50 ${ms(percentile(sorted, 50)).padStart(8)}   p99 ${ms(p99).padStart(8)}${result.failed ? `   ${result.failed} refused` : ""}`,
	);
	return { perSecond, p99 };
}

export default async function discordBench(): Promise<void> {
	heading("discord: interactions through the gateway stand-in");
	const worker = new Worker(new URL(import.meta.url), { workerData: { role: "stand-in" } });
	const { api } = await new Promise<{ api: string }>((resolve) => worker.once("message", resolve));
	const root = new URL("..", import.meta.url).pathname;
	const questions = loadCourse(`${root}content/k8s-production-mastery`, root).glossary.map((term) => term.term);

	const bare = await bareClient(api);
	const baseline = await measure(worker, questions);
	await bare.stop();
	const bot = await kubecoach(api);
	const subject = await measure(worker, questions);
	await bot.stop();
	worker.postMessage("close");
	await new Promise((resolve) => worker.once("exit", resolve));

	console.log(
		`saturated: ${MEASURED} interactions, ${IN_FLIGHT} in flight; steady: ${STEADY_COUNT} at ${STEADY_RATE}/s; after ${WARM_UP} to warm up`,
	);
	// Latency tails follow what else the machine runs: its load says how to read them.
	console.log(`machine: ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} over the last minute`);
	const base = line("saturated, baseline: bare client, defer only", baseline.saturated);
	const ours = line("saturated, kubecoach: /explain in full", subject.saturated);
	line(`steady ${STEADY_RATE}/s, baseline: bare client`, baseline.steady);
	const steady = line(`steady ${STEADY_RATE}/s, kubecoach`, subject.steady);
	console.log(`ratio, saturated interactions/s kubecoach / bare:  ${(ours.perSecond / base.perSecond).toFixed(2)}`);
	console.log(`goal, steady p99 < 100 ms:                         ${steady.p99 < 100 ? "met" : "missed"} (${ms(steady.p99)})`);
}

// A worker's entry module is its own import.meta.main: the role says which this is.
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === "stand-in") await standInWorker();
else if (isMainThread && import.meta.main) await discordBench();
