import type { Reply } from "../reply.ts";
import type { Command } from "../router/command.ts";
import { answered, privately } from "../router/handled.ts";
import { type Course, findEpisode } from "./course.ts";
import type { Episode } from "./schema.ts";

export function episodesCommand(course: Course): Command {
	return {
		name: "episodes",
		usage: "/episodes",
		summary: `lists the episodes of ${course.meta.title}`,
		async run() {
			return answered({
				header: course.meta.title,
				text: course.meta.description,
				table: {
					columns: ["#", "Episode", "Material"],
					rows: course.episodes.map((e) => [String(e.number), e.title, e.depth === "complete" ? "full lesson" : "outline"]),
				},
				footer: "Type /episode N for one episode.",
			});
		},
	};
}

export function episodeCommand(course: Course): Command {
	const count = course.episodes.length;
	return {
		name: "episode",
		usage: "/episode N",
		summary: "shows one episode: summary, objectives, key points, kubectl commands",
		async run(args) {
			const number = /^\d+$/.test(args) ? Number(args) : Number.NaN;
			const episode = findEpisode(course, number);
			if (!episode) {
				return privately(
					`${args === "" ? "Which episode?" : `"${args}" is not an episode.`} Give a number from 1 to ${count}, for example \`/episode ${count}\`.`,
				);
			}
			return answered(episodeReply(course, episode));
		},
	};
}

/** The full card of one episode, as shown by /episode N and by scheduled drops. */
export function episodeReply(course: Course, episode: Episode): Reply {
	const keyTerms = episode.keyTerms.flatMap((id) => course.glossary.filter((t) => t.id === id));
	return {
		header: `Episode ${episode.number}: ${episode.title}`,
		text: episode.summary,
		fields: [
			{ label: "You will be able to", value: episode.objectives.map((o) => `• ${o}`).join("\n") },
			{ label: "Key points", value: episode.keyPoints.map((p) => `• ${p}`).join("\n") },
			{ label: "kubectl", value: episode.kubectl.map((k) => `\`${k.command}\` — ${k.purpose}`).join("\n") },
		],
		buttons: [
			{ action: "quiz-episode", label: "Quiz me on this episode", value: String(episode.number), style: "primary" },
			...keyTerms.slice(0, 3).map((t) => ({ action: "explain", label: `Explain ${t.term}`, value: t.id })),
		],
		footer: [
			episode.depth === "outline" ? "Outline: written from the course's previews and recaps" : "Full lesson",
			...(episode.link ? [episode.link] : []),
		].join(" · "),
	};
}
