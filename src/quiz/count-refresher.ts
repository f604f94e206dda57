/**
 * Keeps each open quiz post's count current without an edit per answer. Slack allows about 50
 * message edits a minute and Discord 5 per 5 seconds in a channel, and a learner reads a count a
 * second old as live: so a post is edited at most once per interval. The first answer in a quiet
 * spell is shown at once (its follow-up waits for that edit); answers arriving while an edit runs
 * or soon after are folded into one more edit when the interval is up, which reads the count
 * afresh, so the last edit shows the latest count. No follow-up ever waits for the interval, and
 * edits of one post never run in parallel (they could land out of order: 29 after 30).
 */

import type { CourseQuestion } from "../course/course.ts";
import type { QuizPost } from "../ports/store.ts";
import type { Study } from "../study/study-options.ts";
import { refreshCount } from "./quiz-count.ts";

export const COUNT_REFRESH_MS = 1000;

interface PostState {
	running: boolean;
	/** An answer came while an edit ran or was scheduled: one more edit is due. */
	again: boolean;
	lastStart: number;
	timer: NodeJS.Timeout | undefined;
	latest: { post: QuizPost; question: CourseQuestion; timeZone: string };
}

export class CountRefresher {
	readonly #study: Study;
	readonly #intervalMs: number;
	/** Per post, in the order of their last edit's start (re-inserted at each start), so the idle ones are pruned from the front. */
	readonly #posts = new Map<string, PostState>();

	constructor(study: Study, intervalMs = COUNT_REFRESH_MS) {
		this.#study = study;
		this.#intervalMs = intervalMs;
	}

	/** Asks for the post's count to be shown; resolves once an edit made now is done, or at once when one is due later. */
	request(post: QuizPost, question: CourseQuestion, timeZone: string): Promise<void> {
		const now = performance.now();
		this.#forgetIdle(now);
		const key = `${post.channelId}\n${post.id}`;
		let state = this.#posts.get(key);
		if (state === undefined) {
			state = { running: false, again: false, lastStart: Number.NEGATIVE_INFINITY, timer: undefined, latest: { post, question, timeZone } };
			this.#posts.set(key, state);
		}
		state.latest = { post, question, timeZone };
		if (state.running || state.timer !== undefined) {
			state.again = true;
			return Promise.resolve();
		}
		const wait = state.lastStart + this.#intervalMs - now;
		if (wait > 0) {
			this.#schedule(key, state, wait);
			return Promise.resolve();
		}
		return this.#run(key, state);
	}

	#schedule(key: string, state: PostState, waitMs: number): void {
		state.timer = setTimeout(() => {
			state.timer = undefined;
			void this.#run(key, state);
		}, waitMs);
		// A pending count edit is cosmetic: it never keeps a finishing process alive (the reveal shows the final count).
		state.timer.unref();
	}

	async #run(key: string, state: PostState): Promise<void> {
		state.running = true;
		state.again = false;
		state.lastStart = performance.now();
		this.#posts.delete(key);
		this.#posts.set(key, state);
		try {
			const { post, question, timeZone } = state.latest;
			await refreshCount(this.#study, post, question, timeZone);
		} finally {
			state.running = false;
			if (state.again) this.#schedule(key, state, Math.max(0, state.lastStart + this.#intervalMs - performance.now()));
		}
	}

	#forgetIdle(now: number): void {
		for (const [key, state] of this.#posts) {
			if (state.running || state.timer !== undefined || now - state.lastStart < this.#intervalMs) return;
			this.#posts.delete(key);
		}
	}
}
