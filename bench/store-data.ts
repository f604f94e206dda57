/**
 * Big embedded-store folders for the store benchmark, written by SQL in one transaction (recording
 * a million answers one by one through the port would take the whole benchmark's time): answers
 * with the same columns and indexes recordAnswer writes, one streak per learner and channel.
 *
 * The shape: channels of 500 learners each (user ids distinct across channels), ten channels per
 * workspace ("slack:T1" holds 500,000 answers of 5,000 learners), 10 quizzes a week per channel
 * over 10 weeks, every learner answering every quiz, from Monday 5 January 2026 on; 7 answers in
 * 10 correct; 40 questions over 10 episodes.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DATABASE_FILE, openDatabase } from "../adapters/sqlite/database.ts";

export const LEARNERS_PER_CHANNEL = 500;
export const QUIZZES_PER_WEEK = 10;
/** Channels per workspace: "slack:T1" has channels 0 to 9, "slack:T2" the next ten, ... */
export const WORKSPACE_CHANNELS = 10;
export const START = Date.UTC(2026, 0, 5);
const WEEK_MS = 7 * 86_400_000;

/** Writes `answers` answers (a multiple of 500) into a new store in `dir`; returns the channel count. */
export async function writeAnswers(dir: string, answers: number): Promise<number> {
	await mkdir(dir, { recursive: true });
	const db = openDatabase(join(dir, DATABASE_FILE));
	const perChannel = LEARNERS_PER_CHANNEL * QUIZZES_PER_WEEK * 10;
	const channels = Math.ceil(answers / perChannel);
	db.exec("BEGIN");
	// Integers written into the SQL: node:sqlite binds every JS number as a REAL, and arithmetic on
	// REALs would not divide as integers.
	const gap = WEEK_MS / QUIZZES_PER_WEEK;
	db.exec(
		`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${answers}),
		 a AS (SELECT i / ${perChannel} AS c, (i % ${perChannel}) / ${LEARNERS_PER_CHANNEL} AS q, i % ${LEARNERS_PER_CHANNEL} AS u, i FROM n),
		 t AS (SELECT c, q, u, i, ${START} + q * ${gap} + u * 60000 AS at, 'slack:T' || (c / ${WORKSPACE_CHANNELS} + 1) AS workspace FROM a)
		 INSERT INTO answers (channel_id, answered_at, quiz_id, user_id, question_id, episode, choice, correct, day, day_number)
		 SELECT workspace || ':C' || c, at, 'quiz-' || q, workspace || ':U' || (c * ${LEARNERS_PER_CHANNEL} + u), 'q' || (q % 40), q % 40 / 4 + 1,
		        'b', CASE WHEN (i * 7919) % 10 < 7 THEN 1 ELSE 0 END, date(at / 1000, 'unixepoch'), at / 86400000
		 FROM t`,
	);
	const channelOfWorkspace = db.prepare("INSERT INTO answer_channels (workspace_id, channel_id) VALUES (?, ?)");
	for (let c = 0; c < channels; c++) {
		const workspace = `slack:T${Math.floor(c / WORKSPACE_CHANNELS) + 1}`;
		channelOfWorkspace.run(workspace, `${workspace}:C${c}`);
	}
	db.exec(
		`INSERT INTO streaks (channel_id, user_id, current, longest, last_active_day)
		 SELECT channel_id, user_id, 1, 1, MAX(day) FROM answers GROUP BY channel_id, user_id`,
	);
	db.exec("COMMIT");
	db.close();
	return channels;
}
