/**
 * What Slack checks of the blocks of a message or view, written down from Slack's Block Kit
 * reference independently of the renderer's own table: the stand-in answers invalid_blocks when a
 * rule is broken, as Slack does, so a renderer that passes the stand-in passes Slack's limits.
 */

interface TextObject {
	readonly type?: unknown;
	readonly text?: unknown;
}

const isText = (value: unknown): value is TextObject =>
	typeof value === "object" && value !== null && ((value as TextObject).type === "mrkdwn" || (value as TextObject).type === "plain_text");

function textProblem(value: unknown, where: string, max: number, plainOnly = false): string | undefined {
	if (!isText(value) || typeof value.text !== "string") return `${where} must be a text object`;
	if (plainOnly && value.type !== "plain_text") return `${where} must be plain_text`;
	if (value.text.length === 0) return `${where} must not be empty`;
	if (value.text.length > max) return `${where} must be at most ${max} characters (${value.text.length})`;
	return undefined;
}

/** The first rule the blocks break, or undefined when Slack would take them. */
export function blocksProblem(blocks: unknown, maxBlocks: number): string | undefined {
	if (!Array.isArray(blocks)) return "blocks must be an array";
	if (blocks.length > maxBlocks) return `no more than ${maxBlocks} blocks (${blocks.length})`;
	const actionIds = new Set<string>();
	for (const [i, block] of blocks.entries()) {
		const where = `blocks[${i}]`;
		const b = block as Record<string, unknown>;
		switch (b.type) {
			case "header": {
				const problem = textProblem(b.text, `${where}.text`, 150, true);
				if (problem) return problem;
				break;
			}
			case "section": {
				if (b.text === undefined && b.fields === undefined) return `${where} needs text or fields`;
				if (b.text !== undefined) {
					const problem = textProblem(b.text, `${where}.text`, 3000);
					if (problem) return problem;
				}
				if (b.fields !== undefined) {
					if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > 10) return `${where}.fields: 1 to 10 fields`;
					for (const [f, field] of b.fields.entries()) {
						const problem = textProblem(field, `${where}.fields[${f}]`, 2000);
						if (problem) return problem;
					}
				}
				break;
			}
			case "context": {
				if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) return `${where}.elements: 1 to 10 elements`;
				for (const [e, element] of b.elements.entries()) {
					const problem = textProblem(element, `${where}.elements[${e}]`, 3000);
					if (problem) return problem;
				}
				break;
			}
			case "actions": {
				if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) return `${where}.elements: 1 to 25 elements`;
				for (const [e, element] of b.elements.entries()) {
					const button = element as Record<string, unknown>;
					const at = `${where}.elements[${e}]`;
					if (button.type !== "button") return `${at} must be a button`;
					const problem = textProblem(button.text, `${at}.text`, 75, true);
					if (problem) return problem;
					if (typeof button.action_id !== "string" || button.action_id.length === 0 || button.action_id.length > 255)
						return `${at}.action_id: 1 to 255 characters`;
					if (actionIds.has(button.action_id)) return `${at}.action_id ${button.action_id} is not unique`;
					actionIds.add(button.action_id);
					if (button.value !== undefined && (typeof button.value !== "string" || button.value.length > 2000))
						return `${at}.value: at most 2000 characters`;
					if (button.style !== undefined && button.style !== "primary" && button.style !== "danger")
						return `${at}.style is primary or danger`;
				}
				break;
			}
			case "divider":
				break;
			default:
				return `${where}.type ${String(b.type)} is not a block kubecoach should send`;
		}
	}
	return undefined;
}
