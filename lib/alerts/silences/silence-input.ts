// A silence as the API and the form take it. Client-safe.
import { z } from "@/lib/util/zod";
import { matcherProblem } from "../label-matchers";
import { matcherSchema } from "../rule-schema";

const MAX_SILENCE_MS = 366 * 86_400_000;

export const createSilenceInput = z
  .strictObject({
    matchers: z.array(matcherSchema).min(1, "needs at least one matcher").max(20),
    /** default: now */
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }),
    comment: z.string().trim().min(1, "say why (it shows on the alert)").max(1000),
  })
  .superRefine((input, ctx) => {
    input.matchers.forEach((matcher, index) => {
      const problem = matcherProblem(matcher);
      if (problem) ctx.addIssue({ code: "custom", path: ["matchers", index], message: problem });
    });
    // A silence that matches everything would mute every alert: ask for something to match.
    if (input.matchers.every((m) => (m.op === "=~" && /^(\.\*)?$/.test(m.value)) || (m.op === "!=" && m.value === ""))) {
      ctx.addIssue({ code: "custom", path: ["matchers"], message: "would silence every alert: match at least one label value" });
    }
    const starts = input.startsAt ? Date.parse(input.startsAt) : Date.now();
    const ends = Date.parse(input.endsAt);
    if (ends <= starts) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after startsAt" });
    if (ends - starts > MAX_SILENCE_MS) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "a silence may last at most 366 days" });
  });

export type CreateSilenceInput = z.infer<typeof createSilenceInput>;
