"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { DANGER_BUTTON, FormError, FormSuccess, messageOf, PRIMARY_BUTTON, SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { DataTable, TableHead } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { Empty, ErrorState, Loading, PageTitle } from "@/components/ui/states";
import type { AlertInstanceDto, SilenceDto } from "@/lib/alerts/alert-dto";
import { useAlerts, useExpireSilence, useSilences } from "@/lib/client/alert-hooks";
import { useTimeFormat } from "@/lib/client/time";
import { useUrlState } from "@/lib/client/use-url-state";
import { WhenText, ZoneLabel } from "./alert-chips";
import { formatMatcher, matchersFromParams, silenceAnchor } from "./alert-filters";
import { AlertsNav } from "./alerts-nav";
import { SilenceForm } from "./silence-form";

const GROUPS = [
  { status: "active", title: "Active" },
  { status: "pending", title: "Pending (start later)" },
  { status: "expired", title: "Expired (last 7 days)" },
] as const satisfies readonly { status: SilenceDto["status"]; title: string }[];

const STATUS_STYLES: Record<SilenceDto["status"], string> = {
  active: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  expired: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

/** Matchers, status, starts, ends, comment, created by, mutes now, actions (editors only). */
const COLUMN_WIDTHS = ["w-[15rem]", "w-[6rem]", "w-[11rem]", "w-[11rem]", "w-[16rem]", "w-[9rem]", "w-[6.5rem]", "w-[11rem]"] as const;

function subscribeHash(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

/** The URL's #fragment (a link from an alert's "silenced" badge points at one silence). */
function useLocationHash(): string {
  return useSyncExternalStore(subscribeHash, () => window.location.hash, () => "");
}

/** Silences: the form for a new one (operators and admins; opened and prefilled from the URL), then every silence by status. */
export function SilencesView({ canEdit }: { canEdit: boolean }) {
  const silences = useSilences();
  const alerts = useAlerts();
  const time = useTimeFormat();
  const [params, setParams] = useUrlState();
  const [created, setCreated] = useState<SilenceDto | null>(null);
  const hash = useLocationHash();
  const highlighted = created ? silenceAnchor(created.id) : hash.slice(1);
  const formOpen = canEdit && params.get("new") === "1";
  const matcherParams = params.getAll("matcher");
  const loaded = silences.data !== undefined;

  // The linked silence is in the list only once it has loaded: then bring it into view.
  useEffect(() => {
    if (loaded && highlighted !== "") document.getElementById(highlighted)?.scrollIntoView({ block: "center" });
  }, [loaded, highlighted]);

  return (
    <div className="min-w-0">
      <PageTitle title="Silences" subtitle={<>A silence mutes the notifications of the alerts it matches until it ends. Times in <ZoneLabel />.</>} />
      <AlertsNav current="silences" />
      {!canEdit ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300" data-testid="silences-read-only">Only operators and admins can create or expire silences.</p>
      ) : formOpen ? (
        <SilenceForm key={matcherParams.join("\n")} initialMatchers={matchersFromParams(matcherParams)} alerts={alerts.data?.alerts}
          onCreated={(silence) => {
            setCreated(silence);
            setParams({ new: null, matcher: null });
          }}
          onCancel={() => setParams({ new: null, matcher: null })} />
      ) : (
        <div className="mb-4">
          <button type="button" className={PRIMARY_BUTTON} onClick={() => {
            setCreated(null);
            setParams({ new: "1" });
          }}>New silence</button>
        </div>
      )}
      {created && !formOpen ? (
        <div className="mb-4">
          <FormSuccess message={`Silence created: it ends ${time.formatDateTime(Date.parse(created.endsAt))}.`} />
        </div>
      ) : null}
      {silences.isPending ? (
        <Loading what="silences" />
      ) : silences.data === undefined ? (
        <ErrorState error={silences.error} what="silences" />
      ) : silences.data.length === 0 ? (
        <Empty>No silences: no alert is muted.{canEdit ? " Silence an alert from the Alerts page, or with “New silence”." : ""}</Empty>
      ) : (
        <>
          {silences.isError ? <ErrorState error={silences.error} what="the latest silences (showing the last list)" /> : null}
          {GROUPS.map(({ status, title }) => {
            const list = silences.data.filter((s) => s.status === status);
            if (list.length === 0) return null;
            return (
              // one column layout for the three tables, so their columns line up
              <section key={status} aria-label={`${title} silences`} className="min-w-0 [&_table]:table-fixed" data-testid={`silences-${status}`}>
                <h2 className="mb-2 font-medium">{title} <span className="text-sm font-normal text-slate-600 dark:text-slate-300">({list.length})</span></h2>
                <DataTable label={`${title} silences`}>
                  <colgroup>{(canEdit ? COLUMN_WIDTHS : COLUMN_WIDTHS.slice(0, -1)).map((width, i) => <col key={i} className={width} />)}</colgroup>
                  <TableHead columns={["Matchers", "Status", "Starts", "Ends", "Comment", "Created by", "Mutes now", ...(canEdit ? ["Actions"] : [])]} />
                  <tbody>
                    {list.map((silence) => (
                      <SilenceRow key={silence.id} silence={silence} canEdit={canEdit} highlighted={silenceAnchor(silence.id) === highlighted}
                        alerts={alerts.data?.alerts} nowMs={silences.dataUpdatedAt} />
                    ))}
                  </tbody>
                </DataTable>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}

function SilenceRow({ silence, canEdit, highlighted, alerts, nowMs }: { silence: SilenceDto; canEdit: boolean; highlighted: boolean; alerts: AlertInstanceDto[] | undefined; nowMs: number }) {
  const expire = useExpireSilence();
  const [confirming, setConfirming] = useState(false);
  const mutes = alerts?.filter((alert) => alert.silencedBy.includes(silence.id)).length;
  const describe = silence.matchers.map(formatMatcher).join(", ");
  return (
    <tr id={silenceAnchor(silence.id)} data-testid="silence-row" data-status={silence.status}
      className={`border-b border-slate-100 dark:border-slate-800 ${highlighted ? "[&>td]:bg-amber-50! dark:[&>td]:bg-amber-950!" : ""}`} data-highlighted={highlighted || undefined}>
      <td>
        <ul className="flex flex-wrap gap-1" aria-label="Matchers">
          {silence.matchers.map((matcher, i) => (
            <li key={i} className="max-w-full rounded bg-slate-100 px-1.5 py-px font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100"><Name text={formatMatcher(matcher)} /></li>
          ))}
        </ul>
      </td>
      <td><span className={`rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_STYLES[silence.status]}`}>{silence.status}</span></td>
      <td className="text-xs"><WhenText iso={silence.startsAt} nowMs={nowMs} stacked /></td>
      <td className="text-xs"><WhenText iso={silence.endsAt} nowMs={nowMs} stacked /></td>
      <td className="break-words">{silence.comment}</td>
      <td className="break-words">{silence.createdBy}</td>
      <td className="tabular" title="alerts it mutes at the moment">{silence.status === "active" ? (mutes === undefined ? "…" : mutes) : "—"}</td>
      {canEdit ? (
        <td className="relative">
          {silence.status === "expired" ? null : confirming ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm expiring the silence ${describe}`}>
              <span className="text-xs">Its alerts notify again.</span>
              <button type="button" className={DANGER_BUTTON} disabled={expire.isPending} onClick={() => expire.mutate(silence.id, { onSettled: () => setConfirming(false) })}>
                Yes, expire<span className="sr-only">{` the silence ${describe}`}</span>
              </button>
              <button type="button" className={SECONDARY_BUTTON} disabled={expire.isPending} onClick={() => setConfirming(false)}>Cancel</button>
            </div>
          ) : (
            <button type="button" className={DANGER_BUTTON} onClick={() => { expire.reset(); setConfirming(true); }}>
              Expire<span className="sr-only">{` the silence ${describe}`}</span>
            </button>
          )}
          <div className="mt-1"><FormError message={messageOf(expire.error)} /></div>
        </td>
      ) : null}
    </tr>
  );
}
