import type { Logger } from "../../src/ports/logger.ts";

/** A Logger that keeps its lines ("warn: ...") for assertions. */
export class RecordingLogger implements Logger {
	readonly lines: string[] = [];
	info(message: string): void {
		this.lines.push(`info: ${message}`);
	}
	warn(message: string): void {
		this.lines.push(`warn: ${message}`);
	}
	error(message: string): void {
		this.lines.push(`error: ${message}`);
	}
}
