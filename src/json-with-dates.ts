/**
 * JSON with dates: a Date becomes {"$date": milliseconds} and comes back as a Date, wherever it
 * sits (ts-fsrs cards, answers, quiz posts), so that no reader has to know which fields are dates.
 * Redis writes it in its records, the SQLite store in its review cards; the journal store (the
 * embedded store before SQLite) wrote its files in it, which the import reads.
 *
 * Every quiz answer encodes and decodes a few records: a walk before JSON.stringify and after
 * JSON.parse costs a third of a replacer or a reviver, which JSON calls back for every value.
 */

export function encodeJson(value: unknown): string {
	return JSON.stringify(withDatesMarked(value));
}

export function decodeJson(text: string): unknown {
	return withDatesRevived(JSON.parse(text));
}

function withDatesMarked(value: unknown): unknown {
	if (value instanceof Date) return { $date: value.getTime() };
	if (typeof value !== "object" || value === null) return value;
	if (Array.isArray(value)) return value.map(withDatesMarked);
	const own = value as Record<string, unknown> & { toJSON?: unknown };
	if (typeof own.toJSON === "function") return withDatesMarked(own.toJSON());
	// A plain object, not Object.create(null): JSON.stringify has a fast path for objects with a
	// shape, and a prototype-less one lives in dictionary mode, which halves its speed.
	const marked: Record<string, unknown> = {};
	for (const key of Object.keys(own)) {
		const field = own[key];
		// As JSON.stringify: undefined, functions and symbols are left out.
		if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
		// defineProperty, not assignment, which would set the prototype: a "__proto__" field stays a field.
		if (key === "__proto__")
			Object.defineProperty(marked, key, { value: withDatesMarked(field), writable: true, enumerable: true, configurable: true });
		else marked[key] = withDatesMarked(field);
	}
	return marked;
}

/** Revives in place: the parsed value is fresh and nobody else holds it. */
function withDatesRevived(value: unknown): unknown {
	if (typeof value !== "object" || value === null) return value;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) value[i] = withDatesRevived(value[i]);
		return value;
	}
	const record = value as Record<string, unknown>;
	if (typeof record.$date === "number") return new Date(record.$date);
	for (const key of Object.keys(record)) {
		const field = record[key];
		const revived = withDatesRevived(field);
		// defineProperty, not assignment: a parsed "__proto__" key is a plain field, and stays one.
		if (revived !== field) Object.defineProperty(record, key, { value: revived, writable: true, enumerable: true, configurable: true });
	}
	return record;
}
