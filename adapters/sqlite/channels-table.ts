/**
 * Channels that follow a course. Every method is synchronous and runs inside the caller's
 * transaction (a write) or on its own (a read), so a check and its change never interleave with
 * another writer, in this process or another.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ChannelPatch, ChannelSettings, RecordDropOptions } from "../../src/ports/store.ts";

type Row = Record<string, unknown>;

const COLUMNS = "channel_id, course_id, next_episode, schedule, time_zone, paused, admins, last_drop_at, schedule_from";

function decode(row: Row): ChannelSettings {
	return {
		channelId: String(row.channel_id),
		courseId: String(row.course_id),
		nextEpisode: Number(row.next_episode),
		schedule: String(row.schedule),
		timeZone: String(row.time_zone),
		paused: row.paused === 1,
		admins: JSON.parse(String(row.admins)) as string[],
		lastDropAt: row.last_drop_at === null ? null : new Date(Number(row.last_drop_at)),
		scheduleFrom: new Date(Number(row.schedule_from)),
	};
}

function encode(settings: ChannelSettings) {
	return {
		channel_id: settings.channelId,
		course_id: settings.courseId,
		next_episode: settings.nextEpisode,
		schedule: settings.schedule,
		time_zone: settings.timeZone,
		paused: settings.paused ? 1 : 0,
		admins: JSON.stringify(settings.admins),
		last_drop_at: settings.lastDropAt?.getTime() ?? null,
		schedule_from: settings.scheduleFrom.getTime(),
	};
}

export class ChannelsTable {
	private readonly getOne: StatementSync;
	private readonly listAll: StatementSync;
	private readonly upsert: StatementSync;
	private readonly drop: StatementSync;
	private readonly undo: StatementSync;

	constructor(db: DatabaseSync) {
		this.getOne = db.prepare(`SELECT ${COLUMNS} FROM channels WHERE channel_id = ?`);
		this.listAll = db.prepare(`SELECT ${COLUMNS} FROM channels`);
		this.upsert = db.prepare(
			`INSERT OR REPLACE INTO channels (${COLUMNS}) VALUES (:channel_id, :course_id, :next_episode, :schedule, :time_zone, :paused, :admins, :last_drop_at, :schedule_from)`,
		);
		this.drop = db.prepare(
			`UPDATE channels SET next_episode = :episode + 1, last_drop_at = :at
			 WHERE channel_id = :channelId AND next_episode = :episode AND (:onlyIfActive = 0 OR paused = 0)`,
		);
		this.undo = db.prepare(
			`UPDATE channels SET next_episode = :episode, last_drop_at = :previous
			 WHERE channel_id = :channelId AND next_episode = :episode + 1 AND last_drop_at = :droppedAt`,
		);
	}

	get(channelId: string): ChannelSettings | null {
		const row = this.getOne.get(channelId);
		return row ? decode(row) : null;
	}

	list(): ChannelSettings[] {
		return this.listAll.all().map(decode);
	}

	save(settings: ChannelSettings): void {
		this.upsert.run(encode(settings));
	}

	/** Read, merge and write in the caller's transaction: atomic against every other writer. */
	update(channelId: string, patch: ChannelPatch): ChannelSettings | null {
		const current = this.get(channelId);
		if (!current) return null;
		const next: ChannelSettings = { ...current, ...patch };
		this.save(next);
		return next;
	}

	recordDrop(channelId: string, episode: number, at: Date, options?: RecordDropOptions): boolean {
		const onlyIfActive = options?.onlyIfActive ? 1 : 0;
		return Number(this.drop.run({ channelId, episode, at: at.getTime(), onlyIfActive }).changes) === 1;
	}

	undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): boolean {
		const previous = previousDropAt?.getTime() ?? null;
		return Number(this.undo.run({ channelId, episode, droppedAt: droppedAt.getTime(), previous }).changes) === 1;
	}
}
