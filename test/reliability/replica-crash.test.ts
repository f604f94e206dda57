/**
 * Issue 11 item 6: two bot processes (bin/start.ts, Slack's HTTP mode) on one Redis post a
 * schedule of 100 quizzes and 10 episode drops (one per channel, due while its quizzes still go
 * out) to the Slack stand-in; one is SIGKILLed mid-run, with drops pending, and started again. Every item must reach Slack
 * exactly once: the claims' leases (a quiz's, a drop's) hand what the killed process held to a
 * living one, and an item it had already posted is found in the channel, not posted again.
 * Quizzes are counted by the quiz id each post's option buttons carry, drops by the item key in
 * their message metadata.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RedisStore } from "../../adapters/redis/redis-store.ts";
import type { QuizPost } from "../../src/ports/store.ts";
import { parseChoiceValue } from "../../src/quiz/quiz-options.ts";
import { decodeButtonId } from "../../src/router/button-id.ts";
import { clean, connectTestRedis, redisUrl, testPrefix } from "../contract/redis-test-db.ts";
import { mainCourse, repoRoot } from "../helpers/course.ts";
import { SlackStandIn } from "../slack/stand-in/slack-stand-in.ts";

const DB = 15;
const QUIZZES = 100;
const CHANNELS = 10;
/** Posts seen at the stand-in before every channel's drop falls due. */
const DROPS_AFTER = 10;
/** Drops recorded and not yet settled (in Redis) before the kill, or the kill after a few seconds anyway. */
const PENDING_AT_KILL = 4;
/**
 * Longer than a living process takes from claim to post: both race for each channel's one post a
 * second and wait out 429s (at 5 s, a slow claimer's quiz was taken over and posted twice).
 */
const LEASE_SECONDS = 20;
/** Posts seen at the stand-in before one process is killed: mid-run. */
const KILL_AFTER = 20;
const SECRET = "replica-crash-signing-secret";

