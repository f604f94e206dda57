/** The router's entry points as adapters use them: typed text, parsed commands, button ids, failures. */
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { createCore } from "../../src/app.ts";
import type { ClusterReader } from "../../src/ports/cluster-reader.ts";
import { encodeButtonId } from "../../src/router/button-id.ts";
import type { Command } from "../../src/router/command.ts";
import { answered } from "../../src/router/handled.ts";
import { CommandRouter } from "../../src/router/router.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { seen, someone } from "../helpers/chat.ts";
import { mainCourse } from "../helpers/course.ts";

const course = mainCourse();

describe("the router's entry points", () => {
	const { router } = createCore({ course, pick: (items) => items[0] });

	it("answers a parsed command like the same typed text", async () => {
		const typed = await seen(router.handleText("/explain OOMKilled", someone));
		expect(await seen(router.handleCommand("explain", "OOMKilled", someone))).toEqual(typed);
		expect(await seen(router.handleCommand("/explain", "  OOMKilled ", someone))).toEqual(typed);
	});

	it("dispatches /kubecoach COMMAND to the command, and shows the help for /kubecoach alone or /kubecoach help", async () => {
		const direct = await seen(router.handleCommand("explain", "OOMKilled", someone));
		expect(await seen(router.handleCommand("kubecoach", "explain OOMKilled", someone))).toEqual(direct);
		expect(await seen(router.handleText("/kubecoach explain OOMKilled", someone))).toEqual(direct);
		for (const args of ["", "help", "  "]) {
			const [help] = await seen(router.handleCommand("kubecoach", args, someone));
			expect(help?.header).toBe("kubecoach commands");
			expect(help?.text).toContain("`/kubecoach COMMAND ...`");
			expect(help?.text).not.toContain("I don't know");
		}
	});

	it("answers an unknown command, through either entry, with the help and what it did not know", async () => {
		const [viaEntry] = await seen(router.handleCommand("kubecoach", "deploy prod", someone));
		expect(viaEntry?.text).toContain("I don't know `/deploy`");
		const [direct] = await seen(router.handleCommand("deploy", "prod", someone));
		expect(direct?.text).toContain("I don't know `/deploy`");
		const [plain] = await seen(router.handleText("what is a PDB", someone));
		expect(plain?.text).toContain("I don't know `what`");
		expect(plain?.visibility).toBe("private");
	});

	it("answers a button id that does not decode, or whose action is gone, politely and privately", async () => {
		for (const id of ["garbage", "", "kc1|0|explain"]) {
			const [reply] = await seen(router.handleAction(id, someone));
			expect(reply).toEqual({
				text: "That button is not one I know: it may come from an older version of me. Type /help to see what I can do.",
				visibility: "private",
			});
		}
		const [gone] = await seen(router.handleAction(encodeButtonId({ action: "teleport", value: "x" }), someone));
		expect(gone?.text).toContain("That button (teleport) no longer does anything here.");
	});

	it("gives every button of a real reply an id that presses the same action and value", async () => {
		const [answer] = await seen(router.handleText("/explain OOMKilled", someone));
		const quizMe = answer?.buttons?.[0];
		expect(quizMe?.action).toBe("quiz");
		const [question] = await seen(
			router.handleAction(encodeButtonId({ action: quizMe?.action ?? "", value: quizMe?.value ?? "" }, 0), someone),
		);
		expect(question?.header).toMatch(/^Quiz · Episode 2/);
	});

	it("acknowledges a readiness run before reading the cluster", async () => {
		const calls: string[] = [];
		const reader: ClusterReader = {
			async readNamespace(namespace) {
				calls.push(namespace);
				return { ...(await demoSnapshot(new Date("2026-11-21T12:00:00Z"))), origin: "live" };
			},
		};
		const core = createCore({ course, clusterReader: reader });
		const handled = await core.router.handleCommand("kubecoach", "readiness payments --cluster prod-eu", someone);
		expect(handled.replies).toEqual([{ text: "Checking `payments` on `prod-eu` ...", visibility: "private" }]);
		expect(calls).toEqual([]);
		const report = await handled.followUp?.();
		expect(calls).toEqual(["payments"]);
		expect(report?.[0]?.header).toMatch(/^Readiness of /);
	});
});

describe("a command that fails", () => {
	const failing = (error: unknown, inFollowUp = false): Command => ({
		name: "boom",
		usage: "/boom",
		summary: "fails",
		async run() {
			if (!inFollowUp) throw error;
			return {
				replies: [{ text: "started" }],
				followUp: async () => {
					throw error;
				},
			};
		},
	});

	it("answers one private line without the stack, and logs the error", async () => {
		const logger = new RecordingLogger();
		const router = new CommandRouter(
			[failing(new TypeError("Cannot read properties of undefined (reading 'x')\n    at secret.ts:1"))],
			[],
			{ logger },
		);
		const [reply] = await seen(router.handleText("/boom", someone));
		expect(reply).toEqual({
			text: "Something went wrong on my side with /boom; it is logged. Please try again in a moment.",
			visibility: "private",
		});
		expect(logger.lines).toEqual(["error: /boom failed: Cannot read properties of undefined (reading 'x')\n    at secret.ts:1"]);
	});

	it("shows the message of an error with a stable code, first line only", async () => {
		const coded = Object.assign(new Error("I could not reach my storage just now, please try again in a moment.\ndetails"), {
			code: "store-unavailable",
		});
		const router = new CommandRouter([failing(coded)]);
		const [reply] = await seen(router.handleText("/boom", someone));
		expect(reply?.text).toBe("I could not reach my storage just now, please try again in a moment.");
	});

	it("never lets a followUp reject: its error becomes a reply", async () => {
		const router = new CommandRouter([
			failing(new Error("socket hang up"), true),
			{ name: "ok", usage: "/ok", summary: "", run: async () => answered() },
		]);
		const handled = await router.handleText("/boom", someone);
		expect(handled.replies).toEqual([{ text: "started" }]);
		await expect(handled.followUp?.()).resolves.toEqual([
			{ text: "Something went wrong on my side with /boom; it is logged. Please try again in a moment.", visibility: "private" },
		]);
	});
});
