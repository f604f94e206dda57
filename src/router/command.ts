import type { Platform } from "../chat/chat-ids.ts";
import type { Reply } from "../reply.ts";
import type { Suggestion, SuggestionSubject } from "./suggestions.ts";

/**
 * Who sent a command and where. Every id is an opaque string in the format of src/chat/chat-ids.ts,
 * built only by the adapter that received the message; the core compares and stores them.
 */
export interface CommandContext {
	readonly platform: Platform;
	/** `console`, `slack:T1` (a Slack team), `discord:G1` (a guild). */
	readonly workspaceId: string;
	/** `console:local`, `slack:T1:C1`. */
	readonly channelId: string;
	/** `console:local`, `slack:T1:U1`. */
	readonly userId: string;
	/** The user's groups (Slack user groups, Discord roles) as configured ids; authorization matches `[userId, ...groups]`. */
	readonly groups: readonly string[];
}

/**
 * What a command or a button press answers. `replies` are what the person sees at once: the
 * adapter acknowledges with them (within Slack's and Discord's 3 seconds). `followUp` is the work
 * that goes on after the acknowledgement (a readiness run, the running count of a quiz post); it
 * resolves to replies for the same conversation, which the adapter delivers when they come
 * (Slack's response_url or a thread reply, Discord's deferred edit or follow-up, the console's next
 * lines). The router makes sure a followUp never rejects: an error becomes a one-line reply.
 */
export interface Handled {
	readonly replies: readonly Reply[];
	readonly followUp?: () => Promise<readonly Reply[]>;
	/**
	 * The followUp brings the answer (a readiness report) and `replies` only say that it is coming
	 * ("Checking payments ..."), as opposed to `replies` being the answer and the followUp work in
	 * the background (a quiz post's count). Platforms with a "working" state of their own show it
	 * until the answer takes its place (Discord defers the response).
	 */
	readonly answerFollows?: boolean;
}

/** One chat command; its help text lives beside it. */
export interface Command {
	/** The word after the slash: "explain" for `/explain`. */
	readonly name: string;
	/** Usage line shown in help, e.g. "/episode N". */
	readonly usage: string;
	readonly summary: string;
	run(args: string, context: CommandContext): Promise<Handled>;
}

/** What a button press does; `action` matches ReplyButton.action, `value` is the button's value. */
export interface ActionHandler {
	readonly action: string;
	run(value: string, context: CommandContext): Promise<Handled>;
}

/** What a chat adapter hands its users' messages, commands and button presses to. */
export interface ChatRouter {
	/** Typed text: the console's lines, an @mention with the mention removed ("/explain OOMKilled", "explain OOMKilled"). */
	handleText(text: string, context: CommandContext): Promise<Handled>;
	/** A command that arrives parsed: `name` without the "/" ("kubecoach", "explain"), `args` as typed. */
	handleCommand(name: string, args: string, context: CommandContext): Promise<Handled>;
	/** A button press: the id the core gave the button (src/router/button-id.ts), handed back unchanged. */
	handleAction(buttonId: string, context: CommandContext): Promise<Handled>;
	/**
	 * The learner's home (progress, streak, due reviews with a button to start them), for platforms
	 * with a personal surface (Slack's App Home). Private replies only.
	 */
	handleHome?(context: CommandContext): Promise<Handled>;
	/** The commands, for platforms that register them (names, usage, summaries). */
	readonly commands: readonly Command[];
	/**
	 * What to offer for an option as it is typed (Discord's autocomplete): at most `limit`
	 * suggestions, at once, never throwing. A router without suggestions offers none.
	 */
	suggest?(subject: SuggestionSubject, typed: string, limit?: number): readonly Suggestion[];
}
