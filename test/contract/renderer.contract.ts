/**
 * The renderer contract, over replies the real core produces (core-replies.ts): every platform
 * limit holds, no text is silently dropped (each word of a reply is in what a person can read:
 * the message, its thread, its attached files), and every button's id presses the same action and
 * value. Run against every chat adapter and against a broken fake that must fail each check.
 */
import { expect } from "vitest";
import { parseMarkup, plainText } from "../../src/reply/markup.ts";
import type { Reply } from "../../src/reply.ts";
import { decodeButtonId, MAX_BUTTON_ID_LENGTH } from "../../src/router/button-id.ts";
import type { Check, Closable } from "./contract-checks.ts";
import { coreReplySamples } from "./core-replies.ts";

/** One message as a person reads it, platform escaping undone, with its buttons' ids. */
export interface RenderedMessage {
	readonly text: string;
	readonly buttons: readonly { readonly id: string; readonly label: string }[];
}

/** What a person can read of a reply: its message, the messages of its thread, the text of its files. */
export interface Rendering {
	readonly messages: readonly RenderedMessage[];
	readonly files: readonly string[];
}

/** A platform limit as data: `measure` reads the platform payload, which must not pass `max`. */
export interface PlatformLimit<Payload> {
	readonly name: string;
	readonly max: number;
	measure(payload: Payload): number;
}

export interface RendererSubject<Payload> extends Closable {
	/** Renders (and, where that is how the platform shows it, sends) one reply with its thread and files. */
	render(reply: Reply): Promise<Payload>;
	readonly limits: readonly PlatformLimit<Payload>[];
	read(payload: Payload): Rendering | Promise<Rendering>;
}

const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

/** Every word a reply holds, markup removed. */
export function wordsOf(reply: Reply): Set<string> {
	const markup = (text: string | undefined) => (text === undefined ? [] : words(plainText(parseMarkup(text))));
	const found = [
		...words(reply.header ?? ""),
		...markup(reply.text),
		...(reply.fields ?? []).flatMap((field) => [...words(field.label), ...markup(field.value)]),
		...(reply.table ? [...reply.table.columns, ...reply.table.rows.flat()].flatMap(words) : []),
		...(reply.buttons ?? []).flatMap((button) => words(button.label)),
		...words(reply.image?.alt ?? ""),
		...markup(reply.footer),
		...(reply.files ?? []).flatMap((file) => [
			...words(file.title ?? ""),
			...(typeof file.content === "string" ? words(file.content) : []),
		]),
		...(reply.thread ?? []).flatMap((child) => [...wordsOf(child)]),
	];
	return new Set(found);
}

function buttonsOf(reply: Reply): { action: string; value: string }[] {
	return [...(reply.buttons ?? []).map(({ action, value }) => ({ action, value })), ...(reply.thread ?? []).flatMap(buttonsOf)];
}

export function rendererChecks<Payload>(): readonly Check<RendererSubject<Payload>>[] {
	return [
		{
			name: "every platform limit holds, on every reply",
			async run(subject) {
				expect(subject.limits.length, "a renderer states its platform's limits as data").toBeGreaterThan(0);
				for (const { name, reply } of await coreReplySamples()) {
					const payload = await subject.render(reply);
					for (const limit of subject.limits) expect(limit.measure(payload), `${name}: ${limit.name}`).toBeLessThanOrEqual(limit.max);
				}
			},
		},
		{
			name: "no text is silently dropped: every word is in the message, its thread or its files",
			async run(subject) {
				for (const { name, reply } of await coreReplySamples()) {
					const rendering = await subject.read(await subject.render(reply));
					const readable = new Set(words([...rendering.messages.map((m) => m.text), ...rendering.files].join("\n")));
					const missing = [...wordsOf(reply)].filter((word) => !readable.has(word));
					expect(missing, `${name}: words missing`).toEqual([]);
				}
			},
		},
		{
			name: "every button's id round-trips to the same action and value, unique in its message, at most 100 characters",
			async run(subject) {
				for (const { name, reply } of await coreReplySamples()) {
					const rendering = await subject.read(await subject.render(reply));
					const shown = rendering.messages.flatMap((message) => message.buttons);
					expect(
						shown.map((button) => decodeButtonId(button.id)),
						`${name}: buttons`,
					).toEqual(buttonsOf(reply));
					for (const message of rendering.messages) {
						const ids = message.buttons.map((button) => button.id);
						expect(new Set(ids).size, `${name}: ids unique in a message`).toBe(ids.length);
						for (const id of ids) expect(id.length).toBeLessThanOrEqual(MAX_BUTTON_ID_LENGTH);
					}
				}
			},
		},
	];
}
