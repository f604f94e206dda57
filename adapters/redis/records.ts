/**
 * How the store's records are laid out in Redis values: channel settings as hash fields (so that
 * an update sets only its own fields), streaks as one compact string the Lua script can parse,
 * everything else as JSON with dates (src/json-with-dates.ts).
 */

import { decodeJson, encodeJson } from "../../src/json-with-dates.ts";
import type { Answer, ChannelPatch, ChannelSettings, LearnerCard, QuizPost, Streak } from "../../src/ports/store.ts";

/** Field, value, field, value... for HSET. */
export function channelFields(settings: ChannelPatch & Partial<ChannelSettings>): string[] {
	const fields: string[] = [];
	if (settings.courseId !== undefined) fields.push("courseId", settings.courseId);
	if (settings.nextEpisode !== undefined) fields.push("nextEpisode", String(settings.nextEpisode));
	if (settings.schedule !== undefined) fields.push("schedule", settings.schedule);
	if (settings.timeZone !== undefined) fields.push("timeZone", settings.timeZone);
	if (settings.paused !== undefined) fields.push("paused", settings.paused ? "1" : "0");
	if (settings.admins !== undefined) fields.push("admins", JSON.stringify(settings.admins));
	if (settings.lastDropAt !== undefined) fields.push("lastDropAt", settings.lastDropAt ? String(settings.lastDropAt.getTime()) : "");
	if (settings.scheduleFrom !== undefined) fields.push("scheduleFrom", String(settings.scheduleFrom.getTime()));
	const pending = settings.pendingDrop;
	if (pending) fields.push(...pendingFields(pending.episode, pending.droppedAt, pending.dueAt, pending.leaseUntil.getTime()));
	return fields;
}

/** A pending drop's fields (the recordDrop script writes the same ones); dueAt "" for none. */
export function pendingFields(episode: number, droppedAt: Date, dueAt: Date | null, leaseUntil: number): string[] {
	return [
		"pendingEpisode",
		String(episode),
		"pendingDroppedAt",
		String(droppedAt.getTime()),
		"pendingDueAt",
		dueAt ? String(dueAt.getTime()) : "",
		"pendingLeaseUntil",
		String(leaseUntil),
	];
}

/** From HGETALL's object (or its flat array, as a script returns it); null when empty. */
export function decodeChannel(channelId: string, hash: Record<string, string> | string[]): ChannelSettings | null {
	const h = Array.isArray(hash) ? pairs(hash) : hash;
	if (h.courseId === undefined) return null;
	return {
		channelId,
		courseId: h.courseId,
		nextEpisode: Number(h.nextEpisode),
		schedule: h.schedule ?? "",
		timeZone: h.timeZone ?? "UTC",
		paused: h.paused === "1",
		admins: JSON.parse(h.admins ?? "[]") as string[],
		lastDropAt: h.lastDropAt ? new Date(Number(h.lastDropAt)) : null,
		// Settings saved before the field existed count from the epoch, as if always scheduled.
		scheduleFrom: new Date(Number(h.scheduleFrom ?? 0)),
		pendingDrop: h.pendingEpisode
			? {
					episode: Number(h.pendingEpisode),
					droppedAt: new Date(Number(h.pendingDroppedAt)),
					dueAt: h.pendingDueAt ? new Date(Number(h.pendingDueAt)) : null,
					leaseUntil: new Date(Number(h.pendingLeaseUntil)),
				}
			: null,
	};
}

/** HGETALL's object from its flat field, value, ... array (as a script returns it). */
export function pairs(flat: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
	return out;
}

export function encodeQuizPost(post: QuizPost): string {
	const { revealedAt: _revealedAt, ...rest } = post;
	return encodeJson(rest);
}

/** The quiz hash without its claim (claimedAt), which only the opening index reads. */
export function decodeQuizPost(hash: Record<string, string>): QuizPost | null {
	if (hash.post === undefined) return null;
	const post = decodeJson(hash.post) as Omit<QuizPost, "revealedAt">;
	return { ...post, revealedAt: hash.revealedAt ? new Date(Number(hash.revealedAt)) : null };
}

export const encodeAnswer = (answer: Answer): string => encodeJson(answer);
/** An answer record parsed without the date reviver (answeredAt stays {"$date": ms}). */
export type RawAnswer = Omit<Answer, "answeredAt">;
export const decodeAnswer = (text: string): Answer => decodeJson(text) as Answer;
export const encodeCard = (card: LearnerCard): string => encodeJson(card);
export const decodeCard = (text: string): LearnerCard => decodeJson(text) as LearnerCard;

export function decodeStreak(channelId: string, userId: string, text: string): Streak {
	const [current, longest, lastActiveDay] = text.split("|");
	return { channelId, userId, current: Number(current), longest: Number(longest), lastActiveDay: lastActiveDay ?? "" };
}
