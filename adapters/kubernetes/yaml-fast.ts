import { CST, Parser } from "yaml";

/**
 * A fast path for the YAML that manifests are made of: block and flow maps and sequences of
 * plain, quoted and block scalars. It turns the `yaml` library's own concrete syntax tree into
 * JavaScript values directly, with the library's own scalar resolution and the YAML 1.2 core
 * schema it uses by default, and skips the document model (a node object with a source range
 * for every scalar), which is half the cost of a parse. Anything else (anchors, aliases, tags,
 * directives, explicit keys, merge keys, duplicate keys, a syntax error, a shape the full parser
 * might refuse) returns undefined, and the caller parses the text with the full parser: same
 * values, same errors, only slower.
 */

export interface FastDocument {
	/** The document's value, as `Document.toJS()` gives it. */
	readonly value: unknown;
	/** Offset of the value's first character (the document model's `contents.range[0]`). */
	readonly offset: number;
	/** For a `List`, the offset of each item of `items`. */
	readonly itemOffsets?: readonly number[];
}

class Fallback extends Error {}

const fallback = (): never => {
	throw new Fallback();
};

/** Tokens that carry no value: allowed around keys, values and items. */
const QUIET = new Set(["space", "newline", "comment"]);

function quiet(tokens: readonly CST.Token[] | undefined, also?: string): void {
	for (const token of tokens ?? []) if (!QUIET.has(token.type) && token.type !== also) fallback();
}

function hasNewline(tokens: readonly CST.SourceToken[] | undefined): boolean {
	return (tokens ?? []).some((t) => t.type === "newline");
}

/** A plain scalar as the YAML 1.2 core schema resolves it (yaml/dist/schema/core). */
function plain(source: string): unknown {
	if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
	if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(source)) return source[0] === "t" || source[0] === "T";
	if (/^0o[0-7]+$/.test(source)) return Number.parseInt(source.substring(2), 8);
	if (/^[-+]?[0-9]+$/.test(source)) return Number.parseInt(source, 10);
	if (/^0x[0-9a-fA-F]+$/.test(source)) return Number.parseInt(source.substring(2), 16);
	if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(source)) {
		return source.slice(-3).toLowerCase() === "nan" ? Number.NaN : source[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
	}
	if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source)) return Number.parseFloat(source);
	if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return Number.parseFloat(source);
	return source;
}

function scalar(token: CST.Token): unknown {
	if (token.type === "block-scalar") quiet(token.props, "block-scalar-header");
	const resolved = CST.resolveAsScalar(token, true, fallback);
	if (resolved === null) return fallback();
	return resolved.type === "PLAIN" ? plain(resolved.value) : resolved.value;
}

function key(token: CST.Token | null | undefined): string {
	if (
		token === null ||
		token === undefined ||
		(token.type !== "scalar" && token.type !== "single-quoted-scalar" && token.type !== "double-quoted-scalar")
	) {
		return fallback();
	}
	// A multi-line implicit key is an error the full parser reports.
	if (token.source.includes("\n")) fallback();
	const value = scalar(token);
	const name = value === null ? "" : String(value);
	if (name === "__proto__" || name === "<<") fallback();
	return name;
}

function value(token: CST.Token | undefined, sep: readonly CST.SourceToken[] | undefined, inFlow = false): unknown {
	if (token === undefined) return null;
	switch (token.type) {
		case "scalar":
		case "single-quoted-scalar":
		case "double-quoted-scalar":
		case "block-scalar":
			return scalar(token);
		case "block-map":
		case "block-seq":
			// A block collection as a map value starts on a line of its own (`a: b: c` is refused),
			// and never inside a flow collection (`{a: b c: d}`, a missing comma).
			if (inFlow || (sep !== undefined && !hasNewline(sep))) fallback();
			return token.type === "block-map" ? blockMap(token) : blockSeq(token);
		case "flow-collection":
			return flow(token);
		default:
			return fallback();
	}
}

function put(target: Record<string, unknown>, name: string, item: unknown): void {
	// Duplicate keys are an error of the full parser.
	if (Object.hasOwn(target, name)) fallback();
	target[name] = item;
}

