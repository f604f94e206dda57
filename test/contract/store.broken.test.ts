/**
 * The Store contract has teeth: run on the in-memory fake it passes, and each deliberately broken
 * store (the fake with one promise of the port broken) fails at least the case that guards it.
 */
import { describe, expect, it } from "vitest";
import type {
	Answer,
	ChannelPatch,
	ChannelSettings,
	ClaimLease,
	LearnerCard,
	ParticipationFigures,
	ParticipationScope,
	QuizClaim,
	QuizPost,
	QuizPostAndChannel,
	RecordAnswerResult,
	RecordDropOptions,
	Store,
	Streak,
	TimeRange,
} from "../../src/ports/store.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { storeContract } from "./store.contract.ts";
import { collectCases, failingCases } from "./suite-api.ts";

function casesFor(make: () => Store) {
	return collectCases((api) => storeContract({ name: "memory", makeStore: async () => make(), teardown: (store) => store.close() }, api));
}

class RecordsEveryClick extends MemoryStore {
	override async recordAnswer(answer: Answer): Promise<RecordAnswerResult> {
		const result = await super.recordAnswer(answer);
		return { status: "recorded", answer: result.status === "recorded" ? result.answer : answer };
	}
}

class RangeIncludesItsEnd extends MemoryStore {
	override async listAnswers(query: {
		readonly channelId: string;
		readonly range: TimeRange;
		readonly userId?: string;
	}): Promise<Answer[]> {
		return super.listAnswers({ ...query, range: { from: query.range.from, to: new Date(query.range.to.getTime() + 1) } });
	}
}

class ClaimsTwice extends MemoryStore {
	override async claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		await super.claimQuizPost(channelId, quizId, lease);
		return (await this.getQuizPost(channelId, quizId)) === null ? false : "first";
	}
}

/** Claims for good, as before leases: a replica that dies after claiming loses the post. */
class NeverTakesOver extends MemoryStore {
	override async claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		const claim = await super.claimQuizPost(channelId, quizId, lease);
		return claim === "takeover" ? false : claim;
	}
}

/** Judges the lease as already ended (a clock far ahead), keeping its end: takes over a running lease. */
class TakesOverRunningLease extends MemoryStore {
	override async claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		const ahead = 10 * lease.ms;
		return super.claimQuizPost(channelId, quizId, { at: new Date(lease.at.getTime() + ahead), ms: lease.ms - ahead });
	}
}

/** Takes over a claim whose post was settled (posted or revealed) once the lease ended. */
class TakesOverSettled extends MemoryStore {
	private readonly claimed = new Set<string>();
	override async claimQuizPost(channelId: string, quizId: string, lease: ClaimLease): Promise<QuizClaim> {
		const claim = await super.claimQuizPost(channelId, quizId, lease);
		const key = `${channelId}/${quizId}`;
		if (claim) this.claimed.add(key);
		return claim || (this.claimed.has(key) ? "takeover" : false);
	}
}

class RevealsTwice extends MemoryStore {
	override async markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<boolean> {
		await super.markQuizRevealed(channelId, quizId, at);
		return (await this.getQuizPost(channelId, quizId)) !== null;
	}
}

class DropsWhilePaused extends MemoryStore {
	override async recordDrop(channelId: string, episode: number, at: Date, _options?: RecordDropOptions): Promise<boolean> {
		return super.recordDrop(channelId, episode, at);
	}
}

class UndoesAnyDrop extends MemoryStore {
	override async undoDrop(channelId: string, episode: number, _droppedAt: Date, previousDropAt: Date | null): Promise<boolean> {
		const current = await this.getChannel(channelId);
		return super.undoDrop(channelId, episode, current?.lastDropAt ?? new Date(0), previousDropAt);
	}
}

/** Records a drop to post for good, as before drop leases: a replica that dies before posting loses it. */
class ForgetsPendingDrop extends MemoryStore {
	override async recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		return super.recordDrop(channelId, episode, at, options?.onlyIfActive ? { onlyIfActive: true } : {});
	}
}

/** Says it settled the drop but leaves it pending: a living replica's post is taken over and posted again. */
class SettlesNothing extends MemoryStore {
	override async settleDrop(channelId: string, episode: number, _droppedAt: Date): Promise<boolean> {
		return (await this.getChannel(channelId))?.pendingDrop?.episode === episode;
	}
}

class TakesOverDropTwice extends MemoryStore {
	override async claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean> {
		await super.claimDropTakeover(channelId, episode, droppedAt, lease);
		const pending = (await this.getChannel(channelId))?.pendingDrop;
		return pending?.episode === episode && pending.droppedAt.getTime() === droppedAt.getTime();
	}
}

