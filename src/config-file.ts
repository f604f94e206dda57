/**
 * The configuration file (KUBECOACH_CONFIG): one nested YAML file mapped onto the flat settings of
 * src/config.ts through one table. Precedence, per setting: the environment, then the file, then
 * the default. Secrets come from the environment only. Only bin/ reads the file; this parses its text.
 */
import { z } from "zod";
import { policySchema } from "./authorization/policy.ts";
import { type Config, ConfigError, checkSettings, SECRET_SETTINGS, SETTING_NAMES, type SettingName } from "./config.ts";
import { yaml } from "./lazy-yaml.ts";

type Kind = "value" | "list" | "switch";

/** The file's settings: YAML path → setting. A new setting is one line here. */
export const FILE_SETTINGS: readonly {
	readonly path: string;
	readonly setting: SettingName;
	readonly kind: Kind;
	readonly onOff?: readonly [string, string];
}[] = [
	{ path: "chat.slack.apiUrl", setting: "SLACK_API_URL", kind: "value" },
	{ path: "chat.discord.applicationId", setting: "DISCORD_APPLICATION_ID", kind: "value" },
	{ path: "chat.discord.apiUrl", setting: "DISCORD_API_URL", kind: "value" },
	{ path: "chat.discord.guildId", setting: "DISCORD_GUILD_ID", kind: "value" },
	{ path: "http.port", setting: "PORT", kind: "value" },
	{ path: "store.dataDir", setting: "KUBECOACH_DATA_DIR", kind: "value" },
	{ path: "store.redis.url", setting: "REDIS_URL", kind: "value" },
	{ path: "store.redis.prefix", setting: "KUBECOACH_REDIS_PREFIX", kind: "value" },
	{ path: "store.redis.clusterNodes", setting: "REDIS_CLUSTER_NODES", kind: "list" },
	{ path: "store.redis.sentinels", setting: "REDIS_SENTINELS", kind: "list" },
	{ path: "store.redis.sentinelName", setting: "REDIS_SENTINEL_NAME", kind: "value" },
	{ path: "course.contentDir", setting: "KUBECOACH_CONTENT_DIR", kind: "value" },
	{ path: "course.name", setting: "KUBECOACH_COURSE", kind: "value" },
	{ path: "course.timeZone", setting: "KUBECOACH_TIME_ZONE", kind: "value" },
	{ path: "course.recallDays", setting: "KUBECOACH_RECALL_DAYS", kind: "list" },
	{ path: "course.quizOpenHours", setting: "KUBECOACH_QUIZ_OPEN_HOURS", kind: "value" },
	{ path: "course.demoEvery", setting: "KUBECOACH_DEMO_EVERY", kind: "value" },
	{ path: "store.claimLeaseSeconds", setting: "KUBECOACH_CLAIM_LEASE_SECONDS", kind: "value" },
	{ path: "jobs.tickSeconds", setting: "KUBECOACH_JOB_TICK_SECONDS", kind: "value" },
	{ path: "readiness.namespaces", setting: "KUBECOACH_READINESS_NAMESPACES", kind: "list" },
	{ path: "admins", setting: "KUBECOACH_ADMINS", kind: "list" },
	{ path: "managers", setting: "KUBECOACH_MANAGERS", kind: "list" },
	{ path: "digest.channel", setting: "KUBECOACH_DIGEST_CHANNEL", kind: "value" },
	{ path: "digest.schedule", setting: "KUBECOACH_DIGEST_SCHEDULE", kind: "value" },
	{ path: "digest.timeZone", setting: "KUBECOACH_MANAGERS_TIME_ZONE", kind: "value" },
	{ path: "participation.perPerson", setting: "KUBECOACH_PARTICIPATION_PER_PERSON", kind: "switch", onOff: ["on", "off"] },
	{ path: "audit.log", setting: "KUBECOACH_AUDIT_LOG", kind: "value" },
	{ path: "log.verbose", setting: "KUBECOACH_VERBOSE", kind: "switch", onOff: ["1", "0"] },
];

/** Where a secret would sit in the file, and the environment variable that holds it instead. */
const SECRET_PATHS: Readonly<Record<string, string>> = {
	"chat.slack.botToken": "SLACK_BOT_TOKEN",
	"chat.slack.appToken": "SLACK_APP_TOKEN",
	"chat.slack.signingSecret": "SLACK_SIGNING_SECRET",
	"chat.discord.token": "DISCORD_TOKEN",
	"store.redis.password": "REDIS_PASSWORD",
};

