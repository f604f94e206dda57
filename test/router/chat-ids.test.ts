import { describe, expect, it } from "vitest";
import {
	ChatIdError,
	channelId,
	discordRoleId,
	namedIn,
	nativeIdOf,
	platformOf,
	slackUserGroupId,
	userId,
	workspaceId,
} from "../../src/chat/chat-ids.ts";

describe("chat ids", () => {
	it("are built in one format from the platform's own ids", () => {
		const slack = workspaceId("slack", "T1");
		expect([slack, channelId(slack, "C1"), userId(slack, "U1"), slackUserGroupId(slack, "S123")]).toEqual([
			"slack:T1",
			"slack:T1:C1",
			"slack:T1:U1",
			"slack:T1:S123",
		]);
		const discord = workspaceId("discord", "81384788765712384");
		expect(discordRoleId(discord, "4242")).toBe("discord:81384788765712384:role:4242");
		expect(workspaceId("console")).toBe("console");
		expect(channelId(workspaceId("console"), "local")).toBe("console:local");
	});

	it("refuse a native id that would blur the format", () => {
		expect(() => channelId("slack:T1", "C1:x")).toThrow(ChatIdError);
		expect(() => userId("slack:T1", "")).toThrow(ChatIdError);
		expect(() => workspaceId("slack")).toThrow(/team or guild id/);
	});

	it("tell the platform and the native id back", () => {
		expect(platformOf("discord:G1:C2")).toBe("discord");
		expect(platformOf("console:local")).toBe("console");
		expect(platformOf("teams:T1:C1")).toBeUndefined();
		expect(nativeIdOf("slack:T1:C1", "slack:T1")).toBe("C1");
		expect(nativeIdOf("slack:T2:C1", "slack:T1")).toBeUndefined();
	});

	it("match configured ids against the user and their groups", () => {
		const member = { userId: "discord:G1:7", groups: ["discord:G1:role:42"] };
		expect(namedIn(["discord:G1:role:42"], member)).toBe(true);
		expect(namedIn(["discord:G1:7"], member)).toBe(true);
		expect(namedIn(["discord:G2:role:42", "discord:G1:role:4"], member)).toBe(false);
	});
});
