/**
 * Everything a Store holds, read back through the port only, in a stable order: what two stores
 * must agree on record by record (the journal-store import is checked with it). Dates stay Dates;
 * `toJson` turns a dump into what a JSON file holds.
 */
import type { Answer, ChannelSettings, LearnerCard, QuizPost, Store, Streak } from "../../src/ports/store.ts";

export interface StoreDump {
	readonly channels: ChannelSettings[];
	readonly quizPosts: QuizPost[];
	/** Per post, "channel/quiz", its answers as listQuizAnswers gives them. */
	readonly quizAnswers: Record<string, Answer[]>;
	readonly answers: Answer[];
	readonly streaks: Streak[];
	/** Scheduled posts nobody claimed yet, as "channel/quiz", earliest opening first (ties by key). */
	readonly opening: string[];
	/** Posts still to reveal, as "channel/quiz", earliest closing first (ties by key). */
	readonly closing: string[];
	readonly cards: LearnerCard[];
}

const ALL_TIME = { from: new Date(0), to: new Date(Date.UTC(2100, 0)) };
const FAR = ALL_TIME.to;
const MANY = 1_000_000;
const key = (channelId: string, id: string) => `${channelId}/${id}`;

/** Keys in the order given by `time`, ties by key: the port leaves the order of ties open. */
function byTime(posts: readonly QuizPost[], time: (post: QuizPost) => Date): string[] {
	return posts
		.map((post) => ({ at: time(post).getTime(), key: key(post.channelId, post.id) }))
		.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
		.map((entry) => entry.key);
}

/** `channels`: also those that follow no course (quiz posts and answers can exist there). */
export async function dumpStore(store: Store, options: { readonly channels: readonly string[] }): Promise<StoreDump> {
	const channels = (await store.listChannels()).sort((a, b) => a.channelId.localeCompare(b.channelId));
	const ids = [...new Set([...channels.map((c) => c.channelId), ...options.channels])].sort();
	const quizPosts: QuizPost[] = [];
	const quizAnswers: Record<string, Answer[]> = {};
	const answers: Answer[] = [];
	const streaks: Streak[] = [];
	for (const channelId of ids) {
		const posts = await store.listQuizPosts(channelId, ALL_TIME);
		quizPosts.push(...posts);
		for (const post of posts) quizAnswers[key(channelId, post.id)] = await store.listQuizAnswers(channelId, post.id);
		answers.push(...(await store.listAnswers({ channelId, range: ALL_TIME })));
		streaks.push(...(await store.listStreaks(channelId)).sort((a, b) => a.userId.localeCompare(b.userId)));
	}
	const cards: LearnerCard[] = [];
	for (const userId of (await store.listLearnersWithDueCards(FAR, MANY)).sort()) {
		cards.push(...(await store.listDueCards(userId, FAR, MANY)).sort((a, b) => a.questionId.localeCompare(b.questionId)));
	}
	return {
		channels,
		quizPosts,
		quizAnswers,
		answers,
		streaks,
		opening: byTime(await store.listQuizPostsOpeningBy(FAR, MANY), (p) => p.opensAt),
		closing: byTime(await store.listQuizPostsClosingBy(FAR, MANY), (p) => p.closesAt),
		cards,
	};
}

export function toJson(dump: StoreDump): unknown {
	return JSON.parse(JSON.stringify(dump));
}