/** Values that are secrets wherever they are written (a pasted token). */
const SECRET_VALUES: readonly [RegExp, string][] = [
	[/^xox[abpr]-/, "SLACK_BOT_TOKEN"],
	[/^xapp-/, "SLACK_APP_TOKEN"],
];

export type Source =
	| { readonly from: "env" }
	| { readonly from: "file"; readonly path: string; readonly line?: number }
	| { readonly from: "default" };

export interface ResolvedConfig {
	readonly config: Config;
	/** Where each setting's value came from. */
	readonly sources: Readonly<Record<SettingName, Source>> & { readonly policy?: Source };
	/** The file's YAML path of each setting that has one. */
	readonly filePaths: Readonly<Partial<Record<SettingName, string>>>;
}

const scalar = z.union([z.string(), z.number(), z.bigint()], { error: "a single value (text or a number)" });
const leafSchema = (kind: Kind): z.ZodType => {
	if (kind === "list") return z.array(scalar, { error: "a list, such as [a, b] or one '- item' a line" });
	if (kind === "switch") return z.union([z.boolean(), z.enum(["on", "off"])], { error: "on or off (true or false)" });
	return scalar;
};

/** The file's shape: nested strict objects built from the table, so that an unknown key is a mistake. */
function fileSchema(): z.ZodType {
	interface Tree {
		[key: string]: Tree | z.ZodType;
	}
	const tree: Tree = {};
	const put = (path: string, schema: z.ZodType) => {
		const keys = path.split(".");
		let node = tree;
		for (const key of keys.slice(0, -1)) {
			node[key] ??= {};
			node = node[key] as Tree;
		}
		node[keys.at(-1) as string] = schema;
	};
	for (const field of FILE_SETTINGS) put(field.path, leafSchema(field.kind).optional());
	for (const path of Object.keys(SECRET_PATHS)) put(path, z.unknown().optional());
	put("policy", policySchema.optional());
	const build = (node: Tree): z.ZodType =>
		z.strictObject(
			Object.fromEntries(Object.entries(node).map(([key, child]) => [key, child instanceof z.ZodType ? child : build(child).optional()])),
			{ error: "a mapping of settings (key: value)" },
		);
	return build(tree);
}

const FILE_SCHEMA = fileSchema();

/** The closest known key, for "did you mean". */
function closest(key: string, known: readonly string[]): string | undefined {
	const distance = (a: string, b: string): number => {
		const row = Array.from({ length: b.length + 1 }, (_, i) => i);
		for (let i = 1; i <= a.length; i++) {
			let previous = row[0] as number;
			row[0] = i;
			for (let j = 1; j <= b.length; j++) {
				const current = row[j] as number;
				row[j] = Math.min(
					current + 1,
					(row[j - 1] as number) + 1,
					previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
				);
				previous = current;
			}
		}
		return row[b.length] as number;
	};
	let best: { key: string; d: number } | undefined;
	for (const candidate of known) {
		const d = distance(key, candidate);
		if (d <= Math.max(2, Math.floor(candidate.length / 3)) && (best === undefined || d < best.d)) best = { key: candidate, d };
	}
	return best?.key;
}

const joinPath = (path: readonly PropertyKey[]): string =>
	path.reduce<string>(
		(text, part) => (typeof part === "number" ? `${text}[${part}]` : text === "" ? String(part) : `${text}.${String(part)}`),
		"",
	);

const hasPassword = (url: string): boolean => /^[a-z]+:\/\/[^/@]*:[^/@]+@/i.test(url);

const asText = (value: unknown): string => (typeof value === "boolean" ? String(value) : String(value));

/**
 * The configuration from the environment and, when given, the file's text. Every mistake of both
 * is collected before one ConfigError names them all, one line each; no line quotes a secret.
 */
