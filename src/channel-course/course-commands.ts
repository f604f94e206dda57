/**
 * `/course ...`: a channel follows the course on a schedule. Anyone may ask for the status; only
 * admins (admins.ts) may start, pause, resume, skip, post the next episode or change the schedule.
 */

import { Authorization } from "../authorization/authorization.ts";
import type { ChannelSettings } from "../ports/store.ts";
import type { Command, CommandContext, Handled } from "../router/command.ts";
import { answered } from "../router/handled.ts";
import { describeSchedule, parseSchedule } from "../schedule/schedule.ts";
import { ScheduleError } from "../schedule/schedule-error.ts";
import { formatDuration, formatInZone } from "../study/format-time.ts";
import type { Study } from "../study/study-options.ts";
import { mayChangeCourse, refusal } from "./admins.ts";
import { dropNextEpisode } from "./episode-drop.ts";
import { splitScheduleArgs } from "./schedule-args.ts";

const USAGE =
	'`/course start [course] [schedule] [time zone] [--restart]`, `/course status`, `/course pause`, `/course resume`, `/course skip`, `/course next`, `/course schedule "<cron or plain words>" [time zone]`';

const say = (text: string, visibility: "private" | "channel" = "private"): Handled => answered({ text, visibility });

/** When recall quizzes follow a drop, in words; a bot configured without them says so. */
function recallText(study: Study): string {
	const offsets = study.options.recallOffsetsMs;
	if (offsets.length === 0) return "No recall quizzes follow the drops.";
	return `Recall quizzes ${offsets.map(formatDuration).join(", ")} after each drop, open ${formatDuration(study.options.quizOpenMs)}.`;
}

function statusText(study: Study, channel: ChannelSettings): string {
	const total = study.course.episodes.length;
	const lines = [`*${study.course.meta.title}* in this channel.`];
	const pending = channel.pendingDrop;
	if (pending) lines.push(`Being posted: Episode ${pending.episode}, since ${formatInZone(pending.droppedAt, channel.timeZone)}.`);
	if (channel.nextEpisode > total) lines.push(`All ${total} episodes are out.`);
	else {
		const schedule = parseSchedule(channel.schedule, channel.timeZone);
		const anchor = Math.max(channel.lastDropAt?.getTime() ?? 0, channel.scheduleFrom.getTime());
		const next = schedule.next(new Date(anchor));
		lines.push(
			`Next: Episode ${channel.nextEpisode} of ${total}${channel.paused ? " (paused)" : next ? `, ${formatInZone(next, channel.timeZone)}` : ""}.`,
		);
	}
	lines.push(`Schedule: ${describeSchedule(channel.schedule)}, ${channel.timeZone}.`);
	lines.push(recallText(study));
	if (channel.paused) lines.push("Paused: an admin can `/course resume`.");
	if (channel.admins.length > 0) lines.push(`Course admins: ${channel.admins.join(", ")}.`);
	return lines.join("\n");
}

