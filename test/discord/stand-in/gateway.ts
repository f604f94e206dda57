/**
 * The gateway of the stand-in: a WebSocket server on 127.0.0.1 that speaks Discord's protocol
 * (v10, JSON): HELLO, IDENTIFY → READY and a GUILD_CREATE per guild, HEARTBEAT → ACK, dispatches
 * with sequence numbers, and RESUME, which replays what the session missed while its connection
 * was down. A refused token closes with 4004 (Authentication failed), as Discord does.
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { type GuildSeed, guildCreatePayload } from "./payloads.ts";

export interface GatewayFrame {
	readonly op: number;
	readonly d: unknown;
	readonly s?: number | null;
	readonly t?: string | null;
}

export interface GatewayOptions {
	readonly token: string;
	readonly applicationId: string;
	readonly botUser: { readonly id: string; readonly username: string };
	readonly guilds: readonly GuildSeed[];
	readonly heartbeatIntervalMs: number;
}

const MAX_BACKLOG = 1000;

interface Session {
	readonly id: string;
	seq: number;
	/** Every dispatch of the session, for RESUME. */
	readonly log: { readonly s: number; readonly t: string; readonly d: unknown }[];
	socket: WebSocket | undefined;
}

export class StandInGateway {
	readonly frames: GatewayFrame[] = [];
	/** The query of each connection ("/?v=10&encoding=json"), in order. */
	readonly connections: string[] = [];
	readonly sessions: Session[] = [];
	ackHeartbeats = true;
	/** Set: the next IDENTIFY is refused with close code 4004 whatever the token. */
	refuseIdentify = false;
	readonly #server: WebSocketServer;
	readonly #options: GatewayOptions;

	private constructor(server: WebSocketServer, options: GatewayOptions) {
		this.#server = server;
		this.#options = options;
		server.on("connection", (socket, request) => this.#connected(socket, request.url ?? ""));
	}

	static async start(options: GatewayOptions): Promise<StandInGateway> {
		const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
		await new Promise<void>((resolve) => server.once("listening", () => resolve()));
		return new StandInGateway(server, options);
	}

	get url(): string {
		return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
	}

	/** Sends a dispatch to every session (its own sequence), or keeps it for their RESUME while disconnected. */
	dispatch(t: string, d: unknown): void {
		for (const session of this.sessions) this.#send(session, t, d);
	}

	/** Cuts every connection without a close frame, as a network drop does; sessions stay resumable. */
	drop(): void {
		for (const session of this.sessions) {
			session.socket?.terminate();
			session.socket = undefined;
		}
	}

	/** Resends a session's last `count` dispatches on its live connection, as an at-least-once delivery may. */
	redeliver(count: number): void {
		for (const session of this.sessions) {
			for (const event of session.log.slice(-count)) session.socket?.send(JSON.stringify({ op: 0, ...event }));
		}
	}

	async close(): Promise<void> {
		for (const client of this.#server.clients) client.terminate();
		await new Promise((resolve) => this.#server.close(resolve));
	}

	#connected(socket: WebSocket, query: string): void {
		this.connections.push(query);
		socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.#options.heartbeatIntervalMs }, s: null, t: null }));
		socket.on("message", (raw) => {
			let frame: GatewayFrame;
			try {
				frame = JSON.parse(String(raw)) as GatewayFrame;
			} catch {
				socket.close(4002, "Error while decoding payload");
				return;
			}
			this.frames.push(frame);
			if (frame.op === 1 && this.ackHeartbeats) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
			else if (frame.op === 2) this.#identify(socket, frame.d as { token?: string });
			else if (frame.op === 6) this.#resume(socket, frame.d as { token?: string; session_id?: string; seq?: number });
		});
	}

	#identify(socket: WebSocket, d: { token?: string }): void {
		if (this.refuseIdentify || d.token !== this.#options.token) {
			socket.close(4004, "Authentication failed.");
			return;
		}
		const session: Session = { id: `session-${this.sessions.length + 1}`, seq: 0, log: [], socket };
		this.sessions.push(session);
		const { botUser, applicationId, guilds } = this.#options;
		this.#send(session, "READY", {
			v: 10,
			user: { id: botUser.id, username: botUser.username, discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 },
			guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
			session_id: session.id,
			resume_gateway_url: this.url,
			shard: [0, 1],
			application: { id: applicationId, flags: 0 },
		});
		for (const guild of guilds) this.#send(session, "GUILD_CREATE", guildCreatePayload(guild));
	}

	#resume(socket: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void {
		const session = this.sessions.find((s) => s.id === d.session_id);
		if (d.token !== this.#options.token || session === undefined) {
			socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
			return;
		}
		session.socket = socket;
		for (const event of session.log.filter((e) => e.s > (d.seq ?? 0))) socket.send(JSON.stringify({ op: 0, ...event }));
		this.#send(session, "RESUMED", {});
	}

	#send(session: Session, t: string, d: unknown): void {
		const event = { s: ++session.seq, t, d };
		session.log.push(event);
		// Discord keeps a bounded backlog for RESUME too; a session that missed more re-identifies.
		if (session.log.length > MAX_BACKLOG) session.log.splice(0, session.log.length - MAX_BACKLOG);
		if (session.socket?.readyState === 1) session.socket.send(JSON.stringify({ op: 0, ...event }));
	}
}
