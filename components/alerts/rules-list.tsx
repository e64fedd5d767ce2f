"use client";

import Link from "next/link";
import { Fragment } from "react";
import { PRIMARY_BUTTON } from "@/components/auth/form-ui";
import { DataTable, NAME_CELL, TableHead } from "@/components/ui/data-table";
import { Name } from "@/components/ui/name";
import { QueryStates } from "@/components/ui/states";
import type { AlertRuleDto } from "@/lib/alerts/alert-dto";
import { alertMetric } from "@/lib/alerts/alert-metrics";
import { useAlertRules } from "@/lib/client/alert-rule-hooks";
import { matcherTexts, splitRuleName, stateCounts, thresholdText } from "@/lib/client/rule-text";
import { useUrlState } from "@/lib/client/use-url-state";
import { FIELD_INPUT, Pill, ProblemsWarning, SeverityBadge, SourceBadge, STATE_TONES, STATE_WORDS } from "./alert-form-ui";
import { NEW_RULE_PATH, rulePath } from "./alert-paths";

const COLUMNS = ["Name", "Metric", "Condition", "Matchers", "Severity", "Source", "Enabled", "Instances now", "Notify"] as const;

/** Case-insensitive match of the filter text against the rule's name and metric. */
const matchesFilter = (rule: AlertRuleDto, filter: string) => {
  const needle = filter.trim().toLowerCase();
  return needle === "" || rule.rule.name.toLowerCase().includes(needle) || rule.rule.metric.toLowerCase().includes(needle);
};

/** Every rule (config file, defaults, created here) with what it watches and how many instances each state holds now. */
export function RulesList({ canEdit }: { canEdit: boolean }) {
  const rules = useAlertRules();
  const [params, setParams] = useUrlState();
  const filter = params.get("q") ?? "";
  return (
    <section className="min-w-0" aria-label="Alert rules">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <label className="text-sm">
          <span className="mb-1 block text-slate-700 dark:text-slate-300">Filter rules</span>
          <span className="block w-64 max-w-full">
            <input type="search" value={filter} onChange={(e) => setParams({ q: e.target.value })} placeholder="name or metric" className={FIELD_INPUT} />
          </span>
        </label>
        {canEdit ? <Link href={NEW_RULE_PATH} className={PRIMARY_BUTTON} data-testid="new-rule">New rule</Link> : null}
      </div>
      <ProblemsWarning problems={rules.data?.problems ?? []} what="rule" />
      <QueryStates query={rules} what="alert rules" isEmpty={(answer) => answer.rules.length === 0}
        empty={canEdit ? "No alert rules yet: create one with “New rule”." : "No alert rules yet."}>
        {(answer) => {
          const shown = answer.rules.filter((rule) => matchesFilter(rule, filter));
          return shown.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-300">No rule matches “{filter}”.</p>
          ) : (
            <DataTable label="Alert rules" testId="rules-table">
              <TableHead columns={COLUMNS} />
              <tbody>
                {shown.map((rule) => <RuleRow key={rule.id} rule={rule} />)}
              </tbody>
            </DataTable>
          );
        }}
      </QueryStates>
    </section>
  );
}

function RuleRow({ rule: dto }: { rule: AlertRuleDto }) {
  const { rule } = dto;
  const metric = alertMetric(rule.metric);
  const matchers = matcherTexts(rule);
  const counts = stateCounts(dto.states);
  return (
    <tr className={`border-b border-slate-100 dark:border-slate-800 ${rule.enabled ? "" : "text-slate-600 dark:text-slate-400"}`} data-testid="rule-row" data-rule-name={rule.name}>
      <td className={NAME_CELL}>
        <Link href={rulePath(dto.id)} className="font-medium break-words text-blue-700 hover:underline dark:text-blue-300">
          {splitRuleName(rule.name).map((part, i) => <Fragment key={i}>{i > 0 ? <wbr /> : null}{part}</Fragment>)}
        </Link>
      </td>
      <td className="min-w-[10rem] font-mono text-xs" title={metric ? `${metric.help} (${metric.unit})` : undefined}><Name text={rule.metric} /></td>
      <td className="font-mono text-xs whitespace-nowrap" data-testid="rule-condition">{thresholdText(rule)}</td>
      <td className="min-w-[10rem] font-mono text-xs">
        {matchers.length === 0 ? <span className="font-sans text-slate-600 dark:text-slate-400">every entity</span> : (
          <ul>{matchers.map((text, i) => <li key={i} className="break-all">{text}</li>)}</ul>
        )}
      </td>
      <td><SeverityBadge severity={rule.severity} /></td>
      <td><SourceBadge source={dto.source} /></td>
      <td>{rule.enabled ? "yes" : <Pill tone="slate">disabled</Pill>}</td>
      <td>
        {counts.length === 0 ? <span className="text-slate-600 dark:text-slate-400">none</span> : (
          <span className="flex flex-wrap gap-1" data-testid="rule-states">
            {counts.map(({ state, count }) => <Pill key={state} tone={STATE_TONES[state]}>{count} {STATE_WORDS[state]}</Pill>)}
          </span>
        )}
      </td>
      <td className="min-w-[8rem]">
        {rule.notify.length === 0 ? <span className="text-slate-600 dark:text-slate-400" title="Only contact points whose routing match selects these alerts get them">routing only</span> : (
          <ul>{rule.notify.map((name) => <li key={name}><Name text={name} /></li>)}</ul>
        )}
      </td>
    </tr>
  );
}
