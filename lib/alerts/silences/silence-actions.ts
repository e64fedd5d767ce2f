import "server-only";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import { principalLabel } from "@/lib/auth/roles";
import { isUuid } from "@/lib/util/uuid";
import type { CreateSilenceInput } from "./silence-input";
import { toSilenceDto } from "./list-silences";

export async function createSilence({ tx, input, principal, now }: ActionContext<CreateSilenceInput, unknown>): Promise<ActionOutcome> {
  const row = await tx.silence.create({
    data: { matchers: input.matchers, startsAt: input.startsAt ? new Date(input.startsAt) : now, endsAt: new Date(input.endsAt), comment: input.comment, createdBy: principalLabel(principal), updatedAt: now },
  });
  const silence = toSilenceDto(row, now);
  return { target: `silence:${row.id}`, after: silence, body: { silence }, status: 201 };
}

/** Ends a silence now (the row stays, expired, for the history). */
export async function expireSilence({ tx, params, now }: ActionContext<unknown, { silenceId: string }>): Promise<ActionOutcome> {
  const row = isUuid(params.silenceId) ? await tx.silence.findUnique({ where: { id: params.silenceId } }) : null;
  if (!row) throw new ActionError(404, "not_found", `no silence with id "${params.silenceId.slice(0, 64)}"`, { target: `silence:${params.silenceId.slice(0, 64)}` });
  if (row.endsAt <= now) throw new ActionError(409, "conflict", `silence ${row.id} already ended at ${row.endsAt.toISOString()}`, { target: `silence:${row.id}` });
  const updated = await tx.silence.update({ where: { id: row.id }, data: { endsAt: now, startsAt: row.startsAt > now ? now : row.startsAt, updatedAt: now } });
  return { target: `silence:${row.id}`, before: toSilenceDto(row, now), after: toSilenceDto(updated, now), body: { silence: toSilenceDto(updated, now) } };
}