function blockMap(token: CST.BlockMap): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const item of token.items) {
		quiet(item.start);
		if (!("sep" in item) || item.sep === undefined || !item.sep.some((t) => t.type === "map-value-ind")) fallback();
		quiet(item.sep, "map-value-ind");
		if (item.key?.offset !== undefined && "indent" in item.key && item.key.indent !== token.indent) fallback();
		put(result, key(item.key), value(item.value, item.sep));
	}
	return result;
}

function blockSeq(token: CST.BlockSequence): unknown[] {
	return token.items.map((item) => {
		if (!item.start.some((t) => t.type === "seq-item-ind")) fallback();
		quiet(item.start, "seq-item-ind");
		if ("key" in item || "sep" in item) fallback();
		// `- a: 1` (a compact map in a sequence) is fine; its own block values follow the map's rules.
		return value(item.value, undefined);
	});
}

function flow(token: CST.FlowCollection): unknown {
	const isMap = token.start.source === "{";
	const close = isMap ? "}" : "]";
	if (token.end.length === 0 || token.end[0]?.source !== close) fallback();
	quiet(token.end.slice(1));
	// Items are separated by exactly one comma (`[, a]` and `[a,, b]` are refused).
	token.items.forEach((item, index) => {
		if (item.start.filter((t) => t.type === "comma").length !== (index === 0 ? 0 : 1)) fallback();
	});
	if (isMap) {
		const result: Record<string, unknown> = {};
		for (const item of token.items) {
			quiet(item.start, "comma");
			if (item.sep !== undefined) {
				// `{a {b: c}}`: a value without its `:` is an error of the full parser.
				if (!item.sep.some((t) => t.type === "map-value-ind")) fallback();
				quiet(item.sep, "map-value-ind");
			}
			put(result, key(item.key), item.sep === undefined ? null : value(item.value, undefined, true));
		}
		return result;
	}
	return token.items.map((item) => {
		quiet(item.start, "comma");
		if (item.key !== undefined || item.sep !== undefined) fallback();
		return value(item.value, undefined, true);
	});
}

/** The offsets of a `List`'s items, from its `items:` sequence. */
function itemOffsets(root: CST.Token | undefined): number[] | undefined {
	if (root?.type !== "block-map") return undefined;
	const items = root.items.find((i) => i.key !== null && i.key !== undefined && "source" in i.key && i.key.source === "items")?.value;
	if (items?.type === "block-seq") return items.items.map((i) => i.value?.offset ?? items.offset);
	if (items?.type === "flow-collection") return items.items.map((i) => i.value?.offset ?? items.offset);
	return undefined;
}

/** A tab in a line's indentation, which the full parser refuses. */
const TAB_INDENT = /(?:^|\n)[ \t]*\t/;

/** Every document of `text`, or undefined when the full parser must read it. */
export function fastDocuments(text: string): FastDocument[] | undefined {
	if (TAB_INDENT.test(text)) return undefined;
	const documents: FastDocument[] = [];
	try {
		for (const token of new Parser().parse(text)) {
			if (token.type === "document") {
				quiet(token.start, "doc-start");
				quiet(token.end, "doc-end");
				const root = token.value;
				if (root === undefined) {
					documents.push({ value: null, offset: token.offset });
					continue;
				}
				// `--- key: value` on one line: a block collection cannot start on the `---` line.
				if ((root.type === "block-map" || root.type === "block-seq") && token.start.length > 0 && !hasNewline(token.start)) fallback();
				const parsed = value(root, undefined);
				const offsets = itemOffsets(root);
				documents.push({ value: parsed, offset: root.offset, ...(offsets === undefined ? {} : { itemOffsets: offsets }) });
			} else if (!QUIET.has(token.type) && token.type !== "byte-order-mark" && token.type !== "doc-end") {
				return undefined;
			}
		}
	} catch (error) {
		if (error instanceof Fallback) return undefined;
		throw error;
	}
	return documents;
}
