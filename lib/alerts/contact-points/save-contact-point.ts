import "server-only";
// Create, change, delete and test stored contact points. Contact points from the YAML config are read-only here.
// The API never answers a secret, so a change may leave them out: an omitted url, header set or SMTP password keeps
// the stored one. Audit rows hold the display-safe view only.
import { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import type { DbTransaction } from "@/lib/db/prisma";
import { isUuid } from "@/lib/util/uuid";
import { alertExternalUrl } from "../external-url";
import { recordDelivery } from "../alert-state-store";
import { contactPointSchema, type ContactPointSettings } from "../contact-point-schema";
import { loadContactPoints } from "../load-alert-config";
import { ruleInputSchema } from "../rule-schema";
import { describeContactPoint } from "./describe-contact-point";
import { describeInputIssues } from "@/lib/api/input-issues";
import { sendNotification } from "./send-notification";
import { testNotification } from "./test-notification";

/** The body: a contact point, secrets optional on a change (checked against contactPointSchema after merging). */
export const contactPointBody = z.record(z.string(), z.unknown());
type Body = z.infer<typeof contactPointBody>;

function parseSettings(body: Body): ContactPointSettings {
  const parsed = contactPointSchema.safeParse(body);
  if (!parsed.success) throw new ActionError(400, "bad_request", `invalid input: ${describeInputIssues(parsed.error)}`, { target: `contact-point:${String(body.name ?? "").slice(0, 100)}` });
  return parsed.data;
}

async function checkName(tx: DbTransaction, ctx: ActionContext<Body, unknown>, name: string, selfId: string | null): Promise<void> {
  if (ctx.config.alerts.contactPoints.some((c) => c.name === name)) throw new ActionError(409, "conflict", `a contact point named "${name}" is defined in the configuration file`, { target: `contact-point:${name}` });
  const clash = await tx.contactPoint.findUnique({ where: { name } });
  if (clash && clash.id !== selfId) throw new ActionError(409, "conflict", `a contact point named "${name}" already exists`, { target: `contact-point:${name}` });
}

async function storedPoint(tx: DbTransaction, id: string) {
  if (id.startsWith("config:")) throw new ActionError(409, "read_only", `contact point "${id.slice(7, 100)}" is defined in the configuration file: change it there`, { target: `contact-point:${id.slice(7, 100)}` });
  const row = isUuid(id) ? await tx.contactPoint.findUnique({ where: { id } }) : null;
  if (!row) throw new ActionError(404, "not_found", `no contact point with id "${id.slice(0, 64)}"`, { target: `contact-point-id:${id.slice(0, 64)}` });
  return { row, settings: contactPointSchema.parse(row.settings) };
}

export async function createContactPoint(ctx: ActionContext<Body, unknown>): Promise<ActionOutcome> {
  const settings = parseSettings(ctx.input);
  await checkName(ctx.tx, ctx, settings.name, null);
  const row = await ctx.tx.contactPoint.create({ data: { name: settings.name, type: settings.type, settings, updatedAt: ctx.now } });
  const view = describeContactPoint(settings);
  return { target: `contact-point:${settings.name}`, after: view, body: { id: row.id, contactPoint: view }, status: 201 };
}

/** Stored secrets the body left out. */
function withStoredSecrets(body: Body, stored: ContactPointSettings): Body {
  if (body.type !== undefined && body.type !== stored.type) return body;
  const merged: Body = { ...body };
  if ("url" in stored && merged.url === undefined) merged.url = stored.url;
  if ("headers" in stored && merged.headers === undefined) merged.headers = stored.headers;
  if (stored.type === "email" && typeof merged.smtp === "object" && merged.smtp !== null && !("password" in merged.smtp) && stored.smtp.password !== undefined) {
    merged.smtp = { ...merged.smtp, password: stored.smtp.password };
  }
  return merged;
}

export async function updateContactPoint(ctx: ActionContext<Body, { contactPointId: string }>): Promise<ActionOutcome> {
  const { row, settings: before } = await storedPoint(ctx.tx, ctx.params.contactPointId);
  const settings = parseSettings(withStoredSecrets(ctx.input, before));
  await checkName(ctx.tx, ctx, settings.name, row.id);
  if (settings.name !== before.name) await renameInRules(ctx.tx, before.name, settings.name, ctx.now);
  await ctx.tx.contactPoint.update({ where: { id: row.id }, data: { name: settings.name, type: settings.type, settings, updatedAt: ctx.now } });
  const view = describeContactPoint(settings);
  return { target: `contact-point:${settings.name}`, before: describeContactPoint(before), after: view, body: { id: row.id, contactPoint: view } };
}

/** Stored rules follow a renamed contact point. */
async function renameInRules(tx: DbTransaction, from: string, to: string, now: Date): Promise<void> {
  for (const rule of await tx.alertRule.findMany()) {
    const parsed = ruleInputSchema.safeParse(rule.definition);
    if (!parsed.success || !parsed.data.notify.includes(from)) continue;
    await tx.alertRule.update({ where: { id: rule.id }, data: { definition: { ...parsed.data, notify: parsed.data.notify.map((n) => (n === from ? to : n)) }, updatedAt: now } });
  }
}

export async function deleteContactPoint(ctx: ActionContext<unknown, { contactPointId: string }>): Promise<ActionOutcome> {
  const { row, settings } = await storedPoint(ctx.tx, ctx.params.contactPointId);
  const users = (await ctx.tx.alertRule.findMany()).filter((rule) => {
    const notify = (rule.definition as { notify?: unknown }).notify;
    return Array.isArray(notify) && notify.includes(settings.name);
  });
  if (users.length > 0) throw new ActionError(409, "in_use", `contact point "${settings.name}" is used by rule ${users.map((r) => `"${r.name}"`).join(", ")}: change those first`, { target: `contact-point:${settings.name}` });
  await ctx.tx.contactPoint.delete({ where: { id: row.id } });
  return { target: `contact-point:${settings.name}`, before: describeContactPoint(settings), body: { deleted: row.id } };
}

/** Sends one test alert now (no retries: the answer is for the person waiting on the page) and logs the delivery. */
export async function testContactPoint(ctx: ActionContext<unknown, { contactPointId: string }>): Promise<ActionOutcome> {
  const points = await loadContactPoints(ctx.tx, ctx.config);
  const point = points.items.find((p) => p.id === ctx.params.contactPointId);
  if (!point) throw new ActionError(404, "not_found", `no contact point with id "${ctx.params.contactPointId.slice(0, 64)}"`, { target: `contact-point-id:${ctx.params.contactPointId.slice(0, 64)}` });
  const notification = testNotification(point.settings.name, ctx.now, alertExternalUrl(ctx.config, process.env));
  const result = await sendNotification(point.settings, notification, { retryDelaysMs: [] });
  await recordDelivery(ctx.tx, { at: ctx.now, contactPoint: point.settings.name, groupKey: "test", status: "test", alertCount: 1, fingerprints: [], result });
  return { target: `contact-point:${point.settings.name}`, after: { ok: result.ok, status: result.status }, body: { result } };
}
