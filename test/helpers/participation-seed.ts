/**
 * Seeded participation data: 3 channels (Berlin, New York, Sydney, so that DST changes fall on both
 * sides of the equator within the 10 weeks from 2 March 2026), 40 learners each, three quizzes a
 * week, answers at varied hours so that local days differ from UTC ones. Slack's two channels share
 * a workspace (slack:T1); Discord's is alone (discord:G1).
 */
import { calendarDay, type Store } from "../../src/ports/store.ts";

export const SEEDED_ZONES = {
	"slack:T1:C1": "Europe/Berlin",
	"slack:T1:C2": "America/New_York",
	"discord:G1:C3": "Australia/Sydney",
} as const;
export const SEED_START = Date.UTC(2026, 2, 2);

export async function seedParticipation(store: Store, questionIds: readonly { id: string; episode: number }[] = []): Promise<void> {
	for (const [c, [channelId, zone]] of Object.entries(SEEDED_ZONES).entries()) {
		for (let q = 0; q < 30; q++) {
			const learners = Array.from({ length: 40 }, (_, u) => u).filter((u) => (u * 7 + q * 3 + c) % 5 !== 0);
			const question = questionIds[q % Math.max(1, questionIds.length)];
			await Promise.all(
				learners.map((u) => {
					const answeredAt = new Date(SEED_START + (q * (7 * 86_400_000)) / 3 + ((u * 37 + q * 11) % 48) * 1_800_000 + u * 1000);
					return store.recordAnswer({
						channelId,
						quizId: `quiz-${q}`,
						userId: `${channelId.slice(0, channelId.lastIndexOf(":"))}:U${u}`,
						questionId: question?.id ?? `ep${1 + (q % 10)}-q${q % 4}`,
						episode: question?.episode ?? 1 + (q % 10),
						choice: "b",
						correct: (u + q) % 3 !== 0,
						answeredAt,
						day: calendarDay(answeredAt, zone),
					});
				}),
			);
		}
	}
}
