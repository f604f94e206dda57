import type { Reply } from "../reply.ts";

/** Who sent a command and where; ids are platform-neutral strings such as "slack:T1:C1". */
export interface CommandContext {
	readonly userId: string;
	readonly channelId: string;
}

/** One chat command; its help text lives beside it. */
export interface Command {
	/** The word after the slash: "explain" for `/explain`. */
	readonly name: string;
	/** Usage line shown in help, e.g. "/episode N". */
	readonly usage: string;
	readonly summary: string;
	run(args: string, context: CommandContext): Promise<readonly Reply[]>;
}

/** What a button press does; `action` matches ReplyButton.action. */
export interface ActionHandler {
	readonly action: string;
	run(value: string, context: CommandContext): Promise<readonly Reply[]>;
}
