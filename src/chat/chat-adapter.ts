/**
 * A chat adapter: a ChatPort (what the scheduler posts) that also receives its platform's
 * messages, commands and button presses and hands them to the router. One factory per platform;
 * the composition root (bin/start.ts) creates the adapters the configuration enables, several in
 * one process, and routes the scheduler's posts to each by the channel id's platform
 * (MultiplexedChat).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../config.ts";
import type { ChatPort } from "../ports/chat.ts";
import type { Clock } from "../ports/clock.ts";
import type { Logger } from "../ports/logger.ts";
import type { Metrics } from "../ports/metrics.ts";
import type { RunCoordinator } from "../ports/run-coordinator.ts";
import type { Store } from "../ports/store.ts";
import type { ChatRouter } from "../router/command.ts";
import type { Platform } from "./chat-ids.ts";

export interface ChatAdapter extends ChatPort {
	readonly platform: Platform;
	/**
	 * Ids the composition root makes the bot's operators (admins, and managers once issue 10
	 * lands): the console's local user. Platforms with real accounts have none.
	 */
	readonly operatorIds?: readonly string[];
	/** Starts receiving; from then on every message and press goes to `router`. Resolves once listening. */
	start(router: ChatRouter): Promise<void>;
	/** Resolves when the adapter ends on its own (the console's input ended); a server adapter's only after stop(). */
	readonly ended: Promise<void>;
	/** Stops receiving, lets work in flight finish, releases connections. Safe to call twice. */
	stop(): Promise<void>;
}

/**
 * An adapter could not start for a reason only its operator can fix (the platform refused the
 * token, the configured application is not the token's): `message` is one line that says what
 * and how, without the secret. The composition root prints it and exits instead of a stack trace.
 */
export class AdapterStartError extends Error {
	readonly code = "adapter-start-failed";

	constructor(message: string, options?: { readonly cause?: unknown }) {
		super(message, options);
		this.name = "AdapterStartError";
	}
}

/** The process's own terminal, for the console adapter. */
export interface Terminal {
	readonly input: NodeJS.ReadableStream;
	readonly output: { write(text: string): unknown };
	/** A person types at it (a TTY): show a greeting and a prompt. */
	readonly interactive: boolean;
}

/**
 * The bot's one HTTP server (adapters/http), listening on PORT once the adapters have started:
 * Slack's HTTP mode mounts /slack/events on it, beside /healthz, /readyz and /metrics.
 */
export interface HttpRoutes {
	/** Hands every request to exactly `path` (query string aside) to `listener`. Throws when the path is taken. */
	route(path: string, listener: (request: IncomingMessage, response: ServerResponse) => void): void;
}

/** What a factory may use to build its adapter; everything comes from the composition root. */
export interface ChatAdapterDeps {
	readonly config: Config;
	readonly logger: Logger;
	readonly clock: Clock;
	/** The shared store (claims that make a redelivered event answered once, across replicas). */
	readonly store: Store;
	readonly coordinator: RunCoordinator;
	readonly terminal: Terminal;
	/** A folder the adapter may write to (the console saves attached files under it). */
	readonly dataDir: string;
	/** The bot's HTTP server, for adapters that receive requests; absent where nothing serves HTTP (some tests). */
	readonly http?: HttpRoutes;
	/** Where the adapter counts its platform's rate-limit waits; absent: not counted. */
	readonly metrics?: Metrics;
}

export interface ChatAdapterFactory {
	readonly platform: Platform;
	/** True when the configuration enables this platform (its token is set). */
	configured(config: Config): boolean;
	create(deps: ChatAdapterDeps): ChatAdapter | Promise<ChatAdapter>;
}
