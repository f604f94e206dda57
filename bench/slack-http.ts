// Slack's HTTP mode under load: signed `/kubecoach explain OOMKilled` requests through the bot's
// HTTP server, Bolt's receiver (signature check), the edge, the core and the Block Kit renderer,
// answered in the acknowledgement, with Bolt's production setting (processBeforeResponse false).
// Baseline, in the same process: a bare Bolt app on the same receiver that only acknowledges, the
// same signed requests, the same client. Goal: at least 0.7 of the baseline's rate, p99 under 50 ms.
// A third line runs the same adapter on a router that hands back the explain answer computed once,
// to tell the adapter's own cost (HTTP, signature, rendering, the ack) from the core's explain.

import { createCore } from "../src/app.ts";
import { loadCourse } from "../src/course/load-course.ts";
import { systemClock } from "../src/ports/clock.ts";
import { silentLogger } from "../src/ports/logger.ts";
import { defaultStudyOptions } from "../src/study/study-options.ts";
import { MemoryRunCoordinator } from "../test/fakes/memory-run-coordinator.ts";
import { MemoryStore } from "../test/fakes/memory-store.ts";
import { FORM, signedPost, slashCommandBody } from "../test/slack/stand-in/signed-requests.ts";
import { SlackStandIn } from "../test/slack/stand-in/slack-stand-in.ts";
import { heading, ms } from "./measure.ts";
import { bareBolt, best, concurrentLoad, type Round, slackOnHttp } from "./signed-load.ts";

const SECRET = "bench-signing-secret";
const REQUESTS = 2000;
const WARMUP = 300;
const CONCURRENCY = 16;
const ROUNDS = 5;

/** Sends `count` signed commands; every answer must be a 200. */
const load = (url: string, count: number, responseUrl: string): Promise<Round> =>
	concurrentLoad(count, CONCURRENCY, (n) =>
		signedPost(
			url,
			slashCommandBody({
				team_id: "T0001",
				channel_id: "C0001",
				user_id: `U${n % 50}`,
				command: "/kubecoach",
				text: "explain OOMKilled",
				response_url: responseUrl,
				trigger_id: `bench-${url.length}-${n}-${Math.random()}`,
			}),
			FORM,
			{ secret: SECRET },
		),
	);

export default async function slackHttpBench(): Promise<void> {
	heading("slack: signed /kubecoach explain through HTTP mode");
	const root = new URL("..", import.meta.url).pathname;
	const course = loadCourse(`${root}content/k8s-production-mastery`, root);
	const standIn = await SlackStandIn.start();
	const responseUrl = standIn.responseUrl("C0001", "U0");

	const { chat, http, listen } = await slackOnHttp(standIn, SECRET, new MemoryRunCoordinator());
	const store = new MemoryStore();
	const { router } = createCore({ course, study: { store, chat, clock: systemClock, logger: silentLogger, options: defaultStudyOptions } });
	await chat.start(router);
	const oursUrl = await listen();

	const context = {
		platform: "slack" as const,
		workspaceId: "slack:T0001",
		channelId: "slack:T0001:C0001",
		userId: "slack:T0001:U0",
		groups: [],
	};
	const answer = await router.handleCommand("kubecoach", "explain OOMKilled", context);
	const { chat: canned, http: cannedHttp, listen: listenCanned } = await slackOnHttp(standIn, SECRET, new MemoryRunCoordinator());
	await canned.start({
		commands: router.commands,
		handleText: async () => answer,
		handleCommand: async () => answer,
		handleAction: async () => answer,
	});
	const cannedUrl = await listenCanned();

	const { app: bare, url: bareUrl } = await bareBolt(standIn, SECRET, (app) =>
		app.command(/.*/, async ({ ack }) => {
			await ack();
		}),
	);

	await load(oursUrl, WARMUP, responseUrl);
	await load(cannedUrl, WARMUP, responseUrl);
	await load(bareUrl, WARMUP, responseUrl);
	const ours: Round[] = [];
	const adapter: Round[] = [];
	const baseline: Round[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		ours.push(await load(oursUrl, REQUESTS, responseUrl));
		adapter.push(await load(cannedUrl, REQUESTS, responseUrl));
		baseline.push(await load(bareUrl, REQUESTS, responseUrl));
	}
	const o = best(ours);
	const a = best(adapter);
	const b = best(baseline);
	console.log(`${REQUESTS} requests, ${CONCURRENCY} at a time, best of ${ROUNDS} rounds each (after ${WARMUP} to warm up):`);
	console.log(`  kubecoach (explain answered in the ack) ${o.perSecond.toFixed(0)} req/s · p50 ${ms(o.p50)} · p99 ${ms(o.p99)}`);
	console.log(`  the adapter alone (answer computed once) ${a.perSecond.toFixed(0)} req/s · p50 ${ms(a.p50)} · p99 ${ms(a.p99)}`);
	console.log(`  bare Bolt app that only acknowledges    ${b.perSecond.toFixed(0)} req/s · p50 ${ms(b.p50)} · p99 ${ms(b.p99)}`);
	const under = (round: Round) => (round.p99 < 50 ? "under" : "OVER");
	console.log(`  ratio ${(o.perSecond / b.perSecond).toFixed(2)} of the bare app (goal ≥ 0.70) · p99 ${under(o)} 50 ms`);
	console.log(`  the adapter alone: ratio ${(a.perSecond / b.perSecond).toFixed(2)} · p99 ${under(a)} 50 ms`);

	await http.close();
	await cannedHttp.close();
	await chat.stop();
	await canned.stop();
	await bare.stop();
	await standIn.close();
}

if (import.meta.main) await slackHttpBench();
