/**
 * When each channel's next drop is due: the first fire of its schedule after the later of its
 * last drop and scheduleFrom. Only the first, so that after downtime a channel catches up once
 * (its next drop, marked late), not once per missed fire. Cached per channel by (schedule, zone,
 * anchor): a tick over thousands of channels computes only what changed since the last one.
 */
import type { Logger } from "../src/ports/logger.ts";
import type { ChannelSettings } from "../src/ports/store.ts";
import { parseSchedule } from "../src/schedule/schedule.ts";
import { ScheduleError } from "../src/schedule/schedule-error.ts";

export class DropSlots {
	private readonly cache = new Map<string, { readonly key: string; readonly slot: Date | null }>();
	/** By (schedule, zone, anchor) across channels: channels dropped on the same tick share one computation. */
	private readonly shared = new Map<string, Date | null>();
	private readonly logger: Logger;

	constructor(logger: Logger) {
		this.logger = logger;
	}

	/** The time the channel's next drop is due, or null when it never fires (or cannot). */
	slotFor(channel: ChannelSettings): Date | null {
		const anchor = Math.max(channel.lastDropAt?.getTime() ?? 0, channel.scheduleFrom.getTime());
		const key = `${channel.schedule}|${channel.timeZone}|${anchor}`;
		const cached = this.cache.get(channel.channelId);
		if (cached?.key === key) return cached.slot;
		let slot: Date | null = null;
		try {
			const known = this.shared.get(key);
			slot = known !== undefined ? known : parseSchedule(channel.schedule, channel.timeZone).next(new Date(anchor));
			if (this.shared.size > 100_000) this.shared.clear();
			this.shared.set(key, slot);
		} catch (error) {
			if (!(error instanceof ScheduleError)) throw error;
			// Stored settings are checked when set; this is damage, reported once per change.
			this.logger.error(`Channel ${channel.channelId} has a schedule I cannot use: ${error.message}`, { channelId: channel.channelId });
		}
		this.cache.set(channel.channelId, { key, slot });
		return slot;
	}
}
