/**
 * A stand-in for Slack's Socket Mode WebSocket on 127.0.0.1: the Web API stand-in's
 * apps.connections.open hands out its URL; it greets with "hello", sends envelopes
 * (slash_commands, interactive, events_api) and resolves each with the acknowledgement frame the
 * client sends back ({ envelope_id, payload? }).
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface AckFrame {
	readonly envelope_id: string;
	readonly payload?: unknown;
}

export class SocketModeServer {
	readonly #server: WebSocketServer;
	readonly #acks = new Map<string, (frame: AckFrame) => void>();
	#connected: Promise<WebSocket>;
	#ids = 0;

	private constructor(server: WebSocketServer) {
		this.#server = server;
		this.#connected = this.#nextConnection();
	}

	static async start(): Promise<SocketModeServer> {
		const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
		await new Promise((resolve) => server.once("listening", resolve));
		return new SocketModeServer(server);
	}

	get url(): string {
		return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/link/?ticket=stand-in`;
	}

	#nextConnection(): Promise<WebSocket> {
		return new Promise((resolve) => {
			this.#server.once("connection", (socket) => {
				socket.on("message", (data) => {
					const frame = JSON.parse(data.toString()) as AckFrame;
					this.#acks.get(frame.envelope_id)?.(frame);
					this.#acks.delete(frame.envelope_id);
				});
				socket.send(
					JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "stand-in" }, connection_info: { app_id: "A0001" } }),
				);
				resolve(socket);
			});
		});
	}

	/** Sends an envelope; resolves to the client's acknowledgement. A redelivery reuses `envelopeId` with `retryAttempt` > 0. */
	async send(
		type: "slash_commands" | "interactive" | "events_api",
		payload: unknown,
		options: { readonly envelopeId?: string; readonly retryAttempt?: number; readonly timeoutMs?: number } = {},
	): Promise<AckFrame> {
		const socket = await this.#connected;
		const envelopeId = options.envelopeId ?? `env-${++this.#ids}`;
		const acked = new Promise<AckFrame>((resolve, reject) => {
			this.#acks.set(envelopeId, resolve);
			setTimeout(() => reject(new Error(`No acknowledgement of ${envelopeId}`)), options.timeoutMs ?? 4000).unref();
		});
		socket.send(
			JSON.stringify({
				envelope_id: envelopeId,
				type,
				accepts_response_payload: type !== "events_api",
				payload,
				...(options.retryAttempt === undefined ? {} : { retry_attempt: options.retryAttempt, retry_reason: "timeout" }),
			}),
		);
		return acked;
	}

	async close(): Promise<void> {
		for (const client of this.#server.clients) client.terminate();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}
}