export function resolveConfig(
	env: Readonly<Record<string, string | undefined>>,
	file?: { readonly name: string; readonly text: string },
): ResolvedConfig {
	const fromEnv = Object.fromEntries(
		Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
	);
	const problems: string[] = [];
	const fromFile: Record<string, string> = {};
	const fileLines: Record<string, { path: string; line?: number; items?: (number | undefined)[] }> = {};
	let policy: Config["policy"];
	let located: ((setting: string, index?: number) => string | undefined) | undefined;

	if (file !== undefined) {
		const { isMap, isScalar, LineCounter, parseDocument } = yaml();
		const lines = new LineCounter();
		const doc = parseDocument(file.text, { lineCounter: lines, intAsBigInt: true, prettyErrors: false });
		const lineOf = (path: readonly PropertyKey[], key?: string): number | undefined => {
			const node = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
			if (key !== undefined && isMap(node)) {
				const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
				const range = isScalar(pair?.key) ? pair.key.range : undefined;
				return range ? lines.linePos(range[0]).line : undefined;
			}
			const range = (node as { range?: [number, number, number] } | undefined)?.range;
			return range ? lines.linePos(range[0]).line : undefined;
		};
		const at = (path: readonly PropertyKey[], key?: string): string => {
			// A missing key has no line of its own: the nearest enclosing one's.
			let line = lineOf(path, key);
			for (let depth = path.length; line === undefined && depth > 0; depth--)
				line = lineOf(path.slice(0, depth - 1), String(path[depth - 1]));
			const shown = joinPath(key === undefined ? path : [...path, key]);
			return `${file.name}${line === undefined ? "" : `:${line}`}: ${shown === "" ? "(top level)" : shown}`;
		};
		if (doc.errors.length > 0) {
			for (const error of doc.errors.slice(0, 5))
				problems.push(
					`${file.name}:${lines.linePos(error.pos[0]).line}: not valid YAML (${error.message.split("\n")[0]?.split(" at line")[0]})`,
				);
			throw new ConfigError(problems);
		}
		const data: unknown = doc.toJS() ?? {};
		// Secrets: refused wherever they are, before the shape is checked, and never quoted.
		const secretPaths = new Set<string>();
		const walk = (value: unknown, path: PropertyKey[]) => {
			const dotted = joinPath(path);
			const envName = SECRET_PATHS[dotted];
			if (envName !== undefined) {
				secretPaths.add(dotted);
				problems.push(`${at(path)}: secrets are not read from the file; remove it and set ${envName} in the environment`);
				return;
			}
			if (typeof value === "string") {
				const found = SECRET_VALUES.find(([pattern]) => pattern.test(value));
				if (found) {
					secretPaths.add(dotted);
					problems.push(`${at(path)}: this looks like a Slack token; remove it from the file and set ${found[1]} in the environment`);
				} else if (dotted === "store.redis.url" && hasPassword(value)) {
					secretPaths.add(dotted);
					problems.push(
						`${at(path)}: a Redis URL with a password is a secret; remove it from the file and set REDIS_URL in the environment`,
					);
				}
				return;
			}
			if (Array.isArray(value)) {
				for (const [index, item] of value.entries()) walk(item, [...path, index]);
			} else if (value !== null && typeof value === "object") for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
		};
		walk(data, []);
		const shape = FILE_SCHEMA.safeParse(data);
		if (!shape.success) {
			for (const issue of shape.error.issues) {
				if (secretPaths.has(joinPath(issue.path))) continue;
				if (issue.code === "unrecognized_keys") {
					const parent = joinPath(issue.path);
					const known = knownKeys(parent);
					for (const key of issue.keys) {
						const guess = closest(key, known);
						problems.push(
							`${at(issue.path, key)}: unknown setting${guess === undefined ? "" : `; did you mean "${guess}"?`} (known here: ${known.join(", ")})`,
						);
					}
				} else {
					const given = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], data);
					problems.push(`${at(issue.path)}: ${given === undefined ? "missing; " : ""}expected ${issue.message}`);
				}
			}
		}
		// Each setting whose value has the right shape goes on to the settings' own checks, even when another part of the file is wrong.
		const parsed = (data !== null && typeof data === "object" ? data : {}) as Record<string, unknown>;
		for (const field of FILE_SETTINGS) {
			const value = field.path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], parsed);
			if (value === undefined || secretPaths.has(field.path) || !leafSchema(field.kind).safeParse(value).success) continue;
			const keys = field.path.split(".");
			if (field.kind === "list") {
				fromFile[field.setting] = (value as unknown[]).map(asText).join(",");
				fileLines[field.setting] = {
					path: field.path,
					...lineIf(lineOf(keys)),
					items: (value as unknown[]).map((_, index) => lineOf([...keys, index])),
				};
			} else {
				const [on, off] = field.onOff ?? ["on", "off"];
				fromFile[field.setting] = field.kind === "switch" ? (value === true || value === "on" ? on : off) : asText(value);
				fileLines[field.setting] = { path: field.path, ...lineIf(lineOf(keys)) };
			}
		}
		if (shape.success && parsed.policy !== undefined) policy = policySchema.parse(parsed.policy);
		if (policy !== undefined) fileLines.policy = { path: "policy", ...lineIf(lineOf(["policy"])) };

		located = (setting: string, index?: number): string | undefined => {
			const where = fileLines[setting];
			if (where === undefined || fromEnv[setting] !== undefined) return undefined;
			const line = index === undefined ? where.line : (where.items?.[index] ?? where.line);
			return `${file.name}${line === undefined ? "" : `:${line}`}: ${where.path}${index === undefined ? "" : `[${index}]`}`;
		};
	}

	const values: Record<string, string> = { ...fromFile, ...fromEnv };
	const checked = checkSettings(values);
	if ("issues" in checked) {
		for (const issue of checked.issues) {
			const inFile = located?.(issue.setting, issue.index);
			const where =
				inFile ??
				`${issue.setting}${issue.index === undefined ? "" : ` (item ${issue.index + 1})`}${fromEnv[issue.setting] === undefined || file === undefined ? "" : " (environment)"}`;
			problems.push(`${where}: ${issue.message}`);
		}
	}
	problems.sort((a, b) => lineNumber(a) - lineNumber(b));
	if (problems.length > 0 || "issues" in checked)
		throw new ConfigError(problems.length > 0 ? problems : ["the configuration is not valid"]);

	const sources = Object.fromEntries(
		SETTING_NAMES.map((name): [string, Source] => {
			if (fromEnv[name] !== undefined) return [name, { from: "env" }];
			const where = fileLines[name];
			if (where !== undefined) return [name, { from: "file", path: file?.name ?? "", ...lineIf(where.line) }];
			return [name, { from: "default" }];
		}),
	) as Record<SettingName, Source>;
	const filePaths = Object.fromEntries(FILE_SETTINGS.map((field) => [field.setting, field.path]));
	const policySource: Source | undefined =
		policy === undefined ? undefined : { from: "file", path: file?.name ?? "", ...lineIf(fileLines.policy?.line) };
	return {
		config: policy === undefined ? checked.config : { ...checked.config, policy },
		sources: policySource === undefined ? sources : { ...sources, policy: policySource },
		filePaths,
	};
}

