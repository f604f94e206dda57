/**
 * Slack's Block Kit limits that the renderer keeps, as data: the renderer reads them to split and
 * cut, the stand-in of the tests enforces them the way Slack does (invalid_blocks), and the
 * renderer contract measures every rendered reply against them. Source: Slack's Block Kit
 * reference (blocks, block elements, composition objects) and the chat.postMessage docs.
 */
export const BLOCK_KIT = {
	/** Blocks in one message (chat.postMessage, chat.update, an ephemeral or response_url message). */
	blocksPerMessage: 50,
	/** Blocks in a view (the App Home tab). */
	blocksPerView: 100,
	/** Characters of a section's text. */
	sectionText: 3000,
	/** Fields of one section. */
	sectionFields: 10,
	/** Characters of one section field. */
	fieldText: 2000,
	/** Characters of a header block's plain text. */
	headerText: 150,
	/** Elements of a context block. */
	contextElements: 10,
	/** Characters of a context element's text (a text object's limit). */
	contextText: 3000,
	/** Elements (buttons) of an actions block. */
	actionsElements: 25,
	/** Characters of a button's plain-text label. */
	buttonText: 75,
	/** Characters of a button's value. */
	buttonValue: 2000,
	/** Characters of an action_id (unique within the message or view). */
	actionId: 255,
	/** Characters of a view's private_metadata. */
	privateMetadata: 3000,
	/** Characters of a message's top-level text (the notification fallback); Slack truncates past 40,000, we keep it short. */
	fallbackText: 3000,
} as const;

export type BlockKitLimit = keyof typeof BLOCK_KIT;
