/** Grading a learner's card: a first meeting adds it, a later one grades the card they have. */
import { describe, expect, it } from "vitest";
import { gradeCard } from "../../src/quiz/cards.ts";
import { MemoryStore } from "../fakes/memory-store.ts";

const U1 = "slack:T1:U1";

describe("gradeCard", () => {
	it("adds a new card on a learner's first channel quiz answer to a question", async () => {
		const store = new MemoryStore();
		const graded = await gradeCard(store, U1, "q1", true, new Date("2026-01-06T10:00:00Z"));
		expect(graded.card.reps).toBe(1);
		expect(graded.reviews).toBeUndefined();
		expect(await store.getCard(U1, "q1")).toEqual(graded);
	});

	it("grades the card a learner has when a channel quiz asks its question again, keeping their review tally", async () => {
		const store = new MemoryStore();
		const reviewed = await gradeCard(store, U1, "q1", true, new Date("2026-01-06T10:00:00Z"), "review");
		expect(reviewed.reviews).toEqual({ answered: 1, right: 1 });
		const again = await gradeCard(store, U1, "q1", false, new Date("2026-01-09T10:00:00Z"));
		// Graded from the card they have: a second repetition, not a first on an empty card.
		expect(again.card.reps).toBe(2);
		expect(again.reviews).toEqual({ answered: 1, right: 1 });
		expect(await store.getCard(U1, "q1")).toEqual(again);
	});
});
