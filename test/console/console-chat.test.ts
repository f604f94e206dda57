import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsoleChat } from "../../adapters/console/console-chat.ts";
import { createCore } from "../../src/app.ts";
import { mainCourse } from "../helpers/course.ts";

async function converse(lines: string[]): Promise<string> {
	const { router } = createCore({ course: mainCourse(), pick: (items) => items[0] });
	const input = new PassThrough();
	let output = "";
	const done = runConsoleChat({ router, input, output: { write: (t: string) => (output += t) }, interactive: false });
	input.end(`${lines.join("\n")}\n`);
	await done;
	return output;
}

describe("console chat", () => {
	it("answers a piped command and ends with the input", async () => {
		const output = await converse(["/explain exit code 137"]);
		expect(output).toContain("== Exit code 137 ==");
		expect(output).toContain("Episode 2: Resource Management");
		expect(output).toContain("[1] Quiz me on this");
	});

	it("presses a button when its number is typed, and a quiz option by its letter", async () => {
		const course = mainCourse();
		const question = course.questions.filter((q) => q.concept === "oomkilled")[0];
		const letter = "ABCD"[question?.answer ?? 0] ?? "A";
		const output = await converse(["/explain OOMKilled", "1", letter.toLowerCase()]);
		expect(output).toContain(question?.question ?? "?");
		expect(output).toContain("== Right ==");
	});
});