const home = mkdtempSync(join(tmpdir(), "kubecoach-replica-crash-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Bot {
	readonly child: ChildProcess;
	readonly exited: Promise<void>;
	stderr(): string;
}

function startBot(name: string, env: Record<string, string>): Bot {
	const child = spawn(process.execPath, [join(repoRoot, "bin", "start.ts")], {
		cwd: repoRoot,
		env: { PATH: process.env.PATH ?? "", HOME: home, KUBECOACH_DATA_DIR: join(home, name), PORT: "0", NO_COLOR: "1", ...env },
		stdio: ["ignore", "ignore", "pipe"],
	});
	let stderr = "";
	child.stderr?.on("data", (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
	return { child, exited, stderr: () => stderr };
}

/** A schedule (node-cron, with seconds, UTC) that fires at `at` (whole seconds) and then not for a year. */
function firesAt(at: Date): string {
	return `${at.getUTCSeconds()} ${at.getUTCMinutes()} ${at.getUTCHours()} ${at.getUTCDate()} ${at.getUTCMonth() + 1} *`;
}

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** The quiz id behind a posted message: its option buttons' values are "quizId:option". */
function quizIdOf(blocks: readonly Record<string, unknown>[]): string | undefined {
	for (const block of blocks) {
		for (const element of (block.elements as { action_id?: string }[] | undefined) ?? []) {
			const value = element.action_id ? decodeButtonId(element.action_id)?.value : undefined;
			const choice = value === undefined ? null : parseChoiceValue(value);
			if (choice) return choice.id;
		}
	}
	return undefined;
}

/** The channel of an episode drop's post (its metadata holds the drop's item key), else undefined. */
function dropChannelOf(message: { readonly channel: string; readonly metadata?: Record<string, unknown> }): string | undefined {
	const key = (message.metadata?.event_payload as { key?: unknown } | undefined)?.key;
	return typeof key === "string" && /\/episode-\d+-[0-9a-z]+$/.test(key) ? message.channel : undefined;
}

describe("two bot processes on one Redis, one SIGKILLed mid-run and started again", () => {
	it("posts each of 100 scheduled quizzes and 10 episode drops exactly once", async () => {
		const slack = await SlackStandIn.start();
		const prefix = testPrefix("replica-crash");
		const store = new RedisStore(await connectTestRedis(DB), { keyPrefix: prefix });
		const url = new URL(redisUrl);
		url.pathname = `/${DB}`;
		const env = {
			SLACK_BOT_TOKEN: slack.botToken,
			SLACK_SIGNING_SECRET: SECRET,
			SLACK_API_URL: slack.apiUrl,
			REDIS_URL: url.toString(),
			KUBECOACH_REDIS_PREFIX: prefix,
			KUBECOACH_CLAIM_LEASE_SECONDS: String(LEASE_SECONDS),
			KUBECOACH_JOB_TICK_SECONDS: "1",
			KUBECOACH_VERBOSE: "1",
		};
		const bots: Bot[] = [];
		try {
			const course = mainCourse();
			const now = new Date();
			const channels = Array.from({ length: CHANNELS }, (_, i) => `slack:${slack.teamId}:C${1000 + i}`);
			for (const channelId of channels) {
				// Episode 1 is out and the next drop a year away, until the run moves it (below).
				await store.saveChannel({
					channelId,
					courseId: course.meta.id,
					nextEpisode: 2,
					schedule: "0 9 1 1 *",
					timeZone: "UTC",
					paused: false,
					admins: [],
					lastDropAt: now,
					scheduleFrom: now,
					pendingDrop: null,
				});
			}
			const questions = course.questions;
			for (let i = 0; i < QUIZZES; i++) {
				const question = questions[i % questions.length];
				if (!question) throw new Error("the course has no questions");
				const post: QuizPost = {
					id: `crash-${i}`,
					channelId: channels[i % CHANNELS] as string,
					questionId: question.id,
					episode: question.episode,
					opensAt: now,
					closesAt: new Date(now.getTime() + 3_600_000),
					messageRef: null,
					revealedAt: null,
				};
				await store.scheduleQuizPost(post);
			}

			const messages = () => slack.messages.filter((m) => m.via === "chat.postMessage");
			const posted = () => messages().flatMap((m) => quizIdOf(m.blocks) ?? []);
			const dropped = () => messages().flatMap((m) => dropChannelOf(m) ?? []);
			// b runs the jobs every 2 s (fires on even seconds; a and b share those, one runs each):
			// the drops, due on an odd second, fall to a, the process killed.
			bots.push(startBot("a", env), startBot("b", { ...env, KUBECOACH_JOB_TICK_SECONDS: "2" }));
			await until(() => posted().length >= DROPS_AFTER, `${DROPS_AFTER} posts`, 45_000);
			// Every channel's episode 2 falls due in a second or two, while its quizzes still go out: each
			// drop waits behind them in a's queue for the channel, so the kill finds some pending.
			const second = Math.ceil(Date.now() / 1000) + 1;
			const dropAt = new Date((second % 2 === 1 ? second : second + 1) * 1000);
			for (const channelId of channels) await store.updateChannel(channelId, { schedule: firesAt(dropAt), scheduleFrom: new Date() });
			await until(() => posted().length >= KILL_AFTER, `${KILL_AFTER} posts`, 45_000);
			const pendingDrops = async () => (await store.listChannels()).filter((channel) => channel.pendingDrop).length;
			for (const stop = Date.now() + 5_000; Date.now() < stop && (await pendingDrops()) < PENDING_AT_KILL; ) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			const pendingAtKill = await pendingDrops();
			const killed = bots[0] as Bot;
			killed.child.kill("SIGKILL");
			await killed.exited;
			const postedAtKill = posted().length;
			const droppedAtKill = dropped().length;
			bots.push(startBot("a-again", env));
			await until(
				() => new Set(posted()).size >= QUIZZES && new Set(dropped()).size >= CHANNELS,
				`${QUIZZES} distinct posts and ${CHANNELS} drops`,
				50_000,
			).catch(() => {});
			// A duplicate would come from a takeover: give the leases time to end and be taken.
			await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 2) * 1000));

			const ids = posted();
			const distinct = new Set(ids);
			const drops = dropped();
			const dropChannels = new Set(drops);
			const stderr = bots.map((bot) => bot.stderr()).join("");
			const lines = (pattern: RegExp) => stderr.split("\n").filter((line) => pattern.test(line)).length;
			const figures = {
				posted: distinct.size,
				duplicates: ids.length - distinct.size,
				lost: QUIZZES - distinct.size,
				// Claims taken over (each looks in the channel first), and posts found there, not posted again.
				takeovers: slack.callsOf("conversations.history").length,
				foundAfterCrash: lines(/was posted before a takeover/),
				drops: {
					posted: dropChannels.size,
					duplicates: drops.length - dropChannels.size,
					lost: CHANNELS - dropChannels.size,
					takeovers: lines(/Took over episode/),
					foundAfterCrash: lines(/Episode \d+ in \S+ was posted before a takeover/),
				},
			};
			process.stdout.write(
				`replica-crash: killed after ${postedAtKill} posts and ${droppedAtKill} drops (${pendingAtKill} pending); ${JSON.stringify(figures)}\n`,
			);
			expect(stderr).not.toMatch(/\n\s+at /);
			const outcome = {
				duplicates: figures.duplicates,
				lost: figures.lost,
				drops: { duplicates: figures.drops.duplicates, lost: figures.drops.lost },
			};
			expect(outcome, stderr.slice(-4000)).toEqual({ duplicates: 0, lost: 0, drops: { duplicates: 0, lost: 0 } });
			expect([...distinct].every((id) => /^crash-\d+$/.test(id))).toBe(true);
			expect([...dropChannels].sort()).toEqual(channels.map((id) => id.slice(id.lastIndexOf(":") + 1)).sort());
		} finally {
			for (const bot of bots) bot.child.kill("SIGKILL");
			await Promise.all(bots.map((bot) => bot.exited));
			await slack.close();
			const client = await connectTestRedis(DB);
			await clean(client, prefix);
			client.disconnect();
			await store.close();
		}
	}, 90_000);
});
