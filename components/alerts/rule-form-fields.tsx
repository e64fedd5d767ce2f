"use client";

import { SECONDARY_BUTTON } from "@/components/auth/form-ui";
import { alertMetric } from "@/lib/alerts/alert-metrics";
import type { GapPolicy } from "@/lib/alerts/alert-state";
import { COMPARISON_OPS, GAP_POLICIES, SEVERITIES, type ComparisonOp, type Severity } from "@/lib/alerts/rule-schema";
import { renderTemplate } from "@/lib/alerts/render-template";
import { MATCHER_OP_LABELS, MATCHER_ROW_OPS, matcherLabels, metricGroups, type FieldErrors, type MatcherRow, type MatcherRowOp, type NamedAnnotation, type RuleForm } from "@/lib/client/rule-form";
import { entityLabel } from "@/lib/client/backtest-view";
import type { ExampleEntity } from "@/lib/client/rule-text";
import { CHECKBOX, describedBy, FieldMessages, FIELD_INPUT, FormSection, HINT, KeyValueRows, LabeledField } from "./alert-form-ui";

export type RuleFormPatch = Partial<RuleForm>;

/** The example's entity labels, without the rule's own (alertname, severity). */
function entityLabels(example: ExampleEntity): Record<string, string> {
  const { alertname: _alertname, severity: _severity, ...entity } = example.labels;
  return entity;
}

const NO_DATA_HELP: Record<GapPolicy, string> = {
  alert: "alert: an entity that disappears or has no value fires as “no data”.",
  ok: "ok: no data counts as the condition being false, so a firing alert resolves.",
  keep: "keep: nothing changes while there is no data; the alert stays as it was.",
};
const ERROR_HELP: Record<GapPolicy, string> = {
  alert: "alert: when the cluster cannot be polled, every instance fires as “error”.",
  ok: "ok: a failed poll counts as the condition being false, so alerts resolve.",
  keep: "keep: a failed poll changes nothing; alerts stay as they were until polls succeed.",
};
const OP_WORDS: Record<ComparisonOp, string> = { ">": "> above", ">=": ">= at or above", "<": "< below", "<=": "<= at or below", "==": "== equal to", "!=": "!= not equal to" };

const ANNOTATION_FIELDS: { key: NamedAnnotation; label: string; multiline: boolean }[] = [
  { key: "summary", label: "Summary", multiline: false },
  { key: "description", label: "Description", multiline: true },
  { key: "runbook_url", label: "Runbook URL", multiline: false },
];

/** Example templates for the chosen metric: its main entity label ("queue", "group", "node"…) and its unit. */
function annotationPlaceholder(key: NamedAnnotation, metric: string): string {
  const info = alertMetric(metric);
  const label = info?.labels.find((l) => l !== "vhost") ?? "cluster";
  const value = info?.unit === "seconds" ? "{{ $value | humanizeDuration }}" : `{{ $value | humanize }}${info && /^[a-z/]+$/.test(info.unit) ? ` ${info.unit}` : ""}`;
  if (key === "summary") return `{{ $labels.${label} }} is at ${value}`;
  if (key === "description") return `{{ $labels.${label} }} on {{ $labels.cluster }} has been at ${value} for a while.`;
  return "https://runbooks.example.com/…";
}

