/**
 * Writes journal-store data folders for the import tests, in the format the journal store wrote
 * (adapters/sqlite/journal-import/journal-records.ts): every change goes to an in-memory store (the
 * oracle: what the journal store held in memory) and, when it changed something, to the journal as
 * the journal store logged it. `write` puts a snapshot taken after a chosen change and the journal
 * lines after it (or from earlier: a crash mid-compaction leaves lines the snapshot already holds).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Card, createEmptyCard, fsrs, Rating } from "ts-fsrs";
import type { JournalOp, JournalSnapshot } from "../../adapters/sqlite/journal-import/journal-records.ts";
import { encodeJson } from "../../src/json-with-dates.ts";
import type { Answer, ChannelPatch, ChannelSettings, LearnerCard, QuizPost, RecordDropOptions } from "../../src/ports/store.ts";

/**
 * calendarDay (src/ports/store.ts) with its formatter kept per zone: calendarDay builds an
 * Intl.DateTimeFormat per call, most of a big history's time. The same options, so the same days.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function dayIn(at: Date, timeZone: string): string {
	let format = formats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
		formats.set(timeZone, format);
	}
	return format.format(at);
}

import { MemoryStore } from "../fakes/memory-store.ts";

export class JournalHistory {
	readonly memory = new MemoryStore();
	private readonly ops: JournalOp[] = [];
	private readonly snapshots = new Map<number, JournalSnapshot>();

	/** Number of changes logged so far (the journal's seq). */
	get seq(): number {
		return this.ops.length;
	}

	private log(op: JournalOp, changed: boolean): void {
		if (changed) this.ops.push(op);
	}

	/** Remembers the data as of now, for a snapshot at the current seq. */
	markSnapshot(): number {
		this.snapshots.set(this.seq, this.memory.snapshot());
		return this.seq;
	}

	async saveChannel(settings: ChannelSettings): Promise<void> {
		await this.memory.saveChannel(settings);
		this.log({ op: "saveChannel", settings }, true);
	}

	async updateChannel(channelId: string, patch: ChannelPatch): Promise<void> {
		this.log({ op: "updateChannel", channelId, patch }, (await this.memory.updateChannel(channelId, patch)) !== null);
	}

	async recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): Promise<boolean> {
		const done = await this.memory.recordDrop(channelId, episode, at, options);
		this.log({ op: "recordDrop", channelId, episode, at }, done);
		return done;
	}

	async undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): Promise<void> {
		const done = await this.memory.undoDrop(channelId, episode, droppedAt, previousDropAt);
		this.log({ op: "undoDrop", channelId, episode, droppedAt, previousDropAt }, done);
	}

	async saveQuizPost(post: QuizPost): Promise<void> {
		await this.memory.saveQuizPost(post);
		this.log({ op: "saveQuizPost", post }, true);
	}

	async scheduleQuizPost(post: QuizPost): Promise<void> {
		await this.memory.scheduleQuizPost(post);
		this.log({ op: "scheduleQuizPost", post }, true);
	}

	/** The journal store's claims were for good: a lease that never ends here. */
	async claimQuizPost(channelId: string, quizId: string): Promise<boolean> {
		const won = (await this.memory.claimQuizPost(channelId, quizId, { at: new Date(0), ms: Number.MAX_SAFE_INTEGER })) !== false;
		this.log({ op: "claimQuizPost", channelId, quizId }, won);
		return won;
	}

	async markQuizRevealed(channelId: string, quizId: string, at: Date): Promise<void> {
		this.log({ op: "markQuizRevealed", channelId, quizId, at }, await this.memory.markQuizRevealed(channelId, quizId, at));
	}

	async recordAnswer(answer: Answer): Promise<void> {
		this.log({ op: "recordAnswer", answer }, (await this.memory.recordAnswer(answer)).status === "recorded");
	}

	async saveCard(card: LearnerCard): Promise<void> {
		await this.memory.saveCard(card);
		this.log({ op: "saveCard", card }, true);
	}

	/**
	 * Writes `snapshot.json` as of `snapshotSeq` (marked earlier; 0: none) and `journal.jsonl` with
	 * the changes from `journalFrom` (default: right after the snapshot), plus `tornTail` as a last
	 * line cut short by a crash.
	 */
	async write(
		dir: string,
		options: { readonly snapshotSeq: number; readonly journalFrom?: number; readonly tornTail?: string },
	): Promise<void> {
		const { snapshotSeq } = options;
		if (snapshotSeq > 0) {
			const data = this.snapshots.get(snapshotSeq);
			if (!data) throw new Error(`no snapshot marked at seq ${snapshotSeq}`);
			await writeFile(join(dir, "snapshot.json"), encodeJson({ seq: snapshotSeq, data }));
		}
		const from = options.journalFrom ?? snapshotSeq + 1;
		const lines = this.ops.slice(from - 1).map((op, i) => `${encodeJson({ seq: from + i, op })}\n`);
		await writeFile(join(dir, "journal.jsonl"), lines.join("") + (options.tornTail ?? ""));
	}
}

