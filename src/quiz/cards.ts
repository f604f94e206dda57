/**
 * Spaced repetition per learner with ts-fsrs: every answer (to a channel quiz or in a personal
 * review) grades the learner's card for that question, Good when right and Again when wrong, and
 * FSRS sets when it is due again. A personal review also counts on the card (LearnerCard.reviews),
 * since it is no channel Answer: `/quiz mine` adds them to the learner's figures.
 */
import { type Card, createEmptyCard, fsrs, Rating } from "ts-fsrs";
import type { LearnerCard, Store } from "../ports/store.ts";

// No fuzz: the same answers give the same due dates, which tests and learners can rely on.
const scheduler = fsrs({ enable_fuzz: false });

export async function gradeCard(
	store: Store,
	userId: string,
	questionId: string,
	correct: boolean,
	at: Date,
	source: "quiz" | "review" = "quiz",
): Promise<LearnerCard> {
	const rating = correct ? Rating.Good : Rating.Again;
	let saved: LearnerCard | null;
	if (source === "quiz") {
		// A channel quiz mostly asks a learner a question they have no card for: the new card is
		// added straight away, and only a learner who has one already pays for grading it again.
		const first: LearnerCard = { userId, questionId, card: scheduler.next(createEmptyCard<Card>(at), at, rating).card };
		saved = await store.addCard(first);
		if (saved === null) return first;
	} else {
		saved = await store.getCard(userId, questionId);
	}
	const current: Card = saved?.card ?? createEmptyCard<Card>(at);
	const tally = saved?.reviews ?? { answered: 0, right: 0 };
	const reviews = source === "review" ? { answered: tally.answered + 1, right: tally.right + (correct ? 1 : 0) } : saved?.reviews;
	const card = scheduler.next(current, at, rating).card;
	const next: LearnerCard = reviews === undefined ? { userId, questionId, card } : { userId, questionId, card, reviews };
	await store.saveCard(next);
	return next;
}
