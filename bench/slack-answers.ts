// Slack's HTTP mode with the Redis store, as a quiz in a busy channel meets it: signed
// block_actions requests (each a different person pressing an answer of one quiz post) through
// the bot's HTTP server, Bolt's receiver, the edge, the core's answer (recorded in Redis; the
// person's private feedback posted to the press's response_url, since Slack shows nothing of a
// block_actions acknowledgement) and the post's count refreshed after. Baseline, in the same process: a
// bare Bolt app on the same receiver that only acknowledges the same signed presses. Goal: at
// least 0.7 of its rate; every press answered 200 and every answer recorded once.
import { connectRedis } from "../adapters/redis/connect.ts";
import { RedisRunCoordinator } from "../adapters/redis/redis-run-coordinator.ts";
import { RedisStore } from "../adapters/redis/redis-store.ts";
import { createCore } from "../src/app.ts";
import { loadCourse } from "../src/course/load-course.ts";
import { systemClock } from "../src/ports/clock.ts";
import { silentLogger } from "../src/ports/logger.ts";
import { postQuizNow } from "../src/quiz/quiz-posting.ts";
import { defaultStudyOptions } from "../src/study/study-options.ts";
import { FORM, interactionBody, signedPost } from "../test/slack/stand-in/signed-requests.ts";
import { SlackStandIn } from "../test/slack/stand-in/slack-stand-in.ts";
import { heading, ms } from "./measure.ts";
import { bareBolt, best, concurrentLoad, type Round, slackOnHttp } from "./signed-load.ts";

const SECRET = "bench-signing-secret";
const REQUESTS = 1000;
const WARMUP = 200;
const CONCURRENCY = 16;
const ROUNDS = 3;

function firstActionId(blocks: readonly Record<string, unknown>[]): string {
	for (const block of blocks) {
		for (const element of (block.elements as { action_id?: string }[] | undefined) ?? []) {
			if (element.action_id) return element.action_id;
		}
	}
	throw new Error("the quiz post has no button");
}

/** `count` presses by people `first`..`first + count - 1`; each must be a 200. */
const load = (url: string, first: number, count: number, press: (user: string) => unknown): Promise<Round> =>
	concurrentLoad(count, CONCURRENCY, (n) => signedPost(url, interactionBody(press(`U${first + n}`)), FORM, { secret: SECRET }));

export default async function slackAnswersBench(): Promise<void> {
	heading("slack: signed quiz answers through HTTP mode, recorded in Redis");
	const root = new URL("..", import.meta.url).pathname;
	const course = loadCourse(`${root}content/k8s-production-mastery`, root);
	const standIn = await SlackStandIn.start();
	const keyPrefix = `kubecoach-bench:answers:${process.pid}:`;
	const client = await connectRedis({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" });
	const store = new RedisStore(client, { keyPrefix });
	const { chat, http, listen } = await slackOnHttp(standIn, SECRET, new RedisRunCoordinator(client, { keyPrefix }));
	const study = { store, chat, clock: systemClock, logger: silentLogger, options: defaultStudyOptions };
	const { router } = createCore({ course, study });
	await chat.start(router);
	const oursUrl = await listen();

	const question = course.questions[0];
	if (!question) throw new Error("the course has no quiz question");
	const post = await postQuizNow({ ...study, course }, "slack:T0001:C0001", question, "UTC");
	const message = standIn.messagesIn("C0001").at(-1);
	if (!message) throw new Error("the quiz post did not reach the stand-in");
	const actionId = firstActionId(message.blocks);
	const press = (user: string) => ({
		type: "block_actions",
		team: { id: "T0001", domain: "stand-in" },
		user: { id: user, username: user.toLowerCase(), team_id: "T0001" },
		api_app_id: "A0001",
		token: "unused",
		trigger_id: `bench-${user}-${Math.random()}`,
		response_url: standIn.responseUrl("C0001", user),
		container: { type: "message", message_ts: message.ts, channel_id: "C0001", is_ephemeral: false },
		channel: { id: "C0001", name: "general" },
		message: { type: "message", ts: message.ts, text: "", blocks: message.blocks },
		actions: [{ action_id: actionId, block_id: "quiz", type: "button", action_ts: "1700000000.000200" }],
	});

	const { app: bare, url: bareUrl } = await bareBolt(standIn, SECRET, (app) =>
		app.action(/.*/, async ({ ack }) => {
			await ack();
		}),
	);

	try {
		let person = 0;
		await load(oursUrl, person, WARMUP, press);
		person += WARMUP;
		await load(bareUrl, 0, WARMUP, press);
		const ours: Round[] = [];
		const baseline: Round[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			ours.push(await load(oursUrl, person, REQUESTS, press));
			person += REQUESTS;
			baseline.push(await load(bareUrl, 0, REQUESTS, press));
		}
		// The answers' followUps (the post's count) run after the acknowledgements: let them finish.
		await chat.stop();
		const recorded = (await store.listQuizAnswers(post.channelId, post.id)).length;
		const o = best(ours);
		const b = best(baseline);
		console.log(`${REQUESTS} presses, ${CONCURRENCY} at a time, best of ${ROUNDS} rounds each (after ${WARMUP} to warm up):`);
		console.log(
			`  kubecoach (answer recorded in Redis, feedback to response_url) ${o.perSecond.toFixed(0)} req/s · p50 ${ms(o.p50)} · p99 ${ms(o.p99)}`,
		);
		console.log(
			`  bare Bolt app that only acknowledges                            ${b.perSecond.toFixed(0)} req/s · p50 ${ms(b.p50)} · p99 ${ms(b.p99)}`,
		);
		console.log(
			`  ratio ${(o.perSecond / b.perSecond).toFixed(2)} of the bare app (goal ≥ 0.70) · answers recorded ${recorded} of ${person} presses`,
		);
	} finally {
		await http.close();
		await chat.stop();
		await bare.stop();
		const keys = await client.keys(`${keyPrefix}*`);
		if (keys.length > 0) await client.del(...keys);
		await store.close();
		await standIn.close();
	}
}

if (import.meta.main) await slackAnswersBench();
