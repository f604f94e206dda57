import { existsSync, readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsoleChat } from "../../adapters/console/console-chat.ts";
import { createCore } from "../../src/app.ts";
import { mainCourse } from "../helpers/course.ts";
import { consoleSession } from "./console-session.ts";

async function converse(lines: string[]): Promise<string> {
	const { router } = createCore({ course: mainCourse(), pick: (items) => items[0] });
	const input = new PassThrough();
	let output = "";
	const terminal = { input, output: { write: (t: string) => (output += t) }, interactive: false };
	const done = runConsoleChat({ router, terminal, filesDir: "/nonexistent/kubecoach-files" });
	input.end(`${lines.join("\n")}\n`);
	await done;
	return output;
}

const letterOf = (index: number) => "ABCD"[index] ?? "?";

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
		const output = await converse(["/explain OOMKilled", "1", letterOf(question?.answer ?? 0).toLowerCase()]);
		expect(output).toContain(question?.question ?? "?");
		expect(output).toContain("== Right ==");
	});

	it("takes /kubecoach COMMAND like the command itself, and says which number or letter presses nothing", async () => {
		const output = await converse(["/kubecoach explain exit code 137", "42", "c"]);
		expect(output).toContain("== Exit code 137 ==");
		expect(output).toContain("There is no button [42]");
		expect(output).toContain("There is no quiz to answer here");
	});

	it("prints a cron schedule verbatim", async () => {
		const session = await consoleSession({ study: true });
		await session.type("/course start", "starts here");
		const after = await session.type('/course schedule "*/7 * * * *"', "New schedule");
		expect(after).toContain("New schedule: cron `*/7 * * * *` (UTC).");
		expect(after).toContain("Schedule: cron `*/7 * * * *`, UTC.");
		await session.end();
	});

	it("keeps every open quiz answerable by its own number after other commands; a letter answers the newest", async () => {
		const session = await consoleSession({ study: true });
		const [first, second] = session.course.questions
			.filter((q) => q.episode === 1 || q.episode === 2)
			.filter((q, i, all) => all.findIndex((o) => o.episode === q.episode) === i);
		if (!first || !second) throw new Error("no questions");
		const firstPost = await session.type("/quiz 1", "== Recall quiz · Episode 1");
		const firstNumbers = [...firstPost.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
		expect(firstNumbers).toHaveLength(first.options.length);
		await session.type("/explain OOMKilled", "== OOMKilled ==");
		await session.type("/quiz 2", "== Recall quiz · Episode 2");
		// The letter answers the newest quiz (episode 2) ...
		const byLetter = await session.type(letterOf(second.answer).toLowerCase(), "== Right ==");
		expect(byLetter).toContain(second.explanation);
		// ... and the first quiz's own number still answers the first.
		const byNumber = await session.type(String(firstNumbers[first.answer]), "== Right ==");
		expect(byNumber).toContain(first.explanation);
		// Each post's count was updated in place with one short line.
		expect(session.output).toMatch(/~ updated \(console:[\w-]+\): Recall quiz · Episode 2: [^\n]* — 1 answer so far/);
		await session.end();
	});

	it("lets a learner press again after the store was away, and records the answer once", async () => {
		const session = await consoleSession({ study: true });
		const [question] = session.course.questions.filter((q) => q.episode === 1);
		if (!question) throw new Error("no question");
		const post = await session.type("/quiz 1", "== Recall quiz");
		const number = [...post.matchAll(/\[(\d+)\]/g)].map((m) => m[1])[question.answer] ?? "";
		session.store.unavailable = true;
		const failed = await session.type(number, "please press again");
		expect(failed).toContain("I could not record your answer, please press again.");
		session.store.unavailable = false;
		await session.type(number, "== Right ==");
		const [quiz] = await session.store.listQuizPosts("console:local", { from: new Date(0), to: new Date(8.64e15) });
		expect(await session.store.listQuizAnswers("console:local", quiz?.id ?? "")).toHaveLength(1);
		await session.end();
	});

	it("acknowledges a readiness run at once, then prints the report with its thread and saves the full report", async () => {
		const session = await consoleSession();
		const after = await session.type("/readiness --demo", "[file]");
		expect(after.indexOf("Checking the demo namespace ...")).toBe(0);
		expect(after).toMatch(/== Readiness of demo: \d+\/100 ==/);
		expect(after).toContain("  │ == Top failures ==");
		expect(after).toContain("  │ == Failing now ==");
		const path = /\[file\] Full readiness report of demo: (\S+)/.exec(after)?.[1] ?? "";
		expect(existsSync(path)).toBe(true);
		expect(readFileSync(path, "utf8")).toContain("Readiness of namespace demo");
		await session.end();
	});

	it("prints an update of a posted message whole when more than its footer changed, and nothing when nothing did", async () => {
		const session = await consoleSession();
		const reply = { header: "Poll", text: "Which?", footer: "0 answers", buttons: [{ action: "explain", label: "Go", value: "pods" }] };
		const ref = await session.chat.post("console:local", reply);
		await session.chat.update("console:local", ref, { ...reply, footer: "1 answer" });
		expect(session.output).toContain(`~ updated (${ref}): Poll — 1 answer`);
		const before = session.output.length;
		await session.chat.update("console:local", ref, { ...reply, footer: "1 answer" });
		expect(session.output.length).toBe(before);
		await session.chat.update("console:local", ref, { header: "Poll closed", text: "It was *this* one", footer: "done" });
		expect(session.output.slice(before)).toBe(`~ updated (${ref}):\n== Poll closed ==\nIt was this one\n-- done\n\n`);
		await session.end();
	});
});
