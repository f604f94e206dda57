/**
 * The participation report on Redis: each channel's time-ordered answer index over the range (one
 * ZRANGEBYSCORE per channel, pipelined; a workspace's channels come from its answer-channels set)
 * counted in one pass, taking the time from the score and parsing each record without the date
 * reviver.
 */
import { ParticipationCounter } from "../../src/participation/aggregate.ts";
import type { ParticipationFigures, ParticipationScope, TimeRange } from "../../src/ports/store.ts";
import type { RedisClient } from "./connect.ts";
import { type RedisKeys, scoreBounds, workspaceOf } from "./keys.ts";
import type { RawAnswer } from "./records.ts";

export async function readParticipation(
	c: RedisClient,
	keys: RedisKeys,
	scope: ParticipationScope,
	range: TimeRange,
): Promise<ParticipationFigures> {
	const channels = "channelId" in scope ? [scope.channelId] : await workspaceAnswerChannels(c, keys, scope.workspaceId);
	const pipeline = c.pipeline();
	for (const channelId of channels) pipeline.zrangebyscore(keys.channelAnswers(channelId), ...scoreBounds(range), "WITHSCORES");
	const results = (await pipeline.exec()) ?? [];
	const counter = new ParticipationCounter();
	for (const [error, reply] of results) {
		if (error) throw error;
		const flat = reply as string[];
		for (let i = 0; i + 1 < flat.length; i += 2) {
			const a = JSON.parse(flat[i] as string) as RawAnswer;
			counter.add({
				channelId: a.channelId,
				quizId: a.quizId,
				userId: a.userId,
				questionId: a.questionId,
				episode: a.episode,
				correct: a.correct,
				answeredAt: Number(flat[i + 1]),
				day: a.day,
			});
		}
	}
	return counter.figures();
}

/**
 * The workspace's channels with answers: its answer-channels set, and its course channels too,
 * since answers recorded before the set existed are only in their channel's index.
 */
async function workspaceAnswerChannels(c: RedisClient, keys: RedisKeys, workspaceId: string): Promise<string[]> {
	const [withAnswers, following] = await Promise.all([c.smembers(keys.answerChannels(workspaceId)), c.smembers(keys.channels())]);
	const ours = following.filter((id) => workspaceOf(id) === workspaceId);
	return [...new Set([...withAnswers, ...ours])];
}
