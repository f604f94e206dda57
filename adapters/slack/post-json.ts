/**
 * One JSON POST over node:http(s) with kept-alive connections, for response_url replies: every
 * button press sends one, and fetch's stream machinery costs several times the CPU of a plain
 * request for a body this small.
 */
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** Up to this much of a response body is read: Slack answers "ok" or an error code. */
const MAX_RESPONSE_BYTES = 4096;

export interface JsonPostResult {
	readonly status: number;
	readonly text: string;
}

export function postJson(url: string, body: unknown, timeoutMs: number): Promise<JsonPostResult> {
	const target = new URL(url);
	const secure = target.protocol === "https:";
	if (!secure && target.protocol !== "http:") return Promise.reject(new Error(`not an http(s) URL: ${target.protocol}`));
	// A string, not a Buffer: node:http then sends the headers and the body in one write (one TLS record).
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const request = (secure ? httpsRequest : httpRequest)(
			{
				// The parts, not the URL object, which node:http would copy into these same options again.
				hostname: target.hostname.startsWith("[") ? target.hostname.slice(1, -1) : target.hostname,
				port: target.port,
				path: `${target.pathname}${target.search}`,
				...(target.username === "" ? {} : { auth: `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}` }),
				method: "POST",
				agent: secure ? httpsAgent : httpAgent,
				headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
				timeout: timeoutMs,
			},
			(response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on("data", (chunk: Buffer) => {
					if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
					size += chunk.length;
				});
				response.on("end", () =>
					resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8", 0, MAX_RESPONSE_BYTES) }),
				);
				response.on("error", reject);
			},
		);
		request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on("error", reject);
		request.end(payload);
	});
}
