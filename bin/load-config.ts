// The configuration of a command: the environment and, when KUBECOACH_CONFIG names one, the YAML file.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "../src/config-error.ts";
import { type ResolvedConfig, resolveConfig } from "../src/config-file.ts";
import type { CommandIo } from "./command-io.ts";

/** `file` overrides KUBECOACH_CONFIG (`kubecoach config check --file PATH`). Unreadable file: one line, no contents. */
export function loadConfig(io: Pick<CommandIo, "env" | "cwd">, file: string | undefined = io.env.KUBECOACH_CONFIG): ResolvedConfig {
	if (file === undefined || file === "") return resolveConfig(io.env);
	let text: string;
	try {
		text = readFileSync(resolve(io.cwd, file), "utf8");
	} catch (error) {
		const reason =
			(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : ((error as NodeJS.ErrnoException).code ?? "unreadable");
		throw new ConfigError(
			`KUBECOACH_CONFIG: cannot read the configuration file ${file} (${reason}); point it at a readable YAML file, or unset it`,
		);
	}
	return resolveConfig(io.env, { name: file, text });
}
