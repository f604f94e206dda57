/**
 * JSON with dates: a Date becomes {"$date": milliseconds} and comes back as a Date, wherever it
 * sits (ts-fsrs cards, answers, quiz posts), so that no reader has to know which fields are dates.
 * Redis writes it in its records, the SQLite store in its review cards; the journal store (the
 * embedded store before SQLite) wrote its files in it, which the import reads.
 */

export function encodeJson(value: unknown): string {
	// JSON.stringify calls Date#toJSON before the replacer sees the value, so look at the holder.
	return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
		const raw = this[key];
		return raw instanceof Date ? { $date: raw.getTime() } : replaced;
	});
}

export function decodeJson(text: string): unknown {
	return JSON.parse(text, (_key, value: unknown) => {
		if (typeof value === "object" && value !== null && "$date" in value && typeof value.$date === "number") {
			return new Date(value.$date);
		}
		return value;
	});
}
