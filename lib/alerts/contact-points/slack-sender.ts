// Slack: a Block Kit message to an incoming-webhook URL (the URL is the secret).
import type { SlackContactPoint } from "@/lib/alerts/contact-point-schema";
import { postJson } from "./post-json";
import type { Sender } from "./sender";
import { slackMessage } from "./slack-message";

export const sendSlack: Sender<SlackContactPoint> = (settings, notification, context) => postJson(settings.url, JSON.stringify(slackMessage(notification)), {}, context);
