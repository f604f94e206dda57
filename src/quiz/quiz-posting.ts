/**
 * Quiz posts in a channel: scheduled recall quizzes when they open (claimed first, so exactly one
 * replica posts each; a claim is a lease, so a replica that died holding it hands it on), quizzes
 * posted at once by /quiz, and the reveal at close (markQuizRevealed picks the one replica that
 * reveals).
 */

import { completeCourseIfDone } from "../channel-course/course-complete.ts";
import { lateNote } from "../channel-course/drop-reply.ts";
import { type CourseQuestion, findQuestion } from "../course/course.ts";
import type { ChannelSettings, QuizPost } from "../ports/store.ts";
import { handlePostFailure } from "../study/channel-gone.ts";
import { findEarlierPost } from "../study/earlier-post.ts";
import type { Study } from "../study/study-options.ts";
import { showEarlyAnswers } from "./quiz-count.ts";
import { openQuizReply, revealedQuizReply } from "./quiz-post-reply.ts";

export type QuizPostOutcome = "posted" | "taken" | "dropped" | "paused" | "failed";

function questionOf(study: Study, questionId: string): CourseQuestion | undefined {
	return findQuestion(study.course, questionId);
}

/** Ends a post that will never be shown, without a reveal, so that it leaves the closing index. */
async function retire(study: Study, post: QuizPost): Promise<void> {
	await study.store.markQuizRevealed(post.channelId, post.id, study.clock.now());
}

const MAX_ATTEMPTS = 5;

/**
 * After a transient failure (which the ChatPort says may be retried), schedules the quiz again
 * under a new id, as a claimed id is never indexed again: the next run posts it (late, once it
 * is), a few times at most, rather than the quiz silently never appearing.
 */
async function retryLater(study: Study, post: QuizPost): Promise<void> {
	const match = /^(.*)-attempt-(\d+)$/.exec(post.id);
	const attempt = match ? Number(match[2]) : 1;
	if (attempt >= MAX_ATTEMPTS) {
		study.logger.error(`Gave up on quiz ${post.id} in ${post.channelId} after ${attempt} attempts`, { channelId: post.channelId });
		return;
	}
	await study.store.scheduleQuizPost({ ...post, id: `${match?.[1] ?? post.id}-attempt-${attempt + 1}` });
}

/**
 * Posts a scheduled quiz that has opened. Late (past lateAfterMs): it says so and stays open as
 * long as it would have, from now. A paused or stopped channel's quiz is retired unposted.
 */
export async function postScheduledQuiz(study: Study, post: QuizPost, channel: ChannelSettings | null): Promise<QuizPostOutcome> {
	const { store, chat, clock, options } = study;
	const claim = await store.claimQuizPost(post.channelId, post.id, { at: clock.now(), ms: options.claimLeaseMs });
	if (!claim) return "taken";
	const question = questionOf(study, post.questionId);
	if (!channel || channel.paused || !question) {
		await retire(study, post);
		study.logger.info(`Skipped quiz ${post.id} in ${post.channelId}: ${question ? "the course is paused or stopped" : "unknown question"}`);
		return "dropped";
	}
	const now = clock.now();
	const late = now.getTime() - post.opensAt.getTime() > options.lateAfterMs;
	const closesAt = late ? new Date(now.getTime() + (post.closesAt.getTime() - post.opensAt.getTime())) : post.closesAt;
	const shown: QuizPost = { ...post, closesAt };
	const reply = openQuizReply(study.course, question, shown, {
		answers: 0,
		timeZone: channel.timeZone,
		...(late ? { lateNote: lateNote({ dueAt: post.opensAt, timeZone: channel.timeZone }) } : {}),
	});
	const itemKey = `${post.channelId}/${post.id}`;
	let messageRef: string;
	try {
		const found = claim === "takeover" ? await findEarlierPost(study, post.channelId, `quiz ${post.id}`, itemKey, post.opensAt) : null;
		messageRef = found ?? (await chat.post(post.channelId, reply, { itemKey }));
	} catch (error) {
		await retire(study, post);
		const outcome = await handlePostFailure(study, post.channelId, `quiz ${post.id}`, error);
		if (outcome === "failed") await retryLater(study, post);
		return outcome;
	}
	const saved = { ...shown, messageRef };
	await store.saveQuizPost(saved);
	await showEarlyAnswers(study, saved, question, channel.timeZone);
	return "posted";
}

/** Posts `question` in the channel now, open for quizOpenMs; returns the saved post. */
export async function postQuizNow(study: Study, channelId: string, question: CourseQuestion, timeZone: string): Promise<QuizPost> {
	const now = study.clock.now();
	const post: QuizPost = {
		// Unique within the channel: the time to the millisecond and the question.
		id: `now-${now.getTime().toString(36)}-${question.id}`,
		channelId,
		questionId: question.id,
		episode: question.episode,
		opensAt: now,
		closesAt: new Date(now.getTime() + study.options.quizOpenMs),
		messageRef: null,
		revealedAt: null,
	};
	// Saved before it is shown, so that a press arriving before the reference is saved is recorded.
	await study.store.saveQuizPost(post);
	let messageRef: string;
	try {
		messageRef = await study.chat.post(channelId, openQuizReply(study.course, question, post, { answers: 0, timeZone }));
	} catch (error) {
		await retire(study, post);
		throw error;
	}
	const saved = { ...post, messageRef };
	await study.store.saveQuizPost(saved);
	await showEarlyAnswers(study, saved, question, timeZone);
	return saved;
}

/**
 * Reveals a closed quiz: the answer and the share who got it right, in place of the question.
 * Posts not shown yet (their opening is still to be handled) are left for a later run.
 */
export async function revealQuiz(study: Study, post: QuizPost): Promise<"revealed" | "waiting" | "taken" | "paused" | "failed"> {
	const { store, chat, clock } = study;
	if (post.messageRef === null) return "waiting";
	if (!(await store.markQuizRevealed(post.channelId, post.id, clock.now()))) return "taken";
	const question = questionOf(study, post.questionId);
	if (question) {
		const answers = await store.listQuizAnswers(post.channelId, post.id);
		try {
			await chat.update(post.channelId, post.messageRef, revealedQuizReply(study.course, question, answers));
		} catch (error) {
			return handlePostFailure(study, post.channelId, `the reveal of quiz ${post.id}`, error);
		}
	}
	await completeCourseIfDone(study, post.channelId);
	return "revealed";
}
