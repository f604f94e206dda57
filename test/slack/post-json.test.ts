/** response_url posts: the status and Slack's short answer come back; silence and a closed port fail the post. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postJson } from "../../adapters/slack/post-json.ts";

let server: Server | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
	server = createServer(handler);
	await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve));
	server = undefined;
});

describe("postJson", () => {
	it("posts the body as JSON to the URL's path and query, and returns the status and the answer", async () => {
		const seen: { url: string | undefined; type: string | undefined; body: string }[] = [];
		const base = await serve((request, response) => {
			let body = "";
			request.on("data", (chunk) => (body += chunk));
			request.on("end", () => {
				seen.push({ url: request.url, type: request.headers["content-type"], body });
				response.writeHead(seen.length === 1 ? 200 : 404).end(seen.length === 1 ? "ok" : "used_url");
			});
		});
		expect(await postJson(`${base}/respond/a?x=1`, { text: "héllo" }, 2000)).toEqual({ status: 200, text: "ok" });
		expect(await postJson(`${base}/respond/a`, { text: "again" }, 2000)).toEqual({ status: 404, text: "used_url" });
		expect(seen).toEqual([
			{ url: "/respond/a?x=1", type: "application/json", body: '{"text":"héllo"}' },
			{ url: "/respond/a", type: "application/json", body: '{"text":"again"}' },
		]);
	});

	it("fails when nobody answers within the timeout, or nobody listens", async () => {
		const base = await serve(() => {});
		await expect(postJson(`${base}/respond/b`, {}, 200)).rejects.toThrow();
		await expect(postJson("http://127.0.0.1:1/respond/c", {}, 2000)).rejects.toThrow();
		await expect(postJson("ftp://example.com/x", {}, 2000)).rejects.toThrow("not an http(s) URL");
	});
});