/** A small deterministic random source (mulberry32), so a generated history is the same every run. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ZONES = ["Europe/Berlin", "Asia/Tokyo", "America/New_York"];
const HOUR = 3_600_000;

/**
 * Some weeks of study in several channels, as the bot's jobs and users produce them: scheduled
 * drops, recall quizzes scheduled, claimed, posted and revealed, answers (double clicks included,
 * some late for an earlier day), ts-fsrs cards, admins pausing and resuming, a failed drop undone,
 * and a quiz asked with /quiz in a channel that follows no course. Times carry small distinct
 * offsets so that no two records tie in any order a store lists them in. A snapshot is marked
 * halfway. Returns the history and the ids of every channel it touched.
 */
export async function studyHistory(options: {
	readonly channels: number;
	readonly learners: number;
	readonly weeks: number;
	readonly seed: number;
}): Promise<{ history: JournalHistory; channels: string[]; snapshotSeq: number }> {
	const scheduler = fsrs({ enable_fuzz: false });
	const rand = random(options.seed);
	const history = new JournalHistory();
	const start = Date.UTC(2026, 0, 5, 8);
	const channels = Array.from({ length: options.channels }, (_, c) => (c % 2 === 0 ? `slack:T1:C${c}` : `discord:G2:C${c}`));
	const zoneOf = (c: number) => ZONES[c % ZONES.length] ?? "UTC";
	for (const [c, channelId] of channels.entries()) {
		await history.saveChannel({
			channelId,
			courseId: "k8s-production-mastery",
			nextEpisode: 1,
			schedule: `0 ${8 + c} * * 1`,
			timeZone: zoneOf(c),
			paused: false,
			admins: [`${channelId.slice(0, channelId.lastIndexOf(":"))}:U0`],
			lastDropAt: null,
			scheduleFrom: new Date(start - 86_400_000),
			pendingDrop: null,
		});
	}
	let snapshotSeq = 0;
	const answerPost = async (channelId: string, c: number, post: QuizPost, k: number, w: number) => {
		const prefix = channelId.slice(0, channelId.lastIndexOf(":"));
		for (let u = 0; u < options.learners; u++) {
			if (rand() < 0.25) continue;
			const userId = `${prefix}:U${c * 1000 + u}`;
			// u * 61_001 and w * 101: no two answers of a channel, and no two due times of a learner, tie.
			const answeredAt = new Date(post.opensAt.getTime() + u * 61_001 + c * 7 + k * 17 + w * 101 + Math.floor(rand() * 50_000) * 1000);
			const correct = rand() < 0.7;
			await history.recordAnswer({
				channelId,
				quizId: post.id,
				userId,
				questionId: post.questionId,
				episode: post.episode,
				choice: correct ? "b" : "c",
				correct,
				answeredAt,
				day: dayIn(answeredAt, zoneOf(c)),
			});
			if (rand() < 0.1) {
				// A double click: refused, not logged.
				await history.recordAnswer({
					channelId,
					quizId: post.id,
					userId,
					questionId: post.questionId,
					episode: post.episode,
					choice: "d",
					correct: false,
					answeredAt: new Date(answeredAt.getTime() + 900),
					day: dayIn(answeredAt, zoneOf(c)),
				});
			}
			const previous: Card = (await history.memory.getCard(userId, post.questionId))?.card ?? createEmptyCard(answeredAt);
			const card = scheduler.next(previous, answeredAt, correct ? Rating.Good : Rating.Again).card;
			await history.saveCard({ userId, questionId: post.questionId, card });
		}
	};
	for (let w = 0; w < options.weeks; w++) {
		if (w === Math.floor(options.weeks / 2)) snapshotSeq = history.markSnapshot();
		for (const [c, channelId] of channels.entries()) {
			const dropAt = new Date(start + w * 7 * 86_400_000 + c * 60_000);
			const episode = w + 1;
			if (!(await history.recordDrop(channelId, episode, dropAt, { onlyIfActive: true }))) continue;
			if (w === 1 && c === 0) {
				// The drop's post failed: taken back, then dropped again an hour later.
				await history.undoDrop(channelId, episode, dropAt, (await history.memory.getChannel(channelId))?.lastDropAt ?? null);
				await history.undoDrop(channelId, episode, dropAt, new Date(start + c * 60_000));
				await history.recordDrop(channelId, episode, new Date(dropAt.getTime() + HOUR));
			}
			for (const k of [0, 1]) {
				const opensAt = new Date(dropAt.getTime() + (1 + 2 * k) * 86_400_000 + k * 13);
				const post: QuizPost = {
					id: `e${episode}-${k}`,
					channelId,
					questionId: `ep${episode}-q${Math.floor(rand() * 12)}`,
					episode,
					opensAt,
					closesAt: new Date(opensAt.getTime() + 24 * HOUR + c * 11),
					messageRef: null,
					revealedAt: null,
				};
				await history.scheduleQuizPost(post);
				if (w === options.weeks - 1 && k === 1) continue; // not opened yet
				if (!(await history.claimQuizPost(channelId, post.id))) throw new Error("claim refused");
				await history.claimQuizPost(channelId, post.id); // a second replica loses
				await history.saveQuizPost({ ...post, messageRef: `${channelId}:m${w}${k}` });
				await answerPost(channelId, c, post, k, w);
				if (w < options.weeks - 1) await history.markQuizRevealed(channelId, post.id, post.closesAt);
			}
		}
		if (w === 2) {
			const paused = channels[1] ?? channels[0] ?? "";
			await history.updateChannel(paused, { paused: true });
			await history.updateChannel(paused, { paused: false, scheduleFrom: new Date(start + (w + 2) * 7 * 86_400_000) });
			await history.updateChannel(channels[0] ?? "", { admins: ["slack:T1:U0", "slack:T1:U7"], schedule: "30 9 * * 2" });
		}
	}
	// /quiz in a channel that follows no course: a post saved directly, answered, revealed.
	const adHoc: QuizPost = {
		id: "now-1",
		channelId: "slack:T1:C999",
		questionId: "ep3-q1",
		episode: 3,
		opensAt: new Date(start + 3 * 86_400_000 + 5),
		closesAt: new Date(start + 4 * 86_400_000 + 5),
		messageRef: "slack:T1:C999:m1",
		revealedAt: null,
	};
	await history.saveQuizPost(adHoc);
	await answerPost(adHoc.channelId, 999, adHoc, 3, 0);
	return { history, channels: [...channels, adHoc.channelId], snapshotSeq };
}
