/**
 * Button ids: the core alone turns a button's action and value into one short opaque id, which
 * adapters put in Slack's action_id, Discord's custom_id or the console's numbered choices and
 * hand back unchanged to CommandRouter.handleAction. No adapter reads an id, a label or an action.
 *
 * Format `kc1|<slot>|<action>|<value>`: `slot` (the button's place in its reply, base 36) keeps
 * ids unique within a message, as Slack requires of action_ids; the value is the last field, so
 * it may hold any character, with "%" and anything outside printable ASCII percent-encoded.
 */

/** Discord's custom_id limit, the tightest of the platforms (Slack's action_id allows 255). */
export const MAX_BUTTON_ID_LENGTH = 100;

const PREFIX = "kc1";
const ACTION = /^[a-z][a-z0-9-]{0,31}$/;
const SLOT = /^[0-9a-z]{1,2}$/;

export class ButtonIdError extends Error {
	readonly code = "button-id-invalid";
}

export interface ButtonTarget {
	readonly action: string;
	readonly value: string;
}

const escapeValue = (value: string) => value.replace(/[^\x21-\x24\x26-\x7e]/gu, (char) => encodeURIComponent(char));

/**
 * The id of the button at `slot` (its index in the reply). Throws ButtonIdError when the action is
 * not a short lower-case name or the id would pass 100 characters: a reply the core must not build.
 */
export function encodeButtonId(button: ButtonTarget, slot = 0): string {
	if (!ACTION.test(button.action)) throw new ButtonIdError(`Button action ${JSON.stringify(button.action)} is not a short lower-case name`);
	if (!Number.isInteger(slot) || slot < 0 || slot >= 36 * 36) throw new ButtonIdError(`Button slot ${slot} is out of range`);
	const id = `${PREFIX}|${slot.toString(36)}|${button.action}|${escapeValue(button.value)}`;
	if (id.length > MAX_BUTTON_ID_LENGTH) {
		throw new ButtonIdError(
			`The id of button ${button.action} would be ${id.length} characters, over ${MAX_BUTTON_ID_LENGTH}: shorten its value`,
		);
	}
	return id;
}

/** The action and value of an id made by encodeButtonId; null for anything else (garbage, another app's id). */
export function decodeButtonId(id: string): ButtonTarget | null {
	if (id.length > MAX_BUTTON_ID_LENGTH) return null;
	const [prefix, slot, action, ...rest] = id.split("|");
	if (prefix !== PREFIX || slot === undefined || action === undefined || rest.length === 0) return null;
	if (!SLOT.test(slot) || !ACTION.test(action)) return null;
	const escaped = rest.join("|");
	if (/[^\x21-\x7e]/.test(escaped)) return null;
	try {
		return { action, value: decodeURIComponent(escaped) };
	} catch {
		return null;
	}
}

/** The ids of a reply's buttons, in order: what adapters put on the platform's buttons. */
export function buttonIds(buttons: readonly ButtonTarget[] | undefined): string[] {
	return (buttons ?? []).map((button, slot) => encodeButtonId(button, slot));
}
