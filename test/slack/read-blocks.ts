/** Block Kit as a person reads it in Slack: mrkdwn's escaping and links undone, buttons with their ids. */

export function readMrkdwn(text: string): string {
	return text
		.replace(/\u200B/g, "")
		.replace(/<([^|>]+)\|([^>]*)>/g, "$2 ($1)")
		.replace(/<([^>]+)>/g, "$1")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");
}

export interface ReadMessage {
	readonly text: string;
	readonly buttons: readonly { readonly id: string; readonly label: string }[];
}

export function readBlocks(blocks: readonly unknown[]): ReadMessage {
	const lines: string[] = [];
	const buttons: { id: string; label: string }[] = [];
	for (const block of blocks as Record<string, unknown>[]) {
		const text = block.text as { text?: string } | undefined;
		if (text?.text !== undefined) lines.push(readMrkdwn(text.text));
		for (const field of (block.fields as { text: string }[] | undefined) ?? []) lines.push(readMrkdwn(field.text));
		for (const element of (block.elements as Record<string, unknown>[] | undefined) ?? []) {
			if (element.type === "button") {
				const label = (element.text as { text: string }).text;
				buttons.push({ id: String(element.action_id), label });
				lines.push(`[${label}]`);
			} else if (typeof element.text === "string") lines.push(readMrkdwn(element.text));
		}
	}
	return { text: lines.join("\n"), buttons };
}
