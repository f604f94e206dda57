/**
 * Files attached to replies, saved where the console user can open them (a terminal cannot show
 * a CSV or a long report inline without burying the conversation). Names are reduced to safe
 * characters and never overwrite a file saved earlier in the same session.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReplyFile } from "../../src/reply.ts";

export class SavedFiles {
	readonly #dir: string;
	readonly #used = new Set<string>();

	constructor(dir: string) {
		this.#dir = dir;
	}

	/** Saves each file; the path of each, or undefined for one that could not be written. */
	save(files: readonly ReplyFile[] | undefined): (string | undefined)[] {
		return (files ?? []).map((file) => {
			try {
				mkdirSync(this.#dir, { recursive: true });
				const path = join(this.#dir, this.#unique(file.name));
				writeFileSync(path, file.content);
				return path;
			} catch {
				return undefined;
			}
		});
	}

	#unique(name: string): string {
		const safe = name.replace(/[^\w.-]+/g, "_").replace(/^\.+/, "") || "file";
		const dot = safe.lastIndexOf(".");
		const [stem, ext] = dot > 0 ? [safe.slice(0, dot), safe.slice(dot)] : [safe, ""];
		let candidate = safe;
		for (let n = 2; this.#used.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
		this.#used.add(candidate);
		return candidate;
	}
}
