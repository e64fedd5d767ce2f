"use client";
// One dead letter: why it died (decoded context), where it came from, its headers and its payload — every
// value as text, never HTML.
import { useState } from "react";
import { SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { Name } from "@/components/ui/name";
import { Badge } from "@/components/ui/states";
import { useDeadLetter } from "@/lib/client/dead-letter-hooks";
import { formatBytes } from "@/lib/client/format";
import { useTimeFormat } from "@/lib/client/time";
import type { DeadLetterMessageDto } from "@/lib/dlq/dead-letter-dto";
import type { DeadLetterContext } from "@/lib/dlq/decode-dead-letter";
import type { PayloadView } from "@/lib/dlq/payload-view";

const PRE = "max-h-96 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-950";
const DT = "text-xs font-medium text-slate-600 dark:text-slate-400";

function Fact({ label, value }: { label: string; value: string | number | null }) {
  if (value === null || value === "") return null;
  return (
    <div className="min-w-0">
      <dt className={DT}>{label}</dt>
      <dd className="break-words"><Name text={String(value)} /></dd>
    </div>
  );
}

function Context({ context }: { context: DeadLetterContext }) {
  const time = useTimeFormat();
  const o = context.original;
  return (
    <section aria-label="Why it died" className="mb-3">
      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        <Fact label="Cause" value={context.cause} />
        <Fact label="Conventions" value={context.sources.join(", ")} />
        <Fact label="Replayed before" value={context.replayCount > 0 ? `${context.replayCount} times` : null} />
        <Fact label="Original topic" value={o?.topic ?? null} />
        <Fact label="Partition" value={o?.partition ?? null} />
        <Fact label="Offset" value={o?.offset ?? null} />
        <Fact label="Original time" value={o?.timestamp === null || o?.timestamp === undefined ? null : time.formatDateTime(o.timestamp)} />
        <Fact label="Consumer group" value={o?.consumerGroup ?? null} />
        <Fact label="Connector" value={o?.connector === null || o?.connector === undefined ? null : `${o.connector}${o.task === null ? "" : ` task ${o.task}`}`} />
        <Fact label="Stage" value={o?.stage ?? null} />
        <Fact label="Original queue" value={o?.queue ?? null} />
        <Fact label="Original exchange" value={o === null ? null : o.exchange === "" ? "(default exchange)" : o.exchange} />
        <Fact label="Routing keys" value={o?.routingKeys.join(", ") ?? null} />
      </dl>
      {context.deaths.length > 0 ? (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-xs" data-testid="x-death">
            <thead><tr><th>Died in</th><th>Reason</th><th>Times</th><th>Exchange</th><th>Routing keys</th><th>Last time</th></tr></thead>
            <tbody>
              {context.deaths.map((death, i) => (
                <tr key={i}><td><Name text={death.queue} /></td><td>{death.reason}</td><td className="tabular">{death.count}</td><td><Name text={death.exchange || "(default)"} /></td><td><Name text={death.routingKeys.join(", ")} /></td><td className="whitespace-nowrap">{death.time === null ? "" : time.formatDateTime(death.time)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {context.exception ? (
        <div className="mt-2">
          <p className="text-sm"><span className="font-medium"><Name text={context.exception.className ?? "Exception"} /></span>{context.exception.message ? <>: <Name text={context.exception.message} /></> : null}</p>
          {context.exception.causeClassName ? <p className={DT}>caused by <Name text={context.exception.causeClassName} /></p> : null}
          {context.exception.stacktrace ? <details><summary className="cursor-pointer text-xs">Stack trace</summary><pre className={PRE}>{context.exception.stacktrace}</pre></details> : null}
        </div>
      ) : null}
    </section>
  );
}

function Payload({ view, label }: { view: PayloadView; label: string }) {
  return (
    <div className="min-w-0">
      <p className={DT}>{label}: {view.format}, {formatBytes(view.size)}{view.truncated ? " (shown in part)" : ""}</p>
      {view.format === "empty" ? <p className="text-xs text-slate-600 dark:text-slate-400">(empty)</p> : <pre className={PRE} data-testid="payload">{view.text}</pre>}
    </div>
  );
}

/** A message in a list; opening it loads the full preview of a held message. */
export function DeadLetterMessage({ clusterId, sourceQueryString, message, onReplay }: { clusterId: string; sourceQueryString: string; message: DeadLetterMessageDto; onReplay?: () => void }) {
  const [open, setOpen] = useState(false);
  const time = useTimeFormat();
  const full = useDeadLetter(clusterId, sourceQueryString, open ? message.id : null);
  const shown = full.data ?? message;
  const position = message.offset !== null ? `${message.partition ?? 0}:${message.offset}` : message.identity.startsWith("peek:") ? `#${Number(message.identity.split(":")[1]) + 1}` : message.identity.startsWith("capture:") && message.id !== null ? `#${message.id}` : message.identity;
  return (
    <li className="rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid="dead-letter-message">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 gap-y-1 p-2 text-sm">
          <span className="font-mono text-xs tabular">{position}</span>
          <span className="text-xs whitespace-nowrap text-slate-600 dark:text-slate-400" title={message.time}>{time.formatDateTime(Date.parse(message.time))}</span>
          <span className="min-w-0 font-medium" data-testid="message-cause"><Name text={message.cause ?? "(no cause given)"} /></span>
          {message.original ? <span className="min-w-0 text-xs">from <Name text={message.original} /></span> : null}
          <span className="text-xs tabular">{formatBytes(message.size)}</span>
          {message.state !== "dead" ? <Badge tone="slate">{message.state}</Badge> : null}
          {message.masked ? <Badge tone="purple" title="Masked by the config's deadLetters.masking for your role">masked</Badge> : null}
        </summary>
        <div className="border-t border-slate-100 p-2 dark:border-slate-800">
          <Context context={shown.context} />
          <details className="mb-3">
            <summary className="cursor-pointer text-xs font-medium">Headers ({Object.keys(shown.headerText).length})</summary>
            <dl className="grid grid-cols-1 gap-1 text-xs sm:grid-cols-[minmax(8rem,auto)_1fr]" data-testid="headers">
              {Object.entries(shown.headerText).map(([name, value]) => (
                <div key={name} className="contents"><dt className="font-mono break-all text-slate-600 dark:text-slate-400">{name}</dt><dd className="font-mono break-all">{value}</dd></div>
              ))}
            </dl>
          </details>
          {shown.key ? <Payload view={shown.key} label="Key" /> : null}
          <Payload view={shown.payload} label="Payload" />
          {full.isError ? <p role="alert" className="text-xs text-red-700 dark:text-red-300">Could not load the whole message: {full.error.message}</p> : null}
          {onReplay ? <p className="mt-2"><button type="button" className={SECONDARY_BUTTON} onClick={onReplay}>Replay this message…</button></p> : null}
          {message.id !== null ? (
            <p className="mt-2"><a className={SECONDARY_BUTTON} href={`/api/v1/clusters/${encodeURIComponent(clusterId)}/dead-letters/messages/${encodeURIComponent(message.id)}/payload?${sourceQueryString}`} download>Download payload{shown.payloadTruncated ? " (the part Queuewatch holds)" : ""}</a></p>
          ) : null}
        </div>
      </details>
    </li>
  );
}
