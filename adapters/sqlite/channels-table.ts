/**
 * Channels that follow a course. Every method is synchronous and runs inside the caller's
 * transaction (a write) or on its own (a read), so a check and its change never interleave with
 * another writer, in this process or another.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { ChannelPatch, ChannelSettings, ClaimLease, PendingDrop, RecordDropOptions } from "../../src/ports/store.ts";

type Row = Record<string, unknown>;

const COLUMNS =
	"channel_id, course_id, next_episode, schedule, time_zone, paused, admins, last_drop_at, schedule_from, " +
	"pending_episode, pending_dropped_at, pending_due_at, pending_lease_until";

const time = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Number(value)));

function decodePending(row: Row): PendingDrop | null {
	if (row.pending_episode === null || row.pending_episode === undefined) return null;
	return {
		episode: Number(row.pending_episode),
		droppedAt: new Date(Number(row.pending_dropped_at)),
		dueAt: time(row.pending_due_at),
		leaseUntil: new Date(Number(row.pending_lease_until)),
	};
}

function decode(row: Row): ChannelSettings {
	return {
		channelId: String(row.channel_id),
		courseId: String(row.course_id),
		nextEpisode: Number(row.next_episode),
		schedule: String(row.schedule),
		timeZone: String(row.time_zone),
		paused: row.paused === 1,
		admins: JSON.parse(String(row.admins)) as string[],
		lastDropAt: time(row.last_drop_at),
		scheduleFrom: new Date(Number(row.schedule_from)),
		pendingDrop: decodePending(row),
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
		// Settings from before pending drops (a journal-store import) have none.
		...pendingColumns(settings.pendingDrop ?? null),
	};
}

function pendingColumns(pending: PendingDrop | null) {
	return {
		pending_episode: pending?.episode ?? null,
		pending_dropped_at: pending?.droppedAt.getTime() ?? null,
		pending_due_at: pending?.dueAt?.getTime() ?? null,
		pending_lease_until: pending?.leaseUntil.getTime() ?? null,
	};
}

export class ChannelsTable {
	private readonly getOne: StatementSync;
	private readonly listAll: StatementSync;
	private readonly upsert: StatementSync;
	private readonly drop: StatementSync;
	private readonly undo: StatementSync;
	private readonly settle: StatementSync;
	private readonly takeover: StatementSync;

	constructor(db: DatabaseSync) {
		this.getOne = db.prepare(`SELECT ${COLUMNS} FROM channels WHERE channel_id = ?`);
		this.listAll = db.prepare(`SELECT ${COLUMNS} FROM channels`);
		this.upsert = db.prepare(
			`INSERT OR REPLACE INTO channels (${COLUMNS}) VALUES (:channel_id, :course_id, :next_episode, :schedule, :time_zone, :paused, :admins, :last_drop_at, :schedule_from,
			 :pending_episode, :pending_dropped_at, :pending_due_at, :pending_lease_until)`,
		);
		// Without a lease (:leaseUntil NULL) the pending drop is left as it is.
		this.drop = db.prepare(
			`UPDATE channels SET next_episode = :episode + 1, last_drop_at = :at,
			   pending_episode = IIF(:leaseUntil IS NULL, pending_episode, :episode),
			   pending_dropped_at = IIF(:leaseUntil IS NULL, pending_dropped_at, :at),
			   pending_due_at = IIF(:leaseUntil IS NULL, pending_due_at, :dueAt),
			   pending_lease_until = IFNULL(:leaseUntil, pending_lease_until)
			 WHERE channel_id = :channelId AND next_episode = :episode AND (:onlyIfActive = 0 OR paused = 0)`,
		);
		// The pending drop goes with it when it is this drop.
		const isThisDrop = "pending_episode IS :episode AND pending_dropped_at IS :droppedAt";
		this.undo = db.prepare(
			`UPDATE channels SET next_episode = :episode, last_drop_at = :previous,
			   pending_episode = IIF(${isThisDrop}, NULL, pending_episode),
			   pending_dropped_at = IIF(${isThisDrop}, NULL, pending_dropped_at),
			   pending_due_at = IIF(${isThisDrop}, NULL, pending_due_at),
			   pending_lease_until = IIF(${isThisDrop}, NULL, pending_lease_until)
			 WHERE channel_id = :channelId AND next_episode = :episode + 1 AND last_drop_at = :droppedAt`,
		);
		this.settle = db.prepare(
			`UPDATE channels SET pending_episode = NULL, pending_dropped_at = NULL, pending_due_at = NULL, pending_lease_until = NULL
			 WHERE channel_id = :channelId AND pending_episode = :episode AND pending_dropped_at = :droppedAt`,
		);
		this.takeover = db.prepare(
			`UPDATE channels SET pending_lease_until = :until
			 WHERE channel_id = :channelId AND pending_episode = :episode AND pending_dropped_at = :droppedAt AND pending_lease_until <= :at`,
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
		const pending = options?.pending;
		const leaseUntil = pending ? at.getTime() + pending.leaseMs : null;
		const dueAt = pending?.dueAt?.getTime() ?? null;
		return Number(this.drop.run({ channelId, episode, at: at.getTime(), onlyIfActive, leaseUntil, dueAt }).changes) === 1;
	}

	undoDrop(channelId: string, episode: number, droppedAt: Date, previousDropAt: Date | null): boolean {
		const previous = previousDropAt?.getTime() ?? null;
		return Number(this.undo.run({ channelId, episode, droppedAt: droppedAt.getTime(), previous }).changes) === 1;
	}

	settleDrop(channelId: string, episode: number, droppedAt: Date): boolean {
		return Number(this.settle.run({ channelId, episode, droppedAt: droppedAt.getTime() }).changes) === 1;
	}

	claimDropTakeover(channelId: string, episode: number, droppedAt: Date, lease: ClaimLease): boolean {
		const params = { channelId, episode, droppedAt: droppedAt.getTime(), at: lease.at.getTime(), until: lease.at.getTime() + lease.ms };
		return Number(this.takeover.run(params).changes) === 1;
	}
}
