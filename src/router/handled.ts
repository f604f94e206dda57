/** Small builders for Handled, so that commands read as what they answer. */
import type { Reply } from "../reply.ts";
import type { Handled } from "./command.ts";

/** Answered at once, nothing follows. */
export const answered = (...replies: readonly Reply[]): Handled => ({ replies });

/** One private line to the person who asked. */
export const privately = (text: string, header?: string): Handled =>
	answered({ ...(header === undefined ? {} : { header }), text, visibility: "private" });
