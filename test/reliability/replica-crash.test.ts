/**
 * Issue 11 item 6: two bot processes (bin/start.ts, Slack's HTTP mode) on one Redis post a
 * schedule of 100 quizzes to the Slack stand-in; one is SIGKILLed mid-run and started again.
 * Every quiz must reach Slack exactly once: the claims' leases hand what the killed process held
 * to a living one, and a quiz it had already posted is found in the channel, not posted again.
 * Counted by the quiz id each post's option buttons carry.
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

describe("two bot processes on one Redis, one SIGKILLed mid-run and started again", () => {
	it("posts each of 100 scheduled quizzes exactly once", async () => {
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
				// Episode 1 is out and the next drop a year away: only the scheduled quizzes are due.
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

			const posted = () => slack.messages.filter((m) => m.via === "chat.postMessage").flatMap((m) => quizIdOf(m.blocks) ?? []);
			bots.push(startBot("a", env), startBot("b", env));
			await until(() => posted().length >= KILL_AFTER, `${KILL_AFTER} posts`, 45_000);
			const killed = bots[0] as Bot;
			killed.child.kill("SIGKILL");
			await killed.exited;
			const postedAtKill = posted().length;
			bots.push(startBot("a-again", env));
			await until(() => new Set(posted()).size >= QUIZZES, `${QUIZZES} distinct posts`, 50_000).catch(() => {});
			// A duplicate would come from a takeover: give the leases time to end and be taken.
			await new Promise((resolve) => setTimeout(resolve, (LEASE_SECONDS + 2) * 1000));

			const ids = posted();
			const distinct = new Set(ids);
			const stderr = bots.map((bot) => bot.stderr()).join("");
			const figures = {
				posted: distinct.size,
				duplicates: ids.length - distinct.size,
				lost: QUIZZES - distinct.size,
				// Claims taken over (each looks in the channel first), and posts found there, not posted again.
				takeovers: slack.callsOf("conversations.history").length,
				foundAfterCrash: stderr.split("\n").filter((line) => line.includes("was posted before a takeover")).length,
			};
			process.stdout.write(`replica-crash: killed after ${postedAtKill} posts; ${JSON.stringify(figures)}\n`);
			expect(stderr).not.toMatch(/\n\s+at /);
			expect({ duplicates: figures.duplicates, lost: figures.lost }, stderr.slice(-4000)).toEqual({ duplicates: 0, lost: 0 });
			expect([...distinct].every((id) => /^crash-\d+$/.test(id))).toBe(true);
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