/** Course changes are decided by `authorization` (default: the study's admins, no policy). */
export function courseCommand(study: Study, authorization = new Authorization({ admins: study.options.admins })): Command {
	const { course, store, clock, options } = study;

	async function start(args: string, context: CommandContext, existing: ChannelSettings | null): Promise<Handled> {
		const restart = /(^|\s)--restart(\s|$)/.test(args);
		let rest = args.replace(/(^|\s)--restart(?=\s|$)/g, " ").trim();
		// A course part-way through is not thrown away by a second start: the admin confirms it.
		if (existing && existing.nextEpisode > 1 && !restart) {
			const done = Math.min(existing.nextEpisode - 1, course.episodes.length);
			return say(
				`This channel is already following the course (${done} of ${course.episodes.length} episodes out). ` +
					"`/course start --restart` starts it again at Episode 1; `/course status` shows where it is.",
			);
		}
		const [first = ""] = rest.split(/\s+/);
		if (first === course.meta.id) rest = rest.slice(first.length).trim();
		else if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(first) && !/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*-/.test(first)) {
			return say(`I do not have a course "${first}". This bot teaches \`${course.meta.id}\` (${course.meta.title}).`);
		}
		const { schedule: text, timeZone } = splitScheduleArgs(rest);
		const schedule = parseSchedule(text === "" ? options.defaultSchedule : text, timeZone ?? existing?.timeZone ?? options.defaultTimeZone);
		const now = clock.now();
		const settings: ChannelSettings = {
			channelId: context.channelId,
			courseId: course.meta.id,
			nextEpisode: 1,
			schedule: schedule.cron,
			timeZone: schedule.timeZone,
			paused: false,
			admins: [...new Set([...(existing?.admins ?? []), context.userId])],
			lastDropAt: null,
			scheduleFrom: now,
			pendingDrop: null,
		};
		await store.saveChannel(settings);
		const firstDrop = schedule.next(now);
		return say(
			`${course.meta.title} starts here. Episode 1 drops ${firstDrop ? formatInZone(firstDrop, schedule.timeZone) : "never (the schedule never fires)"}, then ${describeSchedule(schedule.cron)}. ` +
				(options.recallOffsetsMs.length === 0
					? "No recall quizzes follow the drops."
					: `Recall quizzes follow each drop after ${options.recallOffsetsMs.map(formatDuration).join(", ")}.`),
			"channel",
		);
	}

	return {
		name: "course",
		usage: "/course start|status|pause|resume|skip|next|schedule",
		summary: "follows the course in this channel: episode drops on a schedule and recall quizzes",
		async run(args, context) {
			const [sub = "status"] = args.trim().split(/\s+/);
			const rest = args.trim().slice(sub.length).trim();
			const channel = await store.getChannel(context.channelId);
			const action = sub.toLowerCase();
			if (action === "status" || args.trim() === "") {
				if (!channel)
					return say(
						`This channel does not follow a course yet. An admin can start it with \`/course start\` (${describeSchedule(options.defaultSchedule)} by default).`,
					);
				return say(statusText(study, channel));
			}
			if (!["start", "pause", "resume", "skip", "next", "schedule"].includes(action)) return say(`I know these: ${USAGE}.`);
			if (!mayChangeCourse(authorization, context, channel)) return answered(refusal(authorization, channel));
			try {
				if (action === "start") return await start(rest, context, channel);
				if (!channel) return say("This channel does not follow a course yet: start it with `/course start`.");
				switch (action) {
					case "pause":
						await store.updateChannel(channel.channelId, { paused: true });
						return say("Paused: no episodes or quizzes until `/course resume`.", "channel");
					case "resume": {
						// A running course is left alone: moving scheduleFrom to now would drop a drop that is due
						// but not posted yet (a tick away, or waiting for the bot to come back).
						if (!channel.paused) return say(`The course is not paused. ${statusText(study, channel)}`);
						// Counting from now: the fires missed while paused are not caught up.
						const resumed = await store.updateChannel(channel.channelId, { paused: false, scheduleFrom: clock.now() });
						return say(`Resumed. ${resumed ? statusText(study, resumed) : ""}`, "channel");
					}
					case "skip": {
						if (channel.nextEpisode > course.episodes.length) return say("There is no episode left to skip.");
						// Skipping keeps the anchor: the following episode comes at the next scheduled time.
						const anchor = channel.lastDropAt ?? channel.scheduleFrom;
						const skipped = await store.recordDrop(channel.channelId, channel.nextEpisode, anchor);
						if (!skipped) return say("Someone else just changed the course; see `/course status`.");
						const following =
							channel.nextEpisode < course.episodes.length
								? `Episode ${channel.nextEpisode + 1} comes next.`
								: "that was the last one, so the course-complete message comes once the open quizzes close.";
						return say(`Skipped Episode ${channel.nextEpisode}; ${following}`, "channel");
					}
					case "next": {
						// An earlier drop still on its way (its replica posting it, or dead and about to be taken
						// over): a new drop now would replace it and the channel could miss that episode.
						const pending = channel.pendingDrop;
						if (pending)
							return say(
								`Episode ${pending.episode} is still on its way: its post began ${formatInZone(pending.droppedAt, channel.timeZone)}, and I make sure it arrives once. Try \`/course next\` again in a minute.`,
							);
						const outcome = await dropNextEpisode(study, channel, null);
						if (outcome === "finished") return say(`All ${course.episodes.length} episodes are out already.`);
						// The episode is the channel post itself.
						if (outcome === "posted") return answered();
						// Lost the claim to the scheduled drop (or another admin) of the same episode: it is out, once.
						if (outcome === "taken")
							return say(`Episode ${channel.nextEpisode} went out just now (its scheduled drop or another admin); see \`/course status\`.`);
						return say(`I could not post the next episode (${outcome}); see \`/course status\`.`);
					}
					default: {
						const { schedule: words, timeZone } = splitScheduleArgs(rest);
						// A zone alone moves the current schedule to that zone.
						const text = words === "" && timeZone !== undefined ? channel.schedule : words;
						if (text === "")
							return say(
								`Which schedule? For example \`/course schedule "weekdays at 09:30" Europe/Berlin\`. Now: ${describeSchedule(channel.schedule)}, ${channel.timeZone}.`,
							);
						const schedule = parseSchedule(text, timeZone ?? channel.timeZone);
						const updated = await store.updateChannel(channel.channelId, {
							schedule: schedule.cron,
							timeZone: schedule.timeZone,
							scheduleFrom: clock.now(),
						});
						return say(
							`New schedule: ${describeSchedule(schedule.cron)} (${schedule.timeZone}). ${updated ? statusText(study, updated) : ""}`,
							"channel",
						);
					}
				}
			} catch (error) {
				if (error instanceof ScheduleError) return say(error.message);
				throw error;
			}
		},
	};
}
