/**
 * A console session for tests: the real ConsoleChat and core on the memory store, typed into
 * through a stream, read as a person reads it (waiting for text rather than for time).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { CONSOLE_CONTEXT, ConsoleChat } from "../../adapters/console/console-chat.ts";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { createCore } from "../../src/app.ts";
import { ManualClock } from "../../src/ports/clock.ts";
import { defaultStudyOptions } from "../../src/study/study-options.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { mainCourse } from "../helpers/course.ts";

export async function consoleSession(options: { readonly study?: boolean; readonly start?: string } = {}) {
	const input = new PassThrough();
	let output = "";
	const waiters: (() => void)[] = [];
	const filesDir = mkdtempSync(join(tmpdir(), "kubecoach-console-"));
	const chat = new ConsoleChat({
		terminal: {
			input,
			output: {
				write(text: string) {
					output += text;
					for (const wake of waiters.splice(0)) wake();
				},
			},
			interactive: false,
		},
		filesDir,
	});
	const store = new MemoryStore();
	const clock = new ManualClock(options.start ?? "2026-01-06T10:00:00Z");
	const logger = new RecordingLogger();
	const course = mainCourse();
	const studyOptions = { ...defaultStudyOptions, admins: [CONSOLE_CONTEXT.userId] };
	const { router } = createCore({
		course,
		pick: (items) => items[0],
		readinessDemo: demoSnapshot,
		...(options.study ? { study: { store, chat, clock, logger, options: studyOptions } } : {}),
	});
	await chat.start(router);

	/** Resolves once the output so far holds `text` (after `from`); fails after a few seconds. */
	const seen = (text: string | RegExp, from = 0) =>
		new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`never printed ${String(text)}; output:\n${output}`)), 8000);
			const check = () => {
				const after = output.slice(from);
				if (typeof text === "string" ? after.includes(text) : text.test(after)) {
					clearTimeout(timer);
					resolve(after);
				} else waiters.push(check);
			};
			check();
		});

	return {
		chat,
		store,
		clock,
		course,
		filesDir,
		logger,
		get output() {
			return output;
		},
		/** Types a line and resolves to what is printed after it, once that holds `expect`. */
		async type(line: string, expect: string | RegExp): Promise<string> {
			const from = output.length;
			input.write(`${line}\n`);
			return seen(expect, from);
		},
		async end(): Promise<string> {
			input.end();
			await chat.ended;
			return output;
		},
	};
}
