/**
 * The operator's paths on the bot's HTTP server: /healthz (the process answers), /readyz (it can
 * do its work: 200, or 503 with each reason on a line of its own) and /metrics (Prometheus text).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRoutes } from "../../src/chat/chat-adapter.ts";

export interface HealthSources {
	/** Why the bot cannot serve now (the store does not answer, a chat is not connected); empty when ready. */
	notReady(): Promise<readonly string[]>;
	/** The metrics in Prometheus text. */
	metrics(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export function mountHealthRoutes(http: HttpRoutes, sources: HealthSources): void {
	http.route("/healthz", (request, response) => {
		request.resume();
		text(response, 200, "ok\n");
	});
	http.route("/readyz", (request, response) => {
		request.resume();
		answer(response, async () => {
			const reasons = await sources.notReady();
			return reasons.length === 0 ? [200, "ready\n"] : [503, `not ready:\n${reasons.map((reason) => `- ${reason}\n`).join("")}`];
		});
	});
	http.route("/metrics", (request: IncomingMessage, response) => {
		request.resume();
		sources.metrics().then(
			({ contentType, body }) => response.writeHead(200, { "content-type": contentType }).end(body),
			(error: unknown) => text(response, 500, `metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
		);
	});
}

/** Reads one key: a store that fails or does not answer in time is the reason the bot is not ready. */
export async function probeStore(store: { getChannel(id: string): Promise<unknown> }, timeoutMs: number): Promise<string | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<string>((resolve) => {
		timer = setTimeout(() => resolve(`the store did not answer within ${timeoutMs} ms`), timeoutMs);
	});
	try {
		return await Promise.race([
			store.getChannel("kubecoach:readyz").then(
				() => undefined,
				(error: unknown) => `the store fails: ${error instanceof Error ? error.message : String(error)}`,
			),
			late,
		]);
	} finally {
		clearTimeout(timer);
	}
}

function answer(response: ServerResponse, work: () => Promise<readonly [number, string]>): void {
	work().then(
		([status, body]) => text(response, status, body),
		(error: unknown) => text(response, 503, `not ready:\n- ${error instanceof Error ? error.message : String(error)}\n`),
	);
}

function text(response: ServerResponse, status: number, body: string): void {
	if (response.headersSent) return;
	response.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end(body);
}
