/** Small builders for Handled, so that commands read as what they answer. */
import type { Reply } from "../reply.ts";
import type { Handled } from "./command.ts";

/** Answered at once, nothing follows. */
export const answered = (...replies: readonly Reply[]): Handled => ({ replies });

/** One private line to the person who asked. */
export const privately = (text: string, header?: string): Handled =>
	answered({ ...(header === undefined ? {} : { header }), text, visibility: "private" });

/** Replies now, and work that goes on after the acknowledgement. */
export const thenFollowUp = (replies: readonly Reply[], followUp: () => Promise<readonly Reply[]>): Handled => ({ replies, followUp });