/** Every field of a rule, grouped; `errors` holds only the messages to show now. */
export function RuleFormFields({ idPrefix, form, onChange, errors, clusterIds, contactPointNames, example, exampleIsReal, readOnly }: {
  idPrefix: string;
  /** a view (viewers, config rules): no placeholders, no add/remove, choices as text */
  readOnly: boolean;
  form: RuleForm;
  onChange: (patch: RuleFormPatch) => void;
  errors: FieldErrors;
  clusterIds: readonly string[];
  /** null while the contact points load (or failed) */
  contactPointNames: readonly string[] | null;
  example: ExampleEntity;
  /** the example is a real entity (from the backtest), not made up from the matchers */
  exampleIsReal: boolean;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="grid gap-4">
      <FormSection id={id("basics")} title="Rule">
        <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <LabeledField id={id("name")} label="Name" hint={readOnly ? "The alerts’ alertname." : "The alerts’ alertname: letters, digits, space, _ . : -"} messages={errors.name}>
            <input id={id("name")} type="text" value={form.name} maxLength={100} autoComplete="off" spellCheck={false} placeholder={readOnly ? undefined : "e.g. OrdersConsumerLag"}
              onChange={(e) => onChange({ name: e.target.value })} className={FIELD_INPUT} {...describedBy(id("name"), errors.name, true)} />
          </LabeledField>
          <LabeledField id={id("severity")} label="Severity" messages={errors.severity}>
            <select id={id("severity")} value={form.severity} onChange={(e) => onChange({ severity: e.target.value as Severity })} className={FIELD_INPUT}>
              {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </LabeledField>
        </div>
        {readOnly ? (
          <p className="text-sm" data-testid="rule-enabled">{form.enabled ? "Enabled: evaluated on every poll." : "Disabled: kept, but not evaluated."}</p>
        ) : (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} className={CHECKBOX} />
            Enabled <span className={HINT}>(a disabled rule is kept but not evaluated)</span>
          </label>
        )}
      </FormSection>

      <FormSection id={id("condition")} title="Condition" description="Each entity the matchers select is one alert instance; it fires once its value has met the condition for the “for” duration.">
        <MetricPicker id={id("metric")} metric={form.metric} onChange={(metric) => onChange({ metric })} messages={errors.metric} />
        <MatcherRows id={id("matchers")} readOnly={readOnly} metric={form.metric} rows={form.matchers} clusterIds={clusterIds} onChange={(matchers) => onChange({ matchers })} messages={errors.matchers} />
        <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] gap-3">
          <LabeledField id={id("op")} label="Fires when the value is" messages={errors.op}>
            <select id={id("op")} value={form.op} onChange={(e) => onChange({ op: e.target.value as ComparisonOp })} className={FIELD_INPUT}>
              {COMPARISON_OPS.map((op) => <option key={op} value={op}>{OP_WORDS[op]}</option>)}
            </select>
          </LabeledField>
          <LabeledField id={id("threshold")} label={`Threshold${alertMetric(form.metric) ? ` (${alertMetric(form.metric)?.unit})` : ""}`} messages={errors.threshold}>
            <input id={id("threshold")} type="text" inputMode="decimal" value={form.threshold} autoComplete="off" placeholder={readOnly ? undefined : "e.g. 10000"}
              onChange={(e) => onChange({ threshold: e.target.value })} className={`${FIELD_INPUT} tabular`} {...describedBy(id("threshold"), errors.threshold)} />
          </LabeledField>
          <LabeledField id={id("for")} label="For" hint="pending until true this long; 0s fires at once" messages={errors.for}>
            <input id={id("for")} type="text" value={form.for} autoComplete="off" spellCheck={false} placeholder="0s"
              onChange={(e) => onChange({ for: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(id("for"), errors.for, true)} />
          </LabeledField>
          <LabeledField id={id("keep")} label="Keep firing for" hint="stays firing this long after the condition clears" messages={errors.keepFiringFor}>
            <input id={id("keep")} type="text" value={form.keepFiringFor} autoComplete="off" spellCheck={false} placeholder="0s"
              onChange={(e) => onChange({ keepFiringFor: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(id("keep"), errors.keepFiringFor, true)} />
          </LabeledField>
        </div>
        <p className={HINT}>Durations such as 30s, 5m, 4h or 1h30m.</p>
      </FormSection>

      <FormSection id={id("gaps")} title="Missing data and failed polls">
        <div className="grid gap-3 sm:grid-cols-2">
          <LabeledField id={id("nodata")} label="No data" hint={NO_DATA_HELP[form.noData]} messages={errors.noData}>
            <select id={id("nodata")} value={form.noData} onChange={(e) => onChange({ noData: e.target.value as GapPolicy })} className={FIELD_INPUT} {...describedBy(id("nodata"), errors.noData, true)}>
              {GAP_POLICIES.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </LabeledField>
          <LabeledField id={id("error")} label="Poll error" hint={ERROR_HELP[form.error]} messages={errors.error}>
            <select id={id("error")} value={form.error} onChange={(e) => onChange({ error: e.target.value as GapPolicy })} className={FIELD_INPUT} {...describedBy(id("error"), errors.error, true)}>
              {GAP_POLICIES.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </LabeledField>
        </div>
      </FormSection>

      <FormSection id={id("texts")} title="Texts and labels"
        description={<>Templates: <code>{"{{ $labels.queue }}"}</code>, <code>{"{{ $value }}"}</code>, <code>{"{{ $value | humanize }}"}</code>, <code>{"{{ $value | humanizeDuration }}"}</code>. Previews show {exampleIsReal ? "an entity of this rule" : "a made-up entity"}: <span className="break-all">{entityLabel(entityLabels(example), alertMetric(form.metric)?.labels)}</span>, value {example.value ?? "no data"}.</>}>
        {readOnly && ANNOTATION_FIELDS.every((field) => form.annotations[field.key].trim() === "") ? <p className="text-sm text-slate-600 dark:text-slate-300">No summary, description or runbook URL.</p> : null}
        {ANNOTATION_FIELDS.filter((field) => !readOnly || form.annotations[field.key].trim() !== "").map((field) => (
          <AnnotationField key={field.key} id={id(`annotation-${field.key}`)} field={field} placeholder={readOnly ? "" : annotationPlaceholder(field.key, form.metric)} value={form.annotations[field.key]} example={example}
            messages={errors[`annotations.${field.key}`]} onChange={(text) => onChange({ annotations: { ...form.annotations, [field.key]: text } })} />
        ))}
        <KeyValueRows id={id("other-annotations")} title="Other annotations" rows={form.otherAnnotations} onChange={(otherAnnotations) => onChange({ otherAnnotations })}
          readOnly={readOnly} keyLabel="Annotation name" valueLabel="Annotation text" addLabel="Add annotation" keyPlaceholder="dashboard" valuePlaceholder="https://grafana.example.com/…" messages={errors.annotations} />
        <KeyValueRows id={id("labels")} title="Extra labels" hint="Added to every alert of this rule (for routing and silences), e.g. team=payments." rows={form.labels} onChange={(labels) => onChange({ labels })}
          readOnly={readOnly} keyLabel="Label name" valueLabel="Label value" addLabel="Add label" keyPlaceholder="team" valuePlaceholder="payments" messages={errors.labels} />
      </FormSection>

      <FormSection id={id("notify")} title="Notify" description="Contact points this rule’s alerts go to. A contact point whose routing match selects them gets them too.">
        <NotifyChoices id={id("notify")} readOnly={readOnly} selected={form.notify} names={contactPointNames} onChange={(notify) => onChange({ notify })} messages={errors.notify} />
      </FormSection>
    </div>
  );
}

function MetricPicker({ id, metric, onChange, messages }: { id: string; metric: string; onChange: (metric: string) => void; messages?: readonly string[] }) {
  const info = alertMetric(metric);
  return (
    <LabeledField id={id} label="Metric" messages={messages}
      hint={info ? <><span>{info.help}.</span> <span className="whitespace-nowrap">Unit: {info.unit}.</span> <span className="whitespace-nowrap">Labels: {["cluster", ...info.labels].join(", ")}.</span></> : "Choose a metric."}>
      <select id={id} value={metric} onChange={(e) => onChange(e.target.value)} className={`${FIELD_INPUT} font-mono`} {...describedBy(id, messages, true)}>
        {info ? null : <option value={metric}>{metric} (unknown)</option>}
        {metricGroups().map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.metrics.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
          </optgroup>
        ))}
      </select>
    </LabeledField>
  );
}

function MatcherRows({ id, readOnly, metric, rows, clusterIds, onChange, messages }: {
  id: string;
  readOnly: boolean;
  metric: string;
  rows: readonly MatcherRow[];
  clusterIds: readonly string[];
  onChange: (rows: MatcherRow[]) => void;
  messages?: readonly string[];
}) {
  const labels = matcherLabels(metric);
  const set = (index: number, change: Partial<MatcherRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const nextLabel = labels.find((label) => !rows.some((row) => row.label === label)) ?? labels[0] ?? "cluster";
  return (
    <div className="min-w-0" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="mb-1 text-sm font-medium text-slate-800 dark:text-slate-200">Matchers</p>
      <p className={`mb-2 ${HINT}`}>
        {rows.length === 0 ? "None: the rule watches every entity of the metric on every cluster. " : "All must hold. "}
        glob: <code>*</code> any text, <code>?</code> one character; regexes match the whole value.
      </p>
      <datalist id={`${id}-clusters`}>
        {clusterIds.map((cluster) => <option key={cluster} value={cluster} />)}
      </datalist>
      {rows.length > 0 ? (
        <ul className="grid gap-2">
          {rows.map((row, index) => (
            <li key={index} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] items-start gap-2 sm:grid-cols-[minmax(0,1fr)_9rem_minmax(0,1.5fr)_auto]">
              <select aria-label={`Matcher ${index + 1} label`} value={row.label} onChange={(e) => set(index, { label: e.target.value })} className={`${FIELD_INPUT} font-mono`}>
                {labels.includes(row.label) ? null : <option value={row.label}>{row.label || "(choose)"}{row.label ? " (not a label of this metric)" : ""}</option>}
                {labels.map((label) => <option key={label} value={label}>{label}</option>)}
              </select>
              <select aria-label={`Matcher ${index + 1} operator`} value={row.op} onChange={(e) => set(index, { op: e.target.value as MatcherRowOp })} className={FIELD_INPUT}>
                {MATCHER_ROW_OPS.map((op) => <option key={op} value={op}>{MATCHER_OP_LABELS[op]}</option>)}
              </select>
              <input type="text" aria-label={`Matcher ${index + 1} value`} value={row.value} spellCheck={false} autoComplete="off"
                list={row.label === "cluster" ? `${id}-clusters` : undefined} placeholder={readOnly ? undefined : row.op === "glob" ? "orders-*" : row.op.includes("~") ? "orders-.*" : "orders"}
                onChange={(e) => set(index, { value: e.target.value })} className={`${FIELD_INPUT} col-span-2 font-mono sm:col-span-1`} {...describedBy(id, messages)} />
              {readOnly ? null : (
                <button type="button" className={`${SECONDARY_BUTTON} col-start-3 row-start-1 mt-0.5 sm:col-start-4`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  Remove<span className="sr-only">{` matcher ${index + 1}`}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {readOnly ? null : <button type="button" className={`${SECONDARY_BUTTON} ${rows.length > 0 ? "mt-2" : ""}`} onClick={() => onChange([...rows, { label: nextLabel, op: "=", value: "" }])}>Add matcher</button>}
      <FieldMessages id={id} messages={messages} />
    </div>
  );
}

function AnnotationField({ id, field, placeholder, value, example, messages, onChange }: {
  id: string;
  field: (typeof ANNOTATION_FIELDS)[number];
  placeholder: string;
  value: string;
  example: ExampleEntity;
  messages?: readonly string[];
  onChange: (text: string) => void;
}) {
  const preview = value.trim() === "" ? "" : renderTemplate(value, example);
  const aria = describedBy(id, messages, preview !== "");
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200">{field.label}</label>
      {field.multiline ? (
        <textarea id={id} value={value} rows={2} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} className={FIELD_INPUT} {...aria} />
      ) : (
        <input id={id} type="text" value={value} placeholder={placeholder} autoComplete="off" onChange={(e) => onChange(e.target.value)} className={FIELD_INPUT} {...aria} />
      )}
      {preview !== "" ? (
        <p id={`${id}-hint`} className="mt-1 rounded bg-slate-100 px-2 py-1 text-xs break-words text-slate-800 dark:bg-slate-800 dark:text-slate-100" data-testid="template-preview">
          <span className="font-medium text-slate-600 dark:text-slate-300">Preview: </span>{preview}
        </p>
      ) : null}
      <FieldMessages id={id} messages={messages} />
    </div>
  );
}

function NotifyChoices({ id, readOnly, selected, names, onChange, messages }: { id: string; readOnly: boolean; selected: readonly string[]; names: readonly string[] | null; onChange: (notify: string[]) => void; messages?: readonly string[] }) {
  if (readOnly) {
    return selected.length === 0 ? (
      <p className="text-sm text-slate-600 dark:text-slate-300">None named: only contact points whose routing match selects these alerts get them.</p>
    ) : (
      <ul className="grid gap-1 text-sm" data-testid="rule-notify">{selected.map((name) => <li key={name} className="break-all">{name}</li>)}</ul>
    );
  }
  const all = [...(names ?? []), ...selected.filter((name) => !(names ?? []).includes(name))];
  const toggle = (name: string, on: boolean) => onChange(on ? [...selected, name] : selected.filter((n) => n !== name));
  if (all.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">{names === null ? "Loading contact points…" : "No contact points yet: add one on the Contact points page."}</p>;
  }
  return (
    <div role="group" aria-label="Contact points to notify" aria-describedby={messages && messages.length > 0 ? `${id}-errors` : undefined}>
      <ul className="grid gap-1 sm:grid-cols-2">
        {all.map((name) => (
          <li key={name}>
            <label className="flex min-w-0 items-center gap-2 text-sm">
              <input type="checkbox" checked={selected.includes(name)} onChange={(e) => toggle(name, e.target.checked)} className={CHECKBOX} />
              <span className="break-all">{name}</span>
              {names !== null && !names.includes(name) ? <span className="text-xs text-red-700 dark:text-red-300">(no such contact point)</span> : null}
            </label>
          </li>
        ))}
      </ul>
      <FieldMessages id={id} messages={messages} />
    </div>
  );
}
