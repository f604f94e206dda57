const formats = new Map<string, Intl.DateTimeFormat>();

/** Dates as a channel reads them: in its own time zone, with the zone named. */
export function formatInZone(at: Date, timeZone: string): string {
	let format = formats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat("en-GB", {
			timeZone,
			weekday: "short",
			day: "numeric",
			month: "short",
			year: "numeric",
			hour: "2-digit",
			minute: "2-digit",
			hourCycle: "h23",
		});
		// Zones come from checked channel settings: few per installation.
		if (formats.size < 10_000) formats.set(timeZone, format);
	}
	return `${format.format(at)} (${timeZone})`;
}

/** "3 days", "45 seconds": offsets and durations in words. */
export function formatDuration(ms: number): string {
	const units: [number, string][] = [
		[86_400_000, "day"],
		[3_600_000, "hour"],
		[60_000, "minute"],
		[1000, "second"],
	];
	for (const [size, name] of units) {
		if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms === size ? "" : "s"}`;
	}
	return `${Math.round(ms / 1000)} seconds`;
}
