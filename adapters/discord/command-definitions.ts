/**
 * The application commands Discord shows, as data: what is registered (`json`, built and checked
 * by the discord.js project's builders), which core command each runs with what arguments, and which options
 * complete as they are typed. A new command is one more entry. Every
 * command the core's help lists has its entry; `/kubecoach COMMAND ...`, the one entry the core
 * provides, reaches them all as well.
 */
import { SlashCommandBuilder, type SlashCommandSubcommandBuilder } from "@discordjs/builders";
import {
	ApplicationIntegrationType,
	InteractionContextType,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { SuggestionSubject } from "../../src/router/suggestions.ts";

/** The options of one interaction, checked against the definition (option-reader.ts). */
export interface OptionValues {
	readonly subcommand?: string;
	readonly values: ReadonlyMap<string, string | number | boolean>;
}

export interface CommandDefinition {
	readonly json: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** The core command it runs (`router.handleCommand(core, args)`). */
	readonly core: string;
	/** The arguments as the core reads them, or a refusal to say privately when the options cannot be put so. */
	args(options: OptionValues): { readonly args: string } | { readonly refusal: string };
	/** Options that complete as they are typed, and from what. */
	readonly suggest?: Readonly<Record<string, SuggestionSubject>>;
}

const ok = (args: string) => ({ args });
const text = (options: OptionValues, name: string): string | undefined => {
	const value = options.values.get(name);
	return value === undefined ? undefined : String(value).trim();
};

function command(name: string, description: string): SlashCommandBuilder {
	return new SlashCommandBuilder()
		.setName(name)
		.setDescription(description)
		.setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
		.setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

const withSchedule = (sub: SlashCommandSubcommandBuilder, required: boolean) =>
	sub
		.addStringOption((o) =>
			o
				.setName("schedule")
				.setDescription('When episodes drop: "mondays 9:00", "weekdays at 09:30" or cron "0 9 * * 1"')
				.setRequired(required)
				.setMaxLength(100),
		)
		.addStringOption((o) => o.setName("time_zone").setDescription("An IANA time zone such as Europe/Berlin").setMaxLength(64));

/** `start "mondays 9:00" Europe/Berlin`: the schedule quoted, so that the core reads its words as one. */
function scheduleArgs(verb: string, options: OptionValues): string {
	const schedule = text(options, "schedule");
	const zone = text(options, "time_zone");
	return [verb, ...(schedule ? [`"${schedule}"`] : []), ...(zone ? [zone] : [])].join(" ");
}

export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [
	{
		json: command("explain", "Answers from the lessons: OOMKilled, exit code 137, or paste an error line")
			.addStringOption((o) =>
				o
					.setName("question")
					.setDescription("A term, a question or an error line")
					.setRequired(true)
					.setMaxLength(1000)
					.setAutocomplete(true),
			)
			.toJSON(),
		core: "explain",
		args: (options) => ok(text(options, "question") ?? ""),
		suggest: { question: "term" },
	},
	{
		json: command("readiness", "Audits a namespace against the course's production-readiness checklist")
			.addStringOption((o) => o.setName("namespace").setDescription("The namespace to audit").setMaxLength(63).setAutocomplete(true))
			.addStringOption((o) =>
				o.setName("cluster").setDescription("A context of the bot's kubeconfig (default: its current one)").setMaxLength(100),
			)
			.addStringOption((o) =>
				o
					.setName("profile")
					.setDescription("core: the six checklist items; complete: with GitOps, policies, backups and quotas")
					.addChoices({ name: "core", value: "core" }, { name: "complete", value: "complete" }),
			)
			.addBooleanOption((o) => o.setName("demo").setDescription("Audit the demo namespace shipped with the course instead"))
			.toJSON(),
		core: "readiness",
		args(options) {
			const namespace = text(options, "namespace");
			const cluster = text(options, "cluster");
			const profile = text(options, "profile");
			const demo = options.values.get("demo") === true;
			if (cluster !== undefined && /\s/.test(cluster))
				return { refusal: "A cluster (a context of the bot's kubeconfig) is one word, without spaces." };
			const target = demo ? ["--demo"] : namespace ? [namespace] : [];
			return ok([...target, ...(cluster && !demo ? ["--cluster", cluster] : []), ...(profile ? ["--profile", profile] : [])].join(" "));
		},
		suggest: { namespace: "namespace" },
	},
	{
		json: command("course", "This channel follows the course: episodes on a schedule, recall quizzes after")
			.addSubcommand((s) =>
				withSchedule(s.setName("start").setDescription("Start the course here (admins)"), false).addBooleanOption((o) =>
					o.setName("restart").setDescription("Start over at Episode 1 a course already part-way through"),
				),
			)
			.addSubcommand((s) => s.setName("status").setDescription("Where the course is, the schedule and who runs it"))
			.addSubcommand((s) => s.setName("pause").setDescription("Pause the drops (admins)"))
			.addSubcommand((s) => s.setName("resume").setDescription("Resume the drops; missed ones are not caught up (admins)"))
			.addSubcommand((s) => s.setName("skip").setDescription("Skip the next episode (admins)"))
			.addSubcommand((s) => s.setName("next").setDescription("Post the next episode now (admins)"))
			.addSubcommand((s) => withSchedule(s.setName("schedule").setDescription("Change when episodes drop (admins)"), true))
			.toJSON(),
		core: "course",
		args(options) {
			const sub = options.subcommand ?? "status";
			const restart = sub === "start" && options.values.get("restart") === true ? " --restart" : "";
			return ok(sub === "start" || sub === "schedule" ? `${scheduleArgs(sub, options)}${restart}` : sub);
		},
	},
	{
		json: command("quiz", "Recall quizzes: post one here, review your due cards, see your progress")
			.addSubcommand((s) =>
				s
					.setName("post")
					.setDescription("Post a question in this channel for everyone")
					.addIntegerOption((o) =>
						o.setName("episode").setDescription("From this episode").setMinValue(1).setMaxValue(99).setAutocomplete(true),
					)
					.addStringOption((o) => o.setName("topic").setDescription("On this topic, e.g. probes").setMaxLength(200).setAutocomplete(true)),
			)
			.addSubcommand((s) => s.setName("me").setDescription("Review your due cards, privately"))
			.addSubcommand((s) => s.setName("mine").setDescription("Your answers, accuracy, streak and due reviews"))
			.toJSON(),
		core: "quiz",
		args(options) {
			if (options.subcommand === "me" || options.subcommand === "mine") return ok(options.subcommand);
			const episode = options.values.get("episode");
			const topic = text(options, "topic");
			if (episode !== undefined && topic) return { refusal: "Pick an episode or a topic, not both." };
			return ok(episode !== undefined ? String(episode) : (topic ?? ""));
		},
		suggest: { episode: "episode", topic: "term" },
	},
	{
		json: command("participation", "Managers: who takes part, per week, learner and concept, with a chart (private)")
			.addStringOption((o) => o.setName("channel").setDescription("A #channel (default: this one)").setMaxLength(100))
			.addBooleanOption((o) => o.setName("all").setDescription("Every channel of this server"))
			.addIntegerOption((o) => o.setName("weeks").setDescription("How many weeks back (default 4)").setMinValue(1).setMaxValue(52))
			.addBooleanOption((o) => o.setName("export").setDescription("Attach a CSV: one row per learner per week"))
			.toJSON(),
		core: "participation",
		args(options) {
			const channel = text(options, "channel");
			const all = options.values.get("all") === true;
			if (channel && all) return { refusal: "Pick a channel or all of them, not both." };
			const weeks = options.values.get("weeks");
			return ok(
				[
					...(channel ? [channel] : []),
					...(all ? ["all"] : []),
					...(weeks === undefined ? [] : [`${String(weeks)}w`]),
					...(options.values.get("export") === true ? ["export"] : []),
				].join(" "),
			);
		},
	},
	{
		json: command("episodes", "Lists the episodes of the course").toJSON(),
		core: "episodes",
		args: () => ok(""),
	},
	{
		json: command("episode", "One episode: summary, objectives, key points, kubectl commands")
			.addIntegerOption((o) =>
				o.setName("number").setDescription("Which episode").setRequired(true).setMinValue(1).setMaxValue(99).setAutocomplete(true),
			)
			.toJSON(),
		core: "episode",
		args: (options) => ok(String(options.values.get("number") ?? "")),
		suggest: { number: "episode" },
	},
	{
		json: command("help", "What kubecoach can do").toJSON(),
		core: "help",
		args: () => ok(""),
	},
	{
		json: command("kubecoach", "Any kubecoach command through one entry: help, episodes, episode 3, explain OOMKilled")
			.addStringOption((o) =>
				o.setName("command").setDescription('A command and its words, e.g. "episode 3"; empty for the help').setMaxLength(1000),
			)
			.toJSON(),
		core: "kubecoach",
		args: (options) => ok(text(options, "command") ?? ""),
	},
];

export function definitionOf(name: string): CommandDefinition | undefined {
	return COMMAND_DEFINITIONS.find((definition) => definition.json.name === name);
}