/** Judges the drop's lease as already ended (a clock far ahead), keeping its end. */
class TakesOverRunningDropLease extends MemoryStore {
	override async claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean> {
		const ahead = 10 * lease.ms;
		return super.claimDropTakeover(channelId, episode, droppedAt, { at: new Date(lease.at.getTime() + ahead), ms: lease.ms - ahead });
	}
}

/** Takes over any drop it ever recorded for posting once the lease ended, settled or not. */
class TakesOverSettledDrop extends MemoryStore {
	private readonly recorded = new Map<string, number>();
	override async recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		const done = await super.recordDrop(channelId, episode, at, options);
		if (done && options?.pending) this.recorded.set(`${channelId}/${episode}/${at.getTime()}`, at.getTime() + options.pending.leaseMs);
		return done;
	}
	override async claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): Promise<boolean> {
		const until = this.recorded.get(`${channelId}/${episode}/${droppedAt.getTime()}`);
		return (await super.claimDropTakeover(channelId, episode, droppedAt, lease)) || (until !== undefined && until <= lease.at.getTime());
	}
}

/** Undoes a drop but keeps it pending: once its lease ends it is taken over and posted after all. */
class UndoKeepsPendingDrop extends MemoryStore {
	override async undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<boolean> {
		const before = await this.getChannel(channelId);
		const undone = await super.undoDrop(channelId, episode, droppedAt, previousDropAt);
		const after = await this.getChannel(channelId);
		if (undone && before && after) await this.saveChannel({ ...after, pendingDrop: before.pendingDrop });
		return undone;
	}
}

/** A skip (a drop without a lease) clears the pending drop: an earlier episode in flight is lost. */
class SkipClearsPendingDrop extends MemoryStore {
	override async recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		const done = await super.recordDrop(channelId, episode, at, options);
		const after = await this.getChannel(channelId);
		if (done && !options?.pending && after) await this.saveChannel({ ...after, pendingDrop: null });
		return done;
	}
}

class UpdateResetsTimeZone extends MemoryStore {
	override async updateChannel(channelId: string, patch: ChannelPatch): Promise<ChannelSettings | null> {
		return super.updateChannel(channelId, { timeZone: "UTC", ...patch });
	}
}

class ListsClosingLatestFirst extends MemoryStore {
	override async listQuizPostsClosingBy(at: Date, limit: number): Promise<QuizPost[]> {
		return (await super.listQuizPostsClosingBy(at, 1000)).reverse().slice(0, limit);
	}
}

class ForgetsMessageRef extends MemoryStore {
	override async saveQuizPost(post: QuizPost): Promise<void> {
		return super.saveQuizPost({ ...post, messageRef: null });
	}
}

class StreakCountsEveryAnswer extends MemoryStore {
	override async getStreak(channelId: string, userId: string): Promise<Streak | null> {
		const streak = await super.getStreak(channelId, userId);
		const answers = await this.listAnswers({ channelId, range: { from: new Date(0), to: new Date(Date.UTC(2100, 0)) }, userId });
		return streak && { ...streak, current: answers.length };
	}
}

class IgnoresDueLimit extends MemoryStore {
	override async listDueCards(userId: string, at: Date): Promise<LearnerCard[]> {
		return super.listDueCards(userId, at, 1000);
	}
}

class CardDatesAsText extends MemoryStore {
	override async getCard(userId: string, questionId: string): Promise<LearnerCard | null> {
		const found = await super.getCard(userId, questionId);
		return found && (JSON.parse(JSON.stringify(found)) as LearnerCard);
	}
}

class ForgetsReviewTally extends MemoryStore {
	override async saveCard(card: LearnerCard): Promise<void> {
		return super.saveCard({ userId: card.userId, questionId: card.questionId, card: card.card });
	}
}

class AnswersAClosedQuiz extends MemoryStore {
	override async getQuizPostAndChannel(channelId: string, quizId: string): Promise<QuizPostAndChannel> {
		const { post, channel } = await super.getQuizPostAndChannel(channelId, quizId);
		return { post: post && { ...post, revealedAt: null }, channel };
	}
}

class AddReplacesCard extends MemoryStore {
	override async addCard(card: LearnerCard): Promise<LearnerCard | null> {
		await this.saveCard(card);
		return null;
	}
}

class ParticipationByPrefix extends MemoryStore {
	override async participation(scope: ParticipationScope, range: TimeRange): Promise<ParticipationFigures> {
		if ("channelId" in scope) return super.participation(scope, range);
		// A workspace matched by prefix takes in "slack:T10" for "slack:T1".
		const inner = await super.participation({ workspaceId: scope.workspaceId }, range);
		const other = await super.participation({ workspaceId: `${scope.workspaceId}0` }, range);
		return { ...inner, learners: [...inner.learners, ...other.learners] };
	}
}

