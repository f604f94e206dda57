/**
 * Replies the real core produces, for the renderer contract: each built through the router or the
 * scheduler exactly as a platform would receive it, once per test file.
 */
import type { Reply } from "../../src/reply.ts";
import { contextIn, seen } from "../helpers/chat.ts";
import { ADMIN, makeWorld } from "../study/harness.ts";

const CH = "slack:T1:CRENDER";
const MANAGER = "slack:T1:UBOSS";

export interface Sample {
	readonly name: string;
	readonly reply: Reply;
}

async function build(): Promise<readonly Sample[]> {
	const world = makeWorld({ start: "2026-01-02T12:00:00Z", study: { managers: [MANAGER] } });
	const context = contextIn(CH, "slack:T1:U1");
	const first = async (text: string, index = 0): Promise<Reply> => {
		const reply = (await seen(world.router.handleText(text, context)))[index];
		if (!reply) throw new Error(`no reply to ${text}`);
		return reply;
	};
	const help = await first("/kubecoach");
	const explain = await first("/explain OOMKilled");
	// What a user typed comes back in some replies: control characters and stray marks included.
	const hostile = await first("/explain \u001b[2J\u0007 *sourdough _bread `now");
	// [0] is the acknowledgement ("Checking ..."), [1] the report with its thread and file.
	const readiness = await first("/readiness --demo", 1);

	await world.say(CH, ADMIN, '/course start "mondays 9:00" UTC');
	await world.tick("2026-01-05T09:00:00Z");
	const drop = world.chat.posts.find((p) => p.channelId === CH)?.reply;
	await world.tick("2026-01-06T09:00:00Z");
	const quiz = world.chat.posts.filter((p) => p.channelId === CH).at(-1);
	const option = quiz?.reply.buttons?.[0];
	if (!drop || !quiz || !option || quiz.reply === drop) throw new Error("the course posted no drop or quiz");
	for (const user of ["slack:T1:U1", "slack:T1:U2"]) await world.press(CH, user, option.action, option.value);
	await world.tick("2026-01-07T09:00:00Z");
	const reveal = world.chat.updates.filter((u) => u.ref === quiz.ref).at(-1)?.reply;
	if (!reveal) throw new Error("the quiz was not revealed");
	// [0] is the acknowledgement ("Counting ..."), then the summary with its chart and CSV, the learners, the concepts.
	const participation = await seen(world.router.handleText("/participation export", contextIn(CH, MANAGER)));
	const [, summary, learners, concepts] = participation;
	if (!summary?.image || !summary.files || !learners?.table || !concepts?.table) throw new Error("the participation report is incomplete");

	return [
		{ name: "help", reply: help },
		{ name: "explain answer", reply: explain },
		{ name: "explain of hostile text", reply: hostile },
		{ name: "demo readiness report", reply: readiness },
		{ name: "episode drop", reply: drop },
		{ name: "quiz post", reply: quiz.reply },
		{ name: "quiz reveal", reply: reveal },
		{ name: "participation report", reply: summary },
		{ name: "participation per learner", reply: learners },
		{ name: "participation per concept", reply: concepts },
	];
}

let samples: Promise<readonly Sample[]> | undefined;

/** The samples, built once per test file. */
export function coreReplySamples(): Promise<readonly Sample[]> {
	samples ??= build();
	return samples;
}
