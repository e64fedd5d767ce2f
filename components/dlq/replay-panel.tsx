"use client";
// Replay or discard a source's dead letters: the current filter (or one message), to each message's original
// destination or a chosen one, as a dry run first if wanted, at a chosen rate; then the job's progress with
// pause, resume and cancel. Operators and admins only (the server checks too).
import { useState, type FormEvent } from "react";
import { DANGER_BUTTON, Field, FormError, INPUT, messageOf, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { Name } from "@/components/ui/name";
import { Badge } from "@/components/ui/states";
import { formatCount } from "@/lib/client/format";
import { useDeadLetter } from "@/lib/client/dead-letter-hooks";
import { useReplay, useReplayVerb, useStartReplay } from "@/lib/client/replay-hooks";
import type { DeadLetterSourceRef } from "@/lib/dlq/source-key";

type TargetChoice = "original" | "custom";

/** One message's payload as an editable text (the full preview; JSON as shown, pretty-printed), or why it cannot be edited here. */
function EditPayload({ cluster, sourceQueryString, id, draft, onDraft }: { cluster: string; sourceQueryString: string; id: string; draft: string | null; onDraft: (text: string | null) => void }) {
  const message = useDeadLetter(cluster, sourceQueryString, id);
  if (message.isPending) return <p className="text-sm text-slate-600 dark:text-slate-300">Loading the message…</p>;
  if (!message.data) return <FormError message={messageOf(message.error) ?? "the message is gone"} />;
  const { payload, masked, payloadTruncated } = message.data;
  const why = masked ? "its payload is masked for you" : payloadTruncated || payload.truncated ? "its payload is larger than the preview (edit it through the API: edit.payloadBase64)" : payload.format === "binary" ? "its payload is binary (edit it through the API: edit.payloadBase64)" : null;
  if (why !== null) return <p className="text-sm text-amber-800 dark:text-amber-200">This message cannot be edited here: {why}.</p>;
  return (
    <Field id="replay-edit-payload" label="Payload to send" hint="sent exactly as written here, as UTF-8; the message in the dead-letter store is not changed">
      <textarea id="replay-edit-payload" rows={8} spellCheck={false} className={`${INPUT} font-mono text-xs`} value={draft ?? payload.text} onChange={(e) => onDraft(e.target.value === payload.text ? null : e.target.value)} data-testid="replay-edit-payload" />
    </Field>
  );
}

export function ReplayPanel({ cluster, source, filter, total, onClose, ids, sourceQueryString }: { cluster: string; source: DeadLetterSourceRef; filter: Record<string, string>; total: number; onClose: () => void; ids?: string[]; sourceQueryString?: string }) {
  const [action, setAction] = useState<"replay" | "discard">("replay");
  const [choice, setChoice] = useState<TargetChoice>("original");
  const [targetName, setTargetName] = useState("");
  const [dryRun, setDryRun] = useState(true);
  const [rate, setRate] = useState("");
  const [confirm, setConfirm] = useState("");
  const [jobId, setJobId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  /** the edited payload; null while it equals the message's own */
  const [draft, setDraft] = useState<string | null>(null);
  const single = ids?.length === 1 && sourceQueryString !== undefined ? ids[0] : undefined;
  const start = useStartReplay();
  const isTopic = "topic" in source;
  const count = ids?.length ?? total;
  const discardConfirmed = action !== "discard" || dryRun || confirm.trim() === String(count);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = choice === "original" ? null : isTopic ? { topic: targetName.trim() } : { vhost: "vhost" in source ? source.vhost : "/", queue: targetName.trim() };
    start.mutate(
      { cluster, source, action, filter, ...(ids ? { ids } : {}), target, dryRun, ratePerSecond: rate.trim() === "" ? null : Number(rate), ...(action === "replay" && editing && draft !== null ? { edit: { payload: draft } } : {}) },
      { onSuccess: (answer) => setJobId(answer.id) },
    );
  };
  return (
    <section aria-label="Replay dead letters" className="mb-4 rounded border border-blue-200 bg-blue-50/40 p-3 dark:border-blue-900 dark:bg-blue-950/30" data-testid="replay-panel">
      {jobId === null ? (
        <form onSubmit={submit} className="flex flex-col gap-3">
          <p className="text-sm">{ids ? "This message" : <>The {formatCount(count)} {count === 1 ? "message" : "messages"} the filter selects</>}{ids ? "" : " (still waiting)"}.</p>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Field id="replay-action" label="Action">
              <select id="replay-action" className={INPUT} value={action} onChange={(e) => setAction(e.target.value === "discard" ? "discard" : "replay")}>
                <option value="replay">Replay</option>
                <option value="discard">Discard</option>
              </select>
            </Field>
            {action === "replay" ? (
              <Field id="replay-target" label="To">
                <select id="replay-target" className={INPUT} value={choice} onChange={(e) => setChoice(e.target.value === "custom" ? "custom" : "original")}>
                  <option value="original">where each came from (its headers)</option>
                  <option value="custom">{isTopic ? "a topic I name" : "a queue I name"}</option>
                </select>
              </Field>
            ) : null}
            {action === "replay" && choice === "custom" ? (
              <Field id="replay-target-name" label={isTopic ? "Topic" : "Queue (same vhost)"}>
                <input id="replay-target-name" className={INPUT} value={targetName} required onChange={(e) => setTargetName(e.target.value)} />
              </Field>
            ) : null}
            <Field id="replay-rate" label="Messages per second" hint="empty: as fast as the broker confirms">
              <input id="replay-rate" className={INPUT} inputMode="numeric" pattern="[0-9]*" value={rate} onChange={(e) => setRate(e.target.value)} />
            </Field>
          </div>
          {single !== undefined && sourceQueryString !== undefined && action === "replay" ? (
            <>
              <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={editing} onChange={(e) => setEditing(e.target.checked)} data-testid="replay-edit" /> Edit the payload before replaying it</label>
              {editing ? <EditPayload cluster={cluster} sourceQueryString={sourceQueryString} id={single} draft={draft} onDraft={setDraft} /> : null}
            </>
          ) : null}
          <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run: count what would go where, send and remove nothing</label>
          {action === "discard" && !dryRun ? (
            <Field id="replay-confirm" label={`Type ${count} to discard ${count === 1 ? "it" : `these ${count}`} for good`}>
              <input id="replay-confirm" className={INPUT} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            </Field>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={action === "discard" && !dryRun ? DANGER_BUTTON : PRIMARY_BUTTON} disabled={start.isPending || !discardConfirmed}>{dryRun ? "Start dry run" : action === "discard" ? "Discard" : "Replay"}</button>
            <button type="button" className={SECONDARY_BUTTON} onClick={onClose}>Close</button>
          </div>
          <FormError message={messageOf(start.error)} />
        </form>
      ) : (
        <ReplayProgress id={jobId} onAgain={() => setJobId(null)} onClose={onClose} />
      )}
    </section>
  );
}

const STATUS_TONES = { pending: "slate", running: "purple", paused: "amber", done: "slate", failed: "red", cancelled: "amber" } as const;

function ReplayProgress({ id, onAgain, onClose }: { id: string; onAgain: () => void; onClose: () => void }) {
  const replay = useReplay(id);
  const verb = useReplayVerb(id);
  const job = replay.data;
  if (!job) return <p className="text-sm">{replay.isError ? `Could not read the job: ${replay.error.message}` : "Starting…"}</p>;
  const handled = job.sent + job.skipped + job.parked + job.failed;
  const finished = job.status === "done" || job.status === "failed" || job.status === "cancelled";
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="replay-progress" data-status={job.status}>
      <p>
        <Badge tone={STATUS_TONES[job.status as keyof typeof STATUS_TONES] ?? "slate"} testId="replay-status">{job.status}</Badge>{" "}
        {job.dryRun ? "Dry run: " : ""}{job.edited ? "edited, " : ""}{job.action === "discard" ? "discarded" : job.dryRun ? "would send" : "sent"} <span className="tabular" data-testid="replay-sent">{formatCount(job.sent)}</span>
        {job.total !== null ? <> of {formatCount(job.total)}</> : null}; skipped {formatCount(job.skipped)}, parked {formatCount(job.parked)}, failed {formatCount(job.failed)}
      </p>
      {job.total !== null && job.total > 0 ? <progress className="w-full" max={job.total} value={Math.min(handled, job.total)} aria-label="Progress" /> : null}
      {Object.keys(job.byTarget).length > 0 ? (
        <ul className="text-xs" data-testid="replay-targets">{Object.entries(job.byTarget).map(([target, n]) => <li key={target}><Name text={target} />: <span className="tabular">{formatCount(n)}</span></li>)}</ul>
      ) : null}
      {job.errors.length > 0 ? <details><summary className="cursor-pointer text-xs">Errors ({job.errors.length})</summary><ul className="text-xs">{job.errors.map((e, i) => <li key={i}><Name text={e} /></li>)}</ul></details> : null}
      <div className="flex flex-wrap gap-2">
        {job.status === "running" || job.status === "pending" ? <button type="button" className={SECONDARY_BUTTON} onClick={() => verb.mutate("pause")} disabled={verb.isPending || job.requested !== null}>Pause</button> : null}
        {job.status === "paused" ? <button type="button" className={SECONDARY_BUTTON} onClick={() => verb.mutate("resume")} disabled={verb.isPending}>Resume</button> : null}
        {!finished ? <button type="button" className={DANGER_BUTTON} onClick={() => verb.mutate("cancel")} disabled={verb.isPending || job.requested === "cancel"}>Cancel</button> : null}
        {finished ? <button type="button" className={SECONDARY_BUTTON} onClick={onAgain}>{job.dryRun ? "Now for real…" : "Another…"}</button> : null}
        <button type="button" className={SECONDARY_BUTTON} onClick={onClose}>Close</button>
      </div>
      <FormError message={messageOf(verb.error)} />
    </div>
  );
}
