/**
 * The running count of answers on an open quiz post. An answer can arrive between the post
 * appearing in the chat and its message reference being saved (a store may commit the save a few
 * milliseconds later): the poster then shows the count once the reference is saved, so that no
 * answer is left uncounted on the post.
 */

import type { CourseQuestion } from "../course/course.ts";
import type { QuizPost } from "../ports/store.ts";
import type { Study } from "../study/study-options.ts";
import { openQuizReply } from "./quiz-post-reply.ts";

export async function refreshCount(study: Study, post: QuizPost, question: CourseQuestion, timeZone: string): Promise<void> {
	await showingCount(study, post, async () => {
		// Read afresh: an edit made a moment after the answer must not undo a reveal made since.
		const current = await study.store.getQuizPost(post.channelId, post.id);
		// Not saved yet: the poster shows the count when it saves the reference (showEarlyAnswers).
		if (current === null || current.revealedAt !== null || current.messageRef === null) return;
		const answers = await study.store.countQuizAnswers(post.channelId, post.id);
		await study.chat.update(post.channelId, current.messageRef, openQuizReply(study.course, question, post, { answers, timeZone }));
	});
}

/** Called by the poster right after saving the reference: answers pressed before it get their count. */
export async function showEarlyAnswers(study: Study, saved: QuizPost, question: CourseQuestion, timeZone: string): Promise<void> {
	await showingCount(study, saved, async () => {
		const answers = await study.store.countQuizAnswers(saved.channelId, saved.id);
		if (answers === 0 || saved.messageRef === null) return;
		await study.chat.update(saved.channelId, saved.messageRef, openQuizReply(study.course, question, saved, { answers, timeZone }));
	});
}

async function showingCount(study: Study, post: QuizPost, show: () => Promise<void>): Promise<void> {
	try {
		await show();
	} catch (error) {
		// The answer is recorded; a stale count is cosmetic and the next answer or the reveal fixes it.
		study.logger.warn(`Could not update the answer count of quiz ${post.id} in ${post.channelId}: ${String(error)}`);
	}
}
