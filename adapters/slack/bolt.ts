/**
 * The parts of Bolt kubecoach uses, each from its own file: Bolt's index also loads its Express
 * and AWS Lambda receivers, which kubecoach never runs (about 6 MB of idle memory and 150 ms of
 * start-up CPU). Required, not imported: Node's and Vitest's ESM views of a CommonJS default
 * export differ, `require` is the same in both. @slack/web-api and @slack/logger, which the adapter
 * imports directly, are Bolt's own dependencies at Bolt's versions.
 */
import { createRequire } from "node:module";
// Types only: erased, so Bolt's index is never loaded.
import type {
	App as BoltApp,
	AuthorizationError as BoltAuthorizationError,
	HTTPReceiver as BoltHttpReceiver,
	SocketModeReceiver as BoltSocketModeReceiver,
} from "@slack/bolt";

const require = createRequire(import.meta.url);

export const App: typeof BoltApp = require("@slack/bolt/dist/App.js").default;
export type App = BoltApp;
export const HTTPReceiver: typeof BoltHttpReceiver = require("@slack/bolt/dist/receivers/HTTPReceiver.js").default;
export type HTTPReceiver = BoltHttpReceiver;
export const SocketModeReceiver: typeof BoltSocketModeReceiver = require("@slack/bolt/dist/receivers/SocketModeReceiver.js").default;
export type SocketModeReceiver = BoltSocketModeReceiver;
export const AuthorizationError: typeof BoltAuthorizationError = require("@slack/bolt/dist/errors.js").AuthorizationError;
export type AuthorizationError = BoltAuthorizationError;
