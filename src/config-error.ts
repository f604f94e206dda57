/** A configuration that cannot run: `problems` are one line each, naming the setting (and the file's line) and what is expected. */
export class ConfigError extends Error {
	readonly code = "config-invalid";
	readonly problems: readonly string[];
	constructor(problems: readonly string[] | string) {
		const list = typeof problems === "string" ? [problems] : problems;
		super(list.length === 1 ? (list[0] as string) : `The configuration is not valid:\n  ${list.join("\n  ")}`);
		this.problems = list;
	}
}
