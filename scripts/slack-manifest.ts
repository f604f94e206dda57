// The Slack app manifest, from adapters/slack/slack-app.ts:
//   node scripts/slack-manifest.ts                                  Socket Mode (what deploy/slack-manifest.yml holds)
//   node scripts/slack-manifest.ts --http https://kubecoach.example.com   HTTP mode, Request URLs at <url>/slack/events
//   node scripts/slack-manifest.ts --write                          rewrites deploy/slack-manifest.yml
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestYaml } from "../adapters/slack/slack-app.ts";

const args = process.argv.slice(2);
const http = args.indexOf("--http");
const requestUrl = http === -1 ? undefined : args[http + 1];
if (http !== -1 && (requestUrl === undefined || !/^https:\/\/[^\s/]+/.test(requestUrl))) {
	console.error("--http needs the bot's public https address, such as https://kubecoach.example.com");
	process.exit(2);
}
const yaml = manifestYaml(requestUrl === undefined ? {} : { requestUrl });
if (args.includes("--write")) writeFileSync(join(import.meta.dirname, "..", "deploy", "slack-manifest.yml"), yaml);
else process.stdout.write(yaml);
