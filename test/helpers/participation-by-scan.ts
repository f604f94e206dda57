/**
 * The participation figures computed the simplest honest way (the benchmark's baseline, the tests'
 * oracle): every answer of the period read through the Store port (listAnswers, channel by
 * channel) and counted in JavaScript. Every store's participation() must agree.
 */
import { ParticipationCounter } from "../../src/participation/aggregate.ts";
import type { ParticipationFigures, Store, TimeRange } from "../../src/ports/store.ts";

export async function participationByScan(store: Store, channelIds: readonly string[], range: TimeRange): Promise<ParticipationFigures> {
	const counter = new ParticipationCounter();
	for (const channelId of channelIds) {
		for (const answer of await store.listAnswers({ channelId, range })) counter.add({ ...answer, answeredAt: answer.answeredAt.getTime() });
	}
	return counter.figures();
}
