"use client";

import { useState } from "react";
import { DANGER_BUTTON, FormError, FormSuccess, PRIMARY_BUTTON, SECONDARY_BUTTON, messageOf } from "@/components/auth/form-ui";
import { DataTable, TableHead } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { QueryStates } from "@/components/ui/states";
import type { DeliveryDto } from "@/lib/alerts/alert-dto";
import type { DeliveryResult } from "@/lib/alerts/notification";
import { DELIVERY_LOG_LIMIT, useContactPoints, useDeleteContactPoint, useDeliveries, useTestContactPoint, type ContactPointDto } from "@/lib/client/alert-rule-hooks";
import { routingSummary, targetSummary } from "@/lib/client/contact-point-form";
import { formatAgo } from "@/lib/client/format";
import { useTimeFormat } from "@/lib/client/time";
import { Pill, ProblemsWarning, SECTION, SourceBadge, type Tone } from "./alert-form-ui";
import { ContactPointFormCard, TYPE_SHORT } from "./contact-point-form";

type Editing = { kind: "new" } | { kind: "edit"; id: string } | null;

/** Every contact point with its target, routing and latest delivery; send a test, read its delivery log; create, change, delete. */
export function ContactPointsView({ canEdit }: { canEdit: boolean }) {
  const points = useContactPoints();
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
  };
  return (
    <section className="min-w-0" aria-label="Contact points">
      {canEdit && editing === null ? (
        <div className="mb-3">
          <button type="button" className={PRIMARY_BUTTON} onClick={() => { setMessage(null); setEditing({ kind: "new" }); }} data-testid="new-contact-point">New contact point</button>
        </div>
      ) : null}
      <div className="mb-3 empty:hidden"><FormSuccess message={message} /></div>
      {editing?.kind === "new" ? (
        <div className="mb-4"><ContactPointFormCard existing={null} onDone={done} onCancel={() => setEditing(null)} /></div>
      ) : null}
      <ProblemsWarning problems={points.data?.problems ?? []} what="contact point" />
      <QueryStates query={points} what="contact points" isEmpty={(answer) => answer.contactPoints.length === 0}
        empty={canEdit ? "No contact points yet: add one with “New contact point”, then name it in a rule’s Notify." : "No contact points yet."}>
        {(answer) => (
          <ul className="grid gap-4" data-testid="contact-points">
            {answer.contactPoints.map((point) => (
              <li key={point.id} className="min-w-0">
                {editing?.kind === "edit" && editing.id === point.id ? (
                  <ContactPointFormCard existing={point} onDone={done} onCancel={() => setEditing(null)} />
                ) : (
                  <ContactPointCard point={point} canEdit={canEdit} nowMs={points.dataUpdatedAt} onEdit={() => { setMessage(null); setEditing({ kind: "edit", id: point.id }); }} onDeleted={(name) => setMessage(`Contact point “${name}” deleted.`)} />
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
    </section>
  );
}

function ContactPointCard({ point, canEdit, nowMs, onEdit, onDeleted }: { point: ContactPointDto; canEdit: boolean; nowMs: number; onEdit: () => void; onDeleted: (name: string) => void }) {
  const view = point.contactPoint;
  const test = useTestContactPoint();
  const remove = useDeleteContactPoint();
  const [confirming, setConfirming] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const headingId = `cp-${point.id}`;
  return (
    <article className={SECTION} aria-labelledby={headingId} data-testid="contact-point" data-name={view.name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="flex min-w-0 flex-wrap items-center gap-2 font-medium">
          <Name text={view.name} />
          <Pill tone="blue">{TYPE_SHORT[view.type]}</Pill>
          {point.source === "config" ? <SourceBadge source="config" /> : null}
        </h2>
        <div className="flex flex-wrap gap-2">
          {canEdit ? (
            <button type="button" className={SECONDARY_BUTTON} disabled={test.isPending} onClick={() => test.mutate(point.id)} data-testid="send-test">
              {test.isPending ? "Sending…" : "Send test"}<span className="sr-only">{` to ${view.name}`}</span>
            </button>
          ) : null}
          <button type="button" className={SECONDARY_BUTTON} aria-expanded={showLog} aria-controls={`${headingId}-log`} onClick={() => setShowLog(!showLog)}>
            {showLog ? "Hide deliveries" : "Deliveries"}<span className="sr-only">{` of ${view.name}`}</span>
          </button>
          {canEdit && point.editable ? (
            <>
              <button type="button" className={SECONDARY_BUTTON} onClick={onEdit}>Edit<span className="sr-only">{` ${view.name}`}</span></button>
              {confirming ? null : (
                <button type="button" className={DANGER_BUTTON} onClick={() => { remove.reset(); setConfirming(true); }}>Delete<span className="sr-only">{` ${view.name}`}</span></button>
              )}
            </>
          ) : null}
        </div>
      </div>
      {point.source === "config" ? <p className="mt-1 text-xs text-purple-900 dark:text-purple-200">Defined in the configuration file: read-only here.</p> : null}
      {confirming ? (
        <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm deleting ${view.name}`}>
          <span className="text-sm">Delete “{view.name}”? Rules that notify it must be changed first.</span>
          <button type="button" className={DANGER_BUTTON} disabled={remove.isPending}
            onClick={() => remove.mutate(point.id, { onSuccess: () => onDeleted(view.name), onSettled: () => setConfirming(false) })}>Yes, delete</button>
          <button type="button" className={SECONDARY_BUTTON} disabled={remove.isPending} onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      ) : null}
      <div className="mt-1 empty:hidden"><FormError message={messageOf(remove.error)} /></div>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
        <dt className="text-slate-600 dark:text-slate-400">Sends to</dt>
        <dd className="min-w-0 font-mono text-xs break-words" data-testid="target">{targetSummary(view)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Routing</dt>
        <dd className="min-w-0 text-xs break-words" data-testid="routing">{routingSummary(view)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Last delivery</dt>
        <dd className="min-w-0" data-testid="last-delivery"><LastDelivery delivery={point.lastDelivery} nowMs={nowMs} /></dd>
      </dl>
      {test.isPending || test.data || test.error ? (
        <div className="mt-3" data-testid="test-result">
          {test.isPending ? <p role="status" className="text-sm">Sending a test alert…</p> : null}
          {test.data ? <TestResult result={test.data} /> : null}
          <FormError message={messageOf(test.error)} />
        </div>
      ) : null}
      {showLog ? <div id={`${headingId}-log`} className="mt-3"><DeliveryLog name={view.name} /></div> : null}
    </article>
  );
}

const DELIVERY_WORDS: Record<string, string> = { firing: "firing notification", resolved: "resolved notification", test: "test alert" };

function okTone(ok: boolean): Tone {
  return ok ? "green" : "red";
}

/** `nowMs`: when the list was fetched ("2 min ago" is relative to the answer). */
function LastDelivery({ delivery, nowMs }: { delivery: DeliveryDto | null; nowMs: number }) {
  const time = useTimeFormat();
  if (!delivery) return <span className="text-sm text-slate-600 dark:text-slate-300">none yet</span>;
  const at = Date.parse(delivery.at);
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <Pill tone={okTone(delivery.ok)}>{delivery.ok ? "delivered" : "failed"}</Pill>
      <span>{DELIVERY_WORDS[delivery.status] ?? delivery.status}{delivery.responseStatus === null ? "" : `, status ${delivery.responseStatus}`}</span>
      <time dateTime={delivery.at} title={time.formatDateTime(at)} className="text-slate-600 dark:text-slate-300">{formatAgo(delivery.at, nowMs)}</time>
      {delivery.ok || !delivery.error ? null : <span className="min-w-0 text-xs break-words text-red-800 dark:text-red-200">{delivery.error}</span>}
    </span>
  );
}

/** "Send test"'s answer: delivered or not, the receiver's status and reply (or the error), attempts and time. */
function TestResult({ result }: { result: DeliveryResult }) {
  const tone = result.ok
    ? "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-50"
    : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100";
  return (
    <div role="status" className={`rounded border px-3 py-2 text-sm ${tone}`}>
      <p className="font-medium">
        {result.ok ? "Test alert delivered" : "Test alert not delivered"}
        {result.status === null ? " (no answer)" : ` · status ${result.status}`} · {result.attempts} {result.attempts === 1 ? "attempt" : "attempts"} · {result.durationMs} ms
      </p>
      {result.error ? <p className="mt-1 break-words">Error: {result.error}</p> : null}
      {result.response ? <pre className="mt-1 max-h-32 overflow-auto text-xs break-all whitespace-pre-wrap" tabIndex={0} aria-label="Response">{result.response}</pre> : null}
    </div>
  );
}

const STATUS_TONES: Record<string, Tone> = { firing: "red", resolved: "green", test: "slate" };

function DeliveryLog({ name }: { name: string }) {
  const deliveries = useDeliveries(name);
  const time = useTimeFormat();
  return (
    <div className="min-w-0">
      <h3 className="mb-1 text-sm font-medium">Latest deliveries <span className="font-normal text-slate-600 dark:text-slate-300">(up to {DELIVERY_LOG_LIMIT}, times in {time.zoneLabel})</span></h3>
      <QueryStates query={deliveries} what="deliveries" isEmpty={(list) => list.length === 0} empty="Nothing sent yet.">
        {(list) => (
          <DataTable label={`Deliveries to ${name}`} testId="delivery-log">
            <TableHead columns={["Time", "Status", "Alerts", "Result", "Code", "Attempts", "Took", "Response or error"]} />
            <tbody>
              {list.map((d) => (
                <tr key={d.id} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="whitespace-nowrap">{time.formatDateTime(Date.parse(d.at))}</td>
                  <td><Pill tone={STATUS_TONES[d.status] ?? "slate"}>{d.status}</Pill></td>
                  <td className="tabular">{d.alertCount}</td>
                  <td><Pill tone={okTone(d.ok)}>{d.ok ? "ok" : "failed"}</Pill></td>
                  <td className="tabular">{d.responseStatus ?? "—"}</td>
                  <td className="tabular">{d.attempts}</td>
                  <td className="tabular whitespace-nowrap">{d.durationMs} ms</td>
                  <td className="max-w-md min-w-[12rem] text-xs"><ResponseText delivery={d} /></td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryStates>
    </div>
  );
}

const SHORT = 120;

function ResponseText({ delivery }: { delivery: DeliveryDto }) {
  const text = delivery.error ? `${delivery.error}${delivery.response ? ` — ${delivery.response}` : ""}` : delivery.response;
  if (text === "") return <span className="text-slate-600 dark:text-slate-400">—</span>;
  const tone = delivery.error ? "text-red-800 dark:text-red-200" : "";
  if (text.length <= SHORT) return <span className={`break-all ${tone}`}>{text}</span>;
  return (
    <details className={tone}>
      <summary className="cursor-pointer break-all">{text.slice(0, SHORT)}…</summary>
      <p className="mt-1 break-all whitespace-pre-wrap">{text}</p>
    </details>
  );
}
