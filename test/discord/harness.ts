/**
 * A Discord world for tests: the stand-in (REST and gateway on 127.0.0.1), the real discord.js
 * gateway and REST clients (@discordjs/ws, @discordjs/rest) inside the Discord adapter, logged in to it, and the real core on the memory store with
 * a clock that moves when told. Tests dispatch interactions as Discord would and read what
 * people see in the stand-in.
 */

import { DiscordChat } from "../../adapters/discord/discord-chat.ts";
import { demoSnapshot } from "../../adapters/kubernetes/demo-reader.ts";
import { type Job, runJobs } from "../../jobs/job.ts";
import { studyJobs } from "../../jobs/study-jobs.ts";
import { createCore } from "../../src/app.ts";
import { ManualClock } from "../../src/ports/clock.ts";
import type { ClusterReader } from "../../src/ports/cluster-reader.ts";
import type { RunCoordinator } from "../../src/ports/run-coordinator.ts";
import type { Store } from "../../src/ports/store.ts";
import type { CommandRouter } from "../../src/router/router.ts";
import { defaultStudyOptions, type Study, type StudyOptions } from "../../src/study/study-options.ts";
import { MemoryRunCoordinator } from "../fakes/memory-run-coordinator.ts";
import { MemoryStore } from "../fakes/memory-store.ts";
import { RecordingLogger } from "../fakes/recording-logger.ts";
import { mainCourse } from "../helpers/course.ts";
import { APP_ID, DiscordStandIn, GUILD, type StandInOptions, TOKEN } from "./stand-in/discord-stand-in.ts";
import type { UserSeed, Where } from "./stand-in/payloads.ts";

export const STUDY_CHANNEL = GUILD.channels[0]?.id ?? "";
export const OTHER_CHANNEL = GUILD.channels[1]?.id ?? "";
export const ADMIN_ROLE = GUILD.roles?.[0]?.id ?? "";
/** The configured admin id of the guild's "Course admins" role. */
export const ADMIN_ROLE_ID = `discord:${GUILD.id}:role:${ADMIN_ROLE}`;
export const coreChannel = (channel: string) => `discord:${GUILD.id}:${channel}`;

export function user(n: number): UserSeed {
	return { id: String(150000000000000000n + BigInt(n)), username: `learner${n}` };
}

export interface DiscordWorldOptions {
	readonly standIn?: StandInOptions;
	readonly clusterReader?: ClusterReader;
	readonly readinessNamespaces?: readonly string[];
	readonly study?: Partial<StudyOptions>;
	readonly deferAfterMs?: number;
	readonly coordinator?: RunCoordinator;
	/** An existing stand-in (a second replica on the same gateway). */
	readonly sharedStandIn?: DiscordStandIn;
	readonly start?: string;
	/** The store the core uses, made from the world's memory store (a slow one, say). */
	readonly wrapStore?: (store: Store) => Store;
}

export interface DiscordWorld {
	readonly standIn: DiscordStandIn;
	readonly chat: DiscordChat;
	readonly router: CommandRouter;
	readonly store: MemoryStore;
	readonly clock: ManualClock;
	readonly logger: RecordingLogger;
	readonly study: Study;
	readonly jobs: readonly Job[];
	/** A member of the guild in a channel (the study channel by default), with role ids. */
	where(who: UserSeed, options?: { channel?: string; roles?: readonly string[] }): Where;
	tick(at: string | Date): Promise<void>;
	close(): Promise<void>;
}

export async function startDiscordWorld(options: DiscordWorldOptions = {}): Promise<DiscordWorld> {
	const standIn = options.sharedStandIn ?? (await DiscordStandIn.start(options.standIn));
	const course = mainCourse();
	const store = new MemoryStore();
	const clock = new ManualClock(options.start ?? "2026-01-02T12:00:00Z");
	const logger = new RecordingLogger();
	const chat = new DiscordChat({
		token: TOKEN,
		applicationId: APP_ID,
		apiUrl: standIn.api,
		logger,
		coordinator: options.coordinator ?? new MemoryRunCoordinator(),
		retries: 1,
		...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
	});
	const studyOptions: StudyOptions = { ...defaultStudyOptions, admins: [ADMIN_ROLE_ID], ...options.study };
	const coreStore = options.wrapStore?.(store) ?? store;
	const study: Study = { course, store: coreStore, chat, clock, logger, options: studyOptions };
	const { router } = createCore({
		course,
		pick: (items) => items[0],
		study: { store: coreStore, chat, clock, logger, options: studyOptions },
		...(options.clusterReader ? { clusterReader: options.clusterReader } : {}),
		...(options.readinessNamespaces ? { readinessNamespaces: options.readinessNamespaces } : {}),
		readinessDemo: demoSnapshot,
	});
	await chat.start(router);
	const jobs = studyJobs(study);
	return {
		standIn,
		chat,
		router,
		store,
		clock,
		logger,
		study,
		jobs,
		where: (who, where = {}) => ({ guild: GUILD, channelId: where.channel ?? STUDY_CHANNEL, user: who, roles: where.roles ?? [] }),
		async tick(at) {
			clock.set(at);
			await runJobs(jobs, clock.now());
		},
		async close() {
			await chat.stop();
			if (!options.sharedStandIn) await standIn.close();
		},
	};
}

/** What a message shows as a person reads it: content, embed titles, descriptions, fields, footers, button labels. */
export function shownText(message: {
	readonly content: string;
	readonly embeds: readonly {
		title?: string;
		description?: string;
		fields?: readonly { name: string; value: string }[];
		footer?: { text: string };
	}[];
	readonly components?: readonly { readonly components: readonly { readonly label?: string }[] }[];
}): string {
	return [
		message.content,
		...message.embeds.flatMap((e) => [
			e.title ?? "",
			e.description ?? "",
			...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
			e.footer?.text ?? "",
		]),
		...(message.components ?? []).flatMap((row) => row.components.map((c) => c.label ?? "")),
	]
		.filter((part) => part !== "")
		.join("\n")
		.replace(/\\([\\*_~`|[\]<>#.+-])/g, "$1");
}
