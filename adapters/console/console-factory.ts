import { join } from "node:path";
import type { ChatAdapterFactory } from "../../src/chat/chat-adapter.ts";
import { ConsoleChat } from "./console-chat.ts";

/**
 * The console on the process's terminal. It can always run; the composition root uses it when no
 * other platform is configured (and for `--demo`). Attached files go to `<data dir>/files`.
 */
export const consoleChatFactory: ChatAdapterFactory = {
	platform: "console",
	configured: () => true,
	create: (deps) => new ConsoleChat({ terminal: deps.terminal, filesDir: join(deps.dataDir, "files") }),
};