class CountsTheChannelsAnswers extends MemoryStore {
	override async countQuizAnswers(channelId: string, _quizId: string): Promise<number> {
		const everything = { from: new Date(0), to: new Date(Date.UTC(2100, 0)) };
		return (await this.listAnswers({ channelId, range: everything })).length;
	}
}

class ListsAChannelTwice extends MemoryStore {
	override async listChannels(): Promise<ChannelSettings[]> {
		const channels = await super.listChannels();
		return [...channels, ...channels.slice(0, 1)];
	}
}

const broken: Record<string, { make: () => Store; caught: string }> = {
	"records a second click on the same quiz": { make: () => new RecordsEveryClick(), caught: "refuses a second one" },
	"includes the end of a time range": { make: () => new RangeIncludesItsEnd(), caught: "half-open range" },
	"lets a scheduled post be claimed twice": { make: () => new ClaimsTwice(), caught: "claim a scheduled post; once posted, never again" },
	"never takes over a claim whose lease ended": { make: () => new NeverTakesOver(), caught: "offers a claim whose lease ended unsettled" },
	"takes over a claim whose lease still runs": {
		make: () => new TakesOverRunningLease(),
		caught: "offers a claim whose lease ended unsettled",
	},
	"takes over a posted claim": { make: () => new TakesOverSettled(), caught: "claim a scheduled post; once posted, never again" },
	"takes over a revealed claim": { make: () => new TakesOverSettled(), caught: "never takes over a claim whose post was revealed" },
	"reveals a post twice": { make: () => new RevealsTwice(), caught: "marks a post revealed for exactly one" },
	"drops in a paused channel": { make: () => new DropsWhilePaused(), caught: "refuses a scheduled drop in a paused channel" },
	"undoes a drop it did not record": { make: () => new UndoesAnyDrop(), caught: "undoes a drop only while" },
	"records a drop to post for good": { make: () => new ForgetsPendingDrop(), caught: "keeps a drop to post pending" },
	"leaves a settled drop pending": { make: () => new SettlesNothing(), caught: "keeps a drop to post pending" },
	"lets a pending drop be taken over twice": {
		make: () => new TakesOverDropTwice(),
		caught: "offers a pending drop whose lease ended unsettled",
	},
	"takes over a drop whose lease still runs": {
		make: () => new TakesOverRunningDropLease(),
		caught: "offers a pending drop whose lease ended unsettled",
	},
	"takes over a settled drop": { make: () => new TakesOverSettledDrop(), caught: "never takes over a drop whose post was settled" },
	"keeps an undone drop pending": { make: () => new UndoKeepsPendingDrop(), caught: "loses a pending drop to an undo" },
	"lets a skip clear a pending drop": { make: () => new SkipClearsPendingDrop(), caught: "loses a pending drop to an undo" },
	"resets other fields on update": { make: () => new UpdateResetsTimeZone(), caught: "updates only the given fields" },
	"lists closing posts latest first": { make: () => new ListsClosingLatestFirst(), caught: "closing by a time" },
	"forgets a post's message reference": { make: () => new ForgetsMessageRef(), caught: "saving again replaces it" },
	"counts every answer into the streak": { make: () => new StreakCountsEveryAnswer(), caught: "counts consecutive days" },
	"ignores the limit on due cards": { make: () => new IgnoresDueLimit(), caught: "due cards earliest first" },
	"returns card dates as text": { make: () => new CardDatesAsText(), caught: "round-trips a new and a reviewed ts-fsrs card" },
	"forgets a card's review tally": { make: () => new ForgetsReviewTally(), caught: "keeps a card's personal review tally" },
	"shows a revealed quiz open to an answer": { make: () => new AnswersAClosedQuiz(), caught: "reads a post with its channel's settings" },
	"resets a learner's card on a second add": { make: () => new AddReplacesCard(), caught: "adds a card only where the learner has none" },
	"counts another workspace into a workspace's report": {
		make: () => new ParticipationByPrefix(),
		caught: "counts a channel's or a workspace's answers",
	},
	"counts every answer of the channel as the quiz's": {
		make: () => new CountsTheChannelsAnswers(),
		caught: "counts a quiz's learners, each once",
	},
	"lists a channel twice": { make: () => new ListsAChannelTwice(), caught: "lists every channel once" },
};

describe("Store contract against broken fakes", () => {
	it("passes on the in-memory fake", async () => {
		const cases = casesFor(() => new MemoryStore());
		expect(cases.length).toBeGreaterThanOrEqual(20);
		expect(await failingCases(cases)).toEqual([]);
	});

	for (const [defect, { make, caught }] of Object.entries(broken)) {
		it(`fails on a store that ${defect}`, async () => {
			const failing = await failingCases(casesFor(make));
			expect(
				failing.some((name) => name.includes(caught)),
				`failing cases: ${failing.join("; ")}`,
			).toBe(true);
		});
	}
});
