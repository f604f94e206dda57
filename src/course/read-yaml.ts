import { readFileSync } from "node:fs";
import type { z } from "zod";
import { yaml } from "../lazy-yaml.ts";

/** A parsed content file that can say on which line a field sits. */
export interface ContentFile<T> {
	readonly path: string;
	readonly data: T;
}

/**
 * Reads a YAML file and checks it against a schema. Problems are pushed as
 * "path:line: field: what was expected" so that a content author can go straight to the spot.
 */
export function readContentFile<S extends z.ZodType>(
	path: string,
	displayPath: string,
	schema: S,
	problems: string[],
): ContentFile<z.infer<S>> | undefined {
	let source: string;
	try {
		source = readFileSync(path, "utf8");
	} catch (error) {
		problems.push(`${displayPath}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
		return undefined;
	}
	const { isNode, LineCounter, parseDocument } = yaml();
	const lineCounter = new LineCounter();
	const document = parseDocument(source, { lineCounter });
	if (document.errors.length > 0) {
		for (const error of document.errors) {
			const line = error.linePos?.[0]?.line;
			problems.push(`${displayPath}${line ? `:${line}` : ""}: not valid YAML (${error.message.split("\n")[0]})`);
		}
		return undefined;
	}
	const result = schema.safeParse(document.toJS());
	if (!result.success) {
		for (const issue of result.error.issues) {
			const path = issue.path.map(String);
			const node = document.getIn(path, true);
			const offset = isNode(node) ? node.range?.[0] : undefined;
			const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
			problems.push(`${displayPath}${line ? `:${line}` : ""}: ${fieldName(issue.path)}: ${issue.message}`);
		}
		return undefined;
	}
	return { path: displayPath, data: result.data };
}

function fieldName(path: readonly PropertyKey[]): string {
	if (path.length === 0) return "(whole file)";
	return path.map((part, index) => (typeof part === "number" ? `[${part}]` : `${index ? "." : ""}${String(part)}`)).join("");
}
