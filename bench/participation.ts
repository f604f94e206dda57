/**
 * Participation figures, printed for `npm run bench`:
 * - the 4-week participation report of a workspace of 5,000 learners and 500,000 answers on Redis
 *   (Store.participation), against one scan of the same answers in the same run: read through the
 *   port (listAnswers, channel by channel) and counted in JavaScript (test/helpers/participation-by-scan.ts);
 * - the chart's render time (Vega-Lite to SVG to PNG), 10 weeks and 10 episodes.
 * The answers are written straight into the keys recordAnswer keeps (the channel's time-ordered
 * index and the workspace's set of answer channels), in batches: recording half a million through
 * the Lua script one by one would take the whole benchmark's time. Own key prefix, removed after.
 */
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { connectRedis } from "../adapters/redis/connect.ts";
import { RedisKeys } from "../adapters/redis/keys.ts";
import { encodeAnswer } from "../adapters/redis/records.ts";
import { RedisStore } from "../adapters/redis/redis-store.ts";
import { renderChart } from "../src/participation/chart.ts";
import { type Answer, calendarDay } from "../src/ports/store.ts";
import { clean } from "../test/contract/redis-test-db.ts";
import { participationByScan } from "../test/helpers/participation-by-scan.ts";
import { heading, ms } from "./measure.ts";
import { LEARNERS_PER_CHANNEL, QUIZZES_PER_WEEK, START, WORKSPACE_CHANNELS } from "./store-data.ts";

const DB = 14;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const WEEKS = 10;

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		await fn();
		times.push(performance.now() - started);
	}
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

/** 10 channels of 500 learners, 10 quizzes a week for 10 weeks, everyone answering: 500,000 answers. */
async function writeWorkspace(client: Awaited<ReturnType<typeof connectRedis>>, keys: RedisKeys): Promise<number> {
	let written = 0;
	for (let c = 0; c < WORKSPACE_CHANNELS; c++) {
		const channelId = `slack:T1:C${c}`;
		await client.sadd(keys.answerChannels("slack:T1"), channelId);
		for (let q = 0; q < QUIZZES_PER_WEEK * WEEKS; q++) {
			const members: (string | number)[] = [];
			for (let u = 0; u < LEARNERS_PER_CHANNEL; u++) {
				const answeredAt = new Date(START + (q * WEEK_MS) / QUIZZES_PER_WEEK + u * 60_000);
				const answer: Answer = {
					channelId,
					quizId: `quiz-${q}`,
					userId: `slack:T1:U${c * LEARNERS_PER_CHANNEL + u}`,
					questionId: `q${q % 40}`,
					episode: Math.floor((q % 40) / 4) + 1,
					choice: "b",
					correct: ((written + u) * 7919) % 10 < 7,
					answeredAt,
					day: calendarDay(answeredAt, "UTC"),
				};
				members.push(answeredAt.getTime(), encodeAnswer(answer));
			}
			await client.zadd(keys.channelAnswers(channelId), ...members);
			written += LEARNERS_PER_CHANNEL;
		}
	}
	return written;
}

export default async function participationBench(): Promise<void> {
	const prefix = `kubecoach-bench:${randomUUID()}:`;
	const client = await connectRedis({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", options: { db: DB } });
	const admin = await connectRedis({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", options: { db: DB } });
	const store = new RedisStore(client, { keyPrefix: prefix });
	try {
		const total = await writeWorkspace(admin, new RedisKeys(prefix));
		const range = { from: new Date(START + 6 * WEEK_MS), to: new Date(START + 10 * WEEK_MS) }; // weeks 7 to 10
		const channels = Array.from({ length: WORKSPACE_CHANNELS }, (_, c) => `slack:T1:C${c}`);
		const report = () => store.participation({ workspaceId: "slack:T1" }, range);
		const scan = () => participationByScan(store, channels, range);
		const figures = await report(); // warm-up, and checked against the scan
		if (!isDeepStrictEqual(figures, await scan())) throw new Error("the Redis participation figures differ from the scan's");
		const inRange = figures.weeks.reduce((sum, w) => sum + w.answers, 0);
		const reportMs = await median(5, report);
		const scanMs = await median(5, scan);
		const weeks = figures.weeks.map((w) => ({ week: w.week, answers: w.answers, learners: w.learners }));
		const episodes = Array.from({ length: 10 }, (_, i) => ({ episode: i + 1, accuracy: 0.5 + i / 25 }));
		await renderChart(weeks, episodes, "warm-up");
		const chartMs = await median(9, () => renderChart(weeks, episodes, "Participation · every channel of this workspace"));

		heading("Participation");
		console.log(
			`participation: 4-week report on Redis, workspace of 5,000 learners and ${total.toLocaleString("en")} answers (${inRange.toLocaleString("en")} in the 4 weeks): ${ms(reportMs)}; one scan of the same answers through the port ${ms(scanMs)}; ratio ${(reportMs / scanMs).toFixed(2)}`,
		);
		console.log(
			`participation: chart PNG (Vega-Lite → SVG → resvg in a worker thread, its start included), 4 weeks and 10 episodes: ${ms(chartMs)} median of 9`,
		);
	} finally {
		await clean(admin, prefix);
		await admin.quit();
		await store.close();
	}
}

// Run alone with `node bench/participation.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await participationBench();

if (import.meta.main) await participationBench();