/** A problem's line in the file, for ordering (problems without one come last, in their order). */
const lineNumber = (problem: string): number => Number(/^[^\s:]+:(\d+): /.exec(problem)?.[1] ?? Number.MAX_SAFE_INTEGER);

const lineIf = (line: number | undefined) => (line === undefined ? {} : { line });

/** The keys the file accepts under `parent` ("" for the top level). */
function knownKeys(parent: string): string[] {
	const paths = [
		...FILE_SETTINGS.map((field) => field.path),
		"policy",
		"policy.contact",
		"policy.readiness",
		"policy.readiness.who",
		"policy.readiness.channels",
		"policy.readiness.clusters",
		"policy.readiness.namespaces",
		...Object.keys(SECRET_PATHS),
	];
	const prefix = parent.replace(/\[\d+\]/g, "");
	const keys = new Set<string>();
	for (const path of paths) {
		if (prefix === "" ? true : path.startsWith(`${prefix}.`)) {
			const rest = prefix === "" ? path : path.slice(prefix.length + 1);
			keys.add(rest.split(".")[0] as string);
		}
	}
	return [...keys].filter((key) => !Object.keys(SECRET_PATHS).some((secret) => secret === (prefix === "" ? key : `${prefix}.${key}`)));
}

/** A value safe to print: secrets only say whether they are set; a URL's password is masked. */
export function shownValue(setting: string, value: unknown): string {
	if (value === undefined) return "(not set)";
	if (SECRET_SETTINGS.has(setting)) return "(set, hidden)";
	if (setting === "REDIS_URL" && typeof value === "string")
		return value.replace(
			/^([a-z]+:\/\/)([^/@]*)@/i,
			(_, scheme: string, auth: string) => `${scheme}${auth.includes(":") ? `${auth.split(":")[0]}:****` : "****"}@`,
		);
	if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.join(", ");
	return String(value);
}
