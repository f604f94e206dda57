/**
 * Where the core reports what happened without a user asking (a scheduled post that failed, a
 * channel paused because it is gone). One line per event; `fields` are for structured sinks.
 */
export interface Logger {
	info(message: string, fields?: Readonly<Record<string, unknown>>): void;
	warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
	error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Discards everything: the default where nobody reads logs. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
