import { describe, expect, it } from "vitest";
import { participationCsv } from "../../src/participation/csv.ts";
import { parseParticipationArgs } from "../../src/participation/participation-command.ts";
import { contextIn } from "../helpers/chat.ts";
import { seedParticipation } from "../helpers/participation-seed.ts";
import { decodePng } from "../helpers/png.ts";
import { makeWorld } from "../study/harness.ts";

const MANAGER = "slack:T1:UBOSS";
const LEARNER = "slack:T1:U3";
const CH = "slack:T1:C1";
const EMPTY = "slack:T1:C9";

async function seededWorld(study: { participationPerPerson?: boolean } = {}) {
	const world = makeWorld({ start: "2026-05-13T10:00:00Z", study: { managers: [MANAGER, "slack:T1:SLEADS"], ...study } });
	await seedParticipation(
		world.store,
		world.course.questions.slice(0, 12).map((q) => ({ id: q.id, episode: q.episode })),
	);
	return world;
}

describe("/participation", () => {
	it("refuses a non-manager politely, names who can see reports, and says the same whatever the data", async () => {
		const world = await seededWorld();
		const [withData] = await world.say(CH, LEARNER, "/participation all 10w export");
		const [withoutData] = await world.say(EMPTY, LEARNER, "/participation");
		expect(withData).toEqual(withoutData);
		expect(withData?.visibility).toBe("private");
		expect(withData?.text).toBe(
			"Sorry, participation reports are only for managers. Who can see them: the managers configured for this bot (`slack:T1:UBOSS`, `slack:T1:SLEADS`). Your own figures: `/quiz mine`.",
		);
		expect(withData?.table).toBeUndefined();
		expect(withData?.image).toBeUndefined();
		// A member of a configured group is a manager.
		const handled = await world.router.handleText("/participation", contextIn(CH, LEARNER, ["slack:T1:SLEADS"]));
		expect(handled.replies[0]?.text).toContain("Counting participation in this channel");
	});

	it("gives a manager, privately, the weeks, the learners with streaks, the concepts and a chart", async () => {
		const world = await seededWorld();
		const replies = await world.say(CH, MANAGER, "/participation all 11w");
		expect(replies.every((r) => r.visibility === "private")).toBe(true);
		const summary = replies.find((r) => r.header === "Participation · every channel of this workspace");
		// 2 Slack channels × 30 quizzes × 32 learners each over the 10 seeded weeks.
		const weeks = summary?.table?.rows ?? [];
		expect(weeks.reduce((sum, row) => sum + Number(row[2]), 0)).toBe(1920);
		expect(weeks.length).toBeGreaterThanOrEqual(10);
		expect(summary?.text).toContain("40 learners answered 1920 times");
		const png = decodePng(summary?.image?.png ?? new Uint8Array());
		expect(png.width).toBeGreaterThan(0);
		const learners = replies.find((r) => r.header === "Per learner");
		expect(learners?.table?.rows).toHaveLength(40);
		expect(learners?.table?.columns).toEqual(["Learner", "Answered", "Accuracy", "Streak (current / longest)", "Last active"]);
		const concepts = replies.find((r) => r.header === "Per concept (everyone together)");
		expect(concepts?.table?.rows.length).toBeGreaterThan(0);
		expect(concepts?.table?.rows.every((row) => !row[0]?.includes(":U"))).toBe(true);
	});

	it("leaves out per-person rows when the setting is off, and says an empty period in one line", async () => {
		const world = await seededWorld({ participationPerPerson: false });
		const replies = await world.say(CH, MANAGER, "/participation 11w");
		expect(replies.some((r) => r.header === "Per learner")).toBe(false);
		expect(replies.some((r) => r.header === "Per concept (everyone together)")).toBe(true);
		const [, empty] = await world.say(EMPTY, MANAGER, "/participation");
		expect(empty?.text).toBe("*Participation · this channel*: no quiz activity from 2026-04-20 to 2026-05-13 (UTC).");
	});

	it("attaches a UTF-8 CSV with one row per learner per week", async () => {
		const world = await seededWorld();
		const replies = await world.say(CH, MANAGER, "/participation 11w export");
		const file = replies.flatMap((r) => r.files ?? [])[0];
		expect(file?.name).toBe("participation.csv");
		expect(file?.mediaType).toBe("text/csv");
		const lines = String(file?.content)
			.replace(/^\uFEFF/, "")
			.trimEnd()
			.split("\r\n");
		expect(lines[0]).toBe("week_of,learner,answers,correct,accuracy");
		const rows = lines.slice(1).map((line) => line.split(","));
		const total = rows.reduce((sum, row) => sum + Number(row[2]), 0);
		expect(total).toBe(30 * 32);
		expect(new Set(rows.map((row) => `${row[0]} ${row[1]}`)).size).toBe(rows.length);
	});

	it("answers a bad argument in one line", async () => {
		const context = contextIn(CH, MANAGER);
		expect(parseParticipationArgs("fortnight", context)).toBe(
			"I do not understand `fortnight`. Usage: `/participation [#channel|all] [weeks, such as 4w] [export]`.",
		);
		expect(parseParticipationArgs("99w", context)).toBe("A period is 1 to 52 weeks, such as `4w`; got `99w`.");
		expect(parseParticipationArgs("<#C2|general> 8 weeks", context)).toEqual({
			scope: { channelId: "slack:T1:C2" },
			label: "#general",
			weeks: 8,
			export: false,
		});
	});
});

describe("the CSV export", () => {
	it("escapes spreadsheet formulas and keeps UTF-8 names", () => {
		const csv = participationCsv([
			{ week: "2026-03-02", userId: '=HYPERLINK("http://x","y")', answers: 2, correct: 1 },
			{ week: "2026-03-02", userId: "+1", answers: 1, correct: 1 },
			{ week: "2026-03-02", userId: "-1", answers: 1, correct: 0 },
			{ week: "2026-03-02", userId: "@SUM(A1)", answers: 1, correct: 0 },
			{ week: "2026-03-02", userId: "Zoë, Łukasz", answers: 1, correct: 1 },
		]);
		expect(csv.startsWith("\uFEFF")).toBe(true);
		expect(csv.split("\r\n").slice(1, 6)).toEqual([
			`2026-03-02,"'=HYPERLINK(""http://x"",""y"")",2,1,0.50`,
			"2026-03-02,'+1,1,1,1.00",
			"2026-03-02,'-1,1,0,0.00",
			"2026-03-02,'@SUM(A1),1,0,0.00",
			'2026-03-02,"Zoë, Łukasz",1,1,1.00',
		]);
		expect(Buffer.from(csv, "utf8").toString("utf8")).toBe(csv);
	});
});
