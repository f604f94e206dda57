/**
 * Where everything lives in Redis. Every key starts with the installation's prefix (e.g.
 * "kubecoach:prod:"); the workspace or guild of the id (everything before its last ":", e.g.
 * "slack:T1" for "slack:T1:C1") goes in braces, a Redis Cluster hash tag, so that all keys one
 * Lua script touches (a quiz's answers, the channel's and user's indexes, the streaks) sit in
 * one slot. The few installation-wide indexes use the "{global}" tag and are written by separate
 * commands. A quiz key joins channel and quiz id with "/", which chat ids never contain.
 */

/** Score bounds of the time indexes (scores are epoch milliseconds) for a half-open range [from, to). */
export const scoreBounds = (range: { readonly from: Date; readonly to: Date }): [string, string] => [
	String(range.from.getTime()),
	`(${range.to.getTime()}`,
];

export function workspaceOf(id: string): string {
	const cut = id.lastIndexOf(":");
	return cut > 0 ? id.slice(0, cut) : "_";
}

export class RedisKeys {
	private readonly prefix: string;

	constructor(prefix: string) {
		this.prefix = prefix;
	}

	private scoped(id: string, kind: string, rest: string): string {
		return `${this.prefix}{${workspaceOf(id)}}:${kind}:${rest}`;
	}

	/**
	 * Hash of a channel's settings, one field each (records.ts), the pending drop as
	 * "pendingEpisode", "pendingDroppedAt", "pendingDueAt" and "pendingLeaseUntil" while there is one.
	 */
	channel(channelId: string): string {
		return this.scoped(channelId, "channel", channelId);
	}

	/**
	 * Hash of a quiz post: "post" (JSON, without revealedAt), "revealedAt" (ms, once revealed),
	 * "posted" ("1" once saved with a messageRef), "claimedAt" (ms, once a replica claimed a
	 * scheduled post for posting) and "leaseUntil" (ms, when that claim's lease ends).
	 */
	quiz(channelId: string, quizId: string): string {
		return this.scoped(channelId, "quiz", `${channelId}/${quizId}`);
	}

	/** Hash userId -> answer JSON: the one answer per user per quiz. */
	quizAnswers(channelId: string, quizId: string): string {
		return this.scoped(channelId, "answers", `${channelId}/${quizId}`);
	}

	/** Sorted set of quiz ids scored by opensAt (ms). */
	channelQuizzes(channelId: string): string {
		return this.scoped(channelId, "quizzes", channelId);
	}

	/** Sorted set of answer JSON scored by answeredAt (ms): the report's per-channel index. */
	channelAnswers(channelId: string): string {
		return this.scoped(channelId, "channel-answers", channelId);
	}

	/** Sorted set of answer JSON scored by answeredAt (ms): the report's per-user index. */
	userAnswers(channelId: string, userId: string): string {
		return this.scoped(channelId, "user-answers", `${channelId}/${userId}`);
	}

	/** Set of the workspace's channel ids that have answers: the workspace participation report's channels. */
	answerChannels(workspaceId: string): string {
		return `${this.prefix}{${workspaceId}}:answer-channels:${workspaceId}`;
	}

	/** Hash userId -> "current|longest|lastActiveDay|lastActiveDayNumber". */
	streaks(channelId: string): string {
		return this.scoped(channelId, "streaks", channelId);
	}

	/** Hash questionId -> card JSON. */
	cards(userId: string): string {
		return this.scoped(userId, "cards", userId);
	}

	/** Sorted set of question ids scored by the card's due time (ms). */
	cardsDue(userId: string): string {
		return this.scoped(userId, "cards-due", userId);
	}

	/** Set of every channel id that follows a course. */
	channels(): string {
		return `${this.prefix}{global}:channels`;
	}

	/** Sorted set of JSON [channelId, quizId] of unrevealed posts, scored by closesAt (ms). */
	quizzesClosing(): string {
		return `${this.prefix}{global}:quizzes-closing`;
	}

	/**
	 * Sorted set of JSON [channelId, quizId] of scheduled posts not settled yet, scored by opensAt
	 * (ms) until claimed, then by the claim's lease end (a claim whose lease ended unsettled is due again).
	 */
	quizzesOpening(): string {
		return `${this.prefix}{global}:quizzes-opening`;
	}

	/** Sorted set of user ids scored by their earliest card due time (ms). */
	learnersDue(): string {
		return `${this.prefix}{global}:learners-due`;
	}

	/** A run coordinator's lease for one fire. */
	lease(key: string): string {
		return `${this.prefix}lease:${key}`;
	}
}
