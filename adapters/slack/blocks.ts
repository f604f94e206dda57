/**
 * The Block Kit shapes kubecoach sends, typed narrowly (a subset of Slack's KnownBlock): what the
 * renderer builds, the limits are measured on, and the Web API calls carry.
 */
export interface MrkdwnText {
	readonly type: "mrkdwn";
	readonly text: string;
	readonly verbatim: true;
}

export interface PlainText {
	readonly type: "plain_text";
	readonly text: string;
}

export interface ButtonElement {
	readonly type: "button";
	readonly action_id: string;
	readonly text: PlainText;
	readonly style?: "primary" | "danger";
}

export type SlackBlock =
	| { readonly type: "header"; readonly text: PlainText }
	| { readonly type: "section"; readonly text: MrkdwnText }
	| { readonly type: "section"; readonly fields: readonly MrkdwnText[] }
	| { readonly type: "context"; readonly elements: readonly MrkdwnText[] }
	| { readonly type: "actions"; readonly elements: readonly ButtonElement[] }
	| { readonly type: "divider" };

export const mrkdwn = (text: string): MrkdwnText => ({ type: "mrkdwn", text, verbatim: true });
export const plain = (text: string): PlainText => ({ type: "plain_text", text });
