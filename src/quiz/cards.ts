/**
 * Spaced repetition per learner with ts-fsrs: every answer (to a channel quiz or in a personal
 * review) grades the learner's card for that question, Good when right and Again when wrong, and
 * FSRS sets when it is due again.
 */
import { type Card, createEmptyCard, fsrs, Rating } from "ts-fsrs";
import type { LearnerCard, Store } from "../ports/store.ts";

// No fuzz: the same answers give the same due dates, which tests and learners can rely on.
const scheduler = fsrs({ enable_fuzz: false });

export async function gradeCard(store: Store, userId: string, questionId: string, correct: boolean, at: Date): Promise<LearnerCard> {
	const current: Card = (await store.getCard(userId, questionId))?.card ?? createEmptyCard<Card>(at);
	const next: LearnerCard = { userId, questionId, card: scheduler.next(current, at, correct ? Rating.Good : Rating.Again).card };
	await store.saveCard(next);
	return next;
}
