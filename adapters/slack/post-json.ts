/**
 * One JSON POST for response_url replies, straight on undici's dispatcher with kept-alive
 * connections: every button press sends one, fetch's stream machinery costs several times the CPU
 * of the request for a body this small, and node:http's request and response objects still about
 * a third more than the dispatcher. undici is the copy Bolt's Socket Mode client, the Kubernetes
 * client and Discord's REST client load already (package.json's overrides keep it one).
 */
import { Agent, type Dispatcher } from "undici";

/** Up to this much of a response body is read: Slack answers "ok" or an error code. */
const MAX_RESPONSE_BYTES = 4096;

// One per timeout (each SlackApi has one), so that connecting counts against it too.
const agents = new Map<number, Agent>();

function agentFor(timeoutMs: number): Agent {
	let agent = agents.get(timeoutMs);
	if (agent === undefined) {
		agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
		agents.set(timeoutMs, agent);
	}
	return agent;
}

export interface JsonPostResult {
	readonly status: number;
	readonly text: string;
}

export function postJson(url: string, body: unknown, timeoutMs: number): Promise<JsonPostResult> {
	const target = new URL(url);
	if (target.protocol !== "https:" && target.protocol !== "http:")
		return Promise.reject(new Error(`not an http(s) URL: ${target.protocol}`));
	const options: Dispatcher.DispatchOptions = {
		origin: target.origin,
		path: `${target.pathname}${target.search}`,
		method: "POST",
		headers: { "content-type": "application/json" },
		body: JSON.stringify(body),
	};
	return new Promise((resolve, reject) => {
		let status = 0;
		let size = 0;
		const chunks: Buffer[] = [];
		agentFor(timeoutMs).dispatch(options, {
			// Required by undici at run time, though its types mark it optional.
			onRequestStart() {},
			onResponseStart(_controller, statusCode) {
				status = statusCode;
			},
			onResponseData(_controller, chunk) {
				if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
				size += chunk.length;
			},
			onResponseEnd() {
				resolve({ status, text: Buffer.concat(chunks).toString("utf8", 0, MAX_RESPONSE_BYTES) });
			},
			onResponseError(_controller, error) {
				reject(error);
			},
		});
	});
}
