"use client";
// One dead-letter source's messages: filters in the URL (bookmarkable), newest first, paged.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Field, INPUT, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { Name } from "@/components/ui/name";
import { Badge, Empty, ErrorState, Loading, PageTitle } from "@/components/ui/states";
import { sourceQuery, useDeadLetterPage } from "@/lib/client/dead-letter-hooks";
import { formatCount } from "@/lib/client/format";
import { useUrlState } from "@/lib/client/use-url-state";
import { DEAD_LETTER_STATES } from "@/lib/dlq/dead-letter-filter";
import type { DeadLetterSourceRef } from "@/lib/dlq/source-key";
import { deadLettersPath } from "@/lib/util/page-paths";
import { BROWSE_WORDS } from "./dead-letter-sources";
import { DeadLetterMessage } from "./dead-letter-message";
import { ReplayPanel } from "./replay-panel";

const FILTER_FIELDS = [
  { name: "cause", label: "Cause (exact)", placeholder: "rejected, or an exception class" },
  { name: "exceptionClass", label: "Exception class contains", placeholder: "IllegalState" },
  { name: "original", label: "Original topic or queue", placeholder: "orders" },
  { name: "header", label: "Header name", placeholder: "x-tenant" },
  { name: "headerValue", label: "Header value contains", placeholder: "acme" },
  { name: "text", label: "Payload contains", placeholder: "order-42" },
] as const;
const FILTER_NAMES = [...FILTER_FIELDS.map((f) => f.name), "state", "from", "to"] as const;

function refOf(params: URLSearchParams): DeadLetterSourceRef | null {
  const topic = params.get("topic");
  const vhost = params.get("vhost");
  const queue = params.get("queue");
  if (topic) return { topic };
  if (vhost !== null && queue) return { vhost, queue };
  return null;
}

export function DeadLetterBrowser({ clusterId, canAct }: { clusterId: string; canAct: boolean }) {
  const [params, setParams] = useUrlState();
  const ref = refOf(params);
  if (ref === null) return <ErrorState error={new Error("name a source: ?topic=<name>, or ?vhost=<vhost>&queue=<name>")} what="dead letters" />;
  return <Browser clusterId={clusterId} canAct={canAct} source={ref} params={params} setParams={setParams} />;
}

function Browser({ clusterId, canAct, source, params, setParams }: { clusterId: string; canAct: boolean; source: DeadLetterSourceRef; params: URLSearchParams; setParams: (changes: Record<string, string | null>) => void }) {
  const [replaying, setReplaying] = useState<{ ids?: string[] } | null>(null);
  const sourceString = sourceQuery(source).toString();
  const query = new URLSearchParams(sourceString);
  for (const name of [...FILTER_NAMES, "before"]) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(FILTER_NAMES.map((name) => [name, params.get(name) ?? ""])));
  const page = useDeadLetterPage(clusterId, query.toString(), false);
  const title = "topic" in source ? source.topic : source.queue;
  const browse = page.data ? BROWSE_WORDS[page.data.source.browse] : null;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setParams({ ...Object.fromEntries(FILTER_NAMES.map((name) => [name, draft[name]?.trim() || null])), before: null });
  };
  const clear = () => {
    setDraft(Object.fromEntries(FILTER_NAMES.map((name) => [name, ""])));
    setParams({ ...Object.fromEntries(FILTER_NAMES.map((name) => [name, null])), before: null });
  };
  return (
    <div className="min-w-0">
      <PageTitle title={title} subtitle={<>{"queue" in source ? <>Queue in vhost <Name text={source.vhost} />. </> : "Dead-letter topic. "}<Link className="text-blue-700 underline dark:text-blue-300" href={deadLettersPath(clusterId)}>All dead letters</Link></>} />
      {browse ? <p className="mb-3 text-sm"><Badge tone={browse.tone}>{browse.label}</Badge> <span className="text-slate-600 dark:text-slate-400">{browse.title}.</span></p> : null}
      <form onSubmit={apply} className="mb-4 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" aria-label="Filter dead letters">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {FILTER_FIELDS.map((field) => (
            <Field key={field.name} id={`dlq-${field.name}`} label={field.label}>
              <input id={`dlq-${field.name}`} className={INPUT} value={draft[field.name] ?? ""} placeholder={field.placeholder} onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })} />
            </Field>
          ))}
          <Field id="dlq-state" label="State">
            <select id="dlq-state" className={INPUT} value={draft.state ?? ""} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
              <option value="">waiting (dead)</option>
              {[...DEAD_LETTER_STATES.filter((s) => s !== "dead"), "any"].map((state) => <option key={state} value={state}>{state}</option>)}
            </select>
          </Field>
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="submit" className={PRIMARY_BUTTON}>Filter</button>
          <button type="button" className={SECONDARY_BUTTON} onClick={clear}>Clear</button>
          <button type="button" className={SECONDARY_BUTTON} onClick={() => void page.refetch()} disabled={page.isFetching}>{page.isFetching ? "Reading…" : "Read again"}</button>
          {canAct && page.data && page.data.source.browse !== "needs-capture" ? <button type="button" className={SECONDARY_BUTTON} onClick={() => setReplaying({})} data-testid="open-replay">Replay or discard…</button> : null}
        </div>
      </form>
      {replaying && page.data ? (
        <ReplayPanel key={replaying.ids?.join(",") ?? "filter"} cluster={clusterId} source={source} filter={Object.fromEntries(FILTER_NAMES.flatMap((name) => { const value = params.get(name); return value ? [[name, name === "from" || name === "to" ? new Date(value).toISOString() : value]] : []; }))} total={page.data.total} ids={replaying.ids} sourceQueryString={sourceString} onClose={() => { setReplaying(null); void page.refetch(); }} />
      ) : null}
      {page.isPending ? <Loading what="dead letters" /> : page.isError ? <ErrorState error={page.error} what="dead letters" /> : (
        <>
          <p className="mb-2 text-sm" data-testid="dead-letter-total">{formatCount(page.data.total)} {page.data.total === 1 ? "message" : "messages"}{page.data.source.browse === "peek" ? " read from the head of the queue (up to 500) and put back" : " match"}</p>
          {page.data.messages.length === 0 ? <Empty>No dead letters match.</Empty> : (
            <ul className="flex flex-col gap-2" data-testid="dead-letter-messages">
              {page.data.messages.map((message) => <DeadLetterMessage key={message.id ?? message.identity} clusterId={clusterId} sourceQueryString={sourceString} message={message} onReplay={canAct && message.id !== null ? () => setReplaying({ ids: [message.id ?? ""] }) : undefined} />)}
            </ul>
          )}
          <div className="mt-3 flex gap-2">
            {params.get("before") ? <button type="button" className={SECONDARY_BUTTON} onClick={() => setParams({ before: null })}>Newest</button> : null}
            {page.data.nextBefore ? <button type="button" className={SECONDARY_BUTTON} onClick={() => setParams({ before: page.data.nextBefore })}>Older</button> : null}
          </div>
        </>
      )}
    </div>
  );
}
