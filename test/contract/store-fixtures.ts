/** Builders of the records the Store contract stores: fixed dates, one channel per platform. */
import type { Answer, ChannelSettings, QuizPost } from "../../src/ports/store.ts";

export const CH = "slack:T1:C1";
export const OTHER_CH = "discord:G9:C7";
export const at = (iso: string) => new Date(iso);

export function channel(overrides: Partial<ChannelSettings> = {}): ChannelSettings {
	return {
		channelId: CH,
		courseId: "kubernetes-production-mastery",
		nextEpisode: 1,
		schedule: "0 9 * * 1",
		timeZone: "Europe/Berlin",
		paused: false,
		admins: ["slack:T1:U1"],
		lastDropAt: null,
		scheduleFrom: at("2026-01-01T00:00:00Z"),
		pendingDrop: null,
		...overrides,
	};
}

export function quiz(id: string, overrides: Partial<QuizPost> = {}): QuizPost {
	return {
		id,
		channelId: CH,
		questionId: `q-${id}`,
		episode: 2,
		opensAt: at("2026-01-06T09:00:00Z"),
		closesAt: at("2026-01-06T17:00:00Z"),
		messageRef: null,
		revealedAt: null,
		...overrides,
	};
}

export function answer(quizId: string, userId: string, answeredAt: string, overrides: Partial<Answer> = {}): Answer {
	return {
		channelId: CH,
		quizId,
		userId,
		questionId: `q-${quizId}`,
		episode: 2,
		choice: "b",
		correct: true,
		answeredAt: at(answeredAt),
		day: answeredAt.slice(0, 10),
		...overrides,
	};
}
