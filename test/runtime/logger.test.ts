import { describe, expect, it } from "vitest";
import { createLogger, REDACTED } from "../../bin/logger.ts";

function capture(isTTY: boolean) {
	const lines: string[] = [];
	return { lines, stream: { isTTY, write: (text: string) => lines.push(text) } };
}

describe("the bot's log", () => {
	const secrets = ["xoxb-1111-2222-abcdefABCDEF", "a-signing-secret-0123456789", "MTIz.discord.token-value"];

	it("writes one JSON object a line off a terminal, with tokens and secrets as [redacted]", () => {
		const { lines, stream } = capture(false);
		const logger = createLogger({ stream, verbose: false, secrets });
		logger.error(`Slack refused xoxb-1111-2222-abcdefABCDEF and xapp-1-A0-xyz; secret a-signing-secret-0123456789`, {
			token: "MTIz.discord.token-value",
			url: "https://example.test/?t=MTIz.discord.token-value",
			code: "invalid_auth",
		});
		logger.info("not shown unless verbose");
		expect(lines).toHaveLength(1);
		const entry = JSON.parse(lines[0] ?? "");
		expect(entry).toMatchObject({ level: "error", name: "kubecoach", token: REDACTED, code: "invalid_auth" });
		expect(entry.msg).toBe(`Slack refused ${REDACTED} and ${REDACTED}; secret ${REDACTED}`);
		expect(entry.url).toBe(`https://example.test/?t=${REDACTED}`);
		expect(typeof entry.time).toBe("string");
		for (const secret of [...secrets, "xapp-1-A0-xyz"]) expect(lines[0]).not.toContain(secret);
	});

	it("writes a readable line on a terminal, redacted the same way, info only when verbose", () => {
		const { lines, stream } = capture(true);
		const logger = createLogger({ stream, verbose: true, secrets });
		logger.info("Discord: connected");
		logger.warn("retrying with Bearer abc.def-ghi", { signingSecret: "a-signing-secret-0123456789" });
		expect(lines).toEqual([
			"kubecoach: info: Discord: connected\n",
			`kubecoach: warn: retrying with ${REDACTED} signingSecret="${REDACTED}"\n`,
		]);
	});
});
