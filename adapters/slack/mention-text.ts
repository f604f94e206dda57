/**
 * The text of an @mention as a person typed it: the bot's own mention removed, Slack's markup for
 * links, channels and special mentions turned back into words, entities decoded.
 */
export function mentionText(text: string, botUserId: string): string {
	return text
		.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ")
		.replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
		.replace(/<!([a-z]+)(?:\|[^>]*)?>/g, "@$1")
		.replace(/<(?:https?:|mailto:)[^|>]*\|([^>]*)>/g, "$1")
		.replace(/<((?:https?:|mailto:)[^>]*)>/g, "$1")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&")
		.replace(/\s+/g, " ")
		.trim();
}
