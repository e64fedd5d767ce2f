"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState, type FormEvent } from "react";
import { DANGER_BUTTON, FormError, FormSuccess, PRIMARY_BUTTON, SECONDARY_BUTTON, messageOf } from "@/components/auth/form-ui";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ErrorState, Loading, PageTitle } from "@/components/ui/states";
import type { AlertRuleDto } from "@/lib/alerts/alert-dto";
import { decodePoints } from "@/lib/api/time-points";
import { ApiError } from "@/lib/client/fetch-json";
import { useAlertRule, useContactPoints, useDeleteRule, useSaveRule } from "@/lib/client/alert-rule-hooks";
import { useClusters } from "@/lib/client/hooks";
import { emptyRuleForm, parseThreshold, ruleToForm, validateRuleForm, type FieldErrors, type RuleForm } from "@/lib/client/rule-form";
import { conditionText, exampleEntity, type ExampleEntity } from "@/lib/client/rule-text";
import { useUrlState } from "@/lib/client/use-url-state";
import { ConfigNote, HINT, SourceBadge } from "./alert-form-ui";
import { AlertsNav } from "./alerts-nav";
import { NEW_RULE_PATH, RULES_PATH, rulePath } from "./alert-paths";
import { RuleBacktestPanel, useRuleBacktest, type RuleBacktest } from "./rule-backtest-panel";
import { RuleFormFields, type RuleFormPatch } from "./rule-form-fields";

/** The error fields a change of each form key can fix (shown once that key was touched). */
const FIELDS_OF: Record<keyof RuleForm, readonly string[]> = {
  name: ["name"], metric: ["metric", "matchers"], matchers: ["matchers"], op: ["op"], threshold: ["threshold"], for: ["for"], keepFiringFor: ["keepFiringFor"],
  severity: ["severity"], labels: ["labels"], annotations: ["annotations.summary", "annotations.description", "annotations.runbook_url"], otherAnnotations: ["annotations"],
  noData: ["noData"], error: ["error"], notify: ["notify"], enabled: ["enabled"],
};

/**
 * The rule editor at /alerts/rules/new (`ruleId` null; `copyFrom` to start from another rule) and
 * /alerts/rules/{id}: the form, save and delete for editors, a read-only view for viewers and config rules,
 * and the backtest beside it.
 */
export function RuleEditor({ ruleId, copyFrom, canEdit }: { ruleId: string | null; copyFrom: string | null; canEdit: boolean }) {
  const loadId = ruleId ?? copyFrom;
  if (loadId === null) return <RuleEditorForm dto={null} copy={null} canEdit={canEdit} />;
  return <LoadedRuleEditor loadId={loadId} isCopy={ruleId === null} canEdit={canEdit} />;
}

function LoadedRuleEditor({ loadId, isCopy, canEdit }: { loadId: string; isCopy: boolean; canEdit: boolean }) {
  const rule = useAlertRule(loadId);
  // A failed background refetch (after a save or delete) keeps the rule on screen, with the user's edits.
  if (rule.data) {
    return isCopy ? <RuleEditorForm key={`copy-${rule.data.id}`} dto={null} copy={rule.data} canEdit={canEdit} /> : <RuleEditorForm key={rule.data.id} dto={rule.data} copy={null} canEdit={canEdit} />;
  }
  if (rule.isPending) return <Loading what="the alert rule" />;
  return rule.error instanceof ApiError && rule.error.status === 404 ? (
    <div>
      <EditorTrail name="Not found" />
      <ErrorState error={rule.error} what="the alert rule" />
      <Link href={RULES_PATH} className="text-sm text-blue-700 hover:underline dark:text-blue-300">Back to all rules</Link>
    </div>
  ) : <ErrorState error={rule.error} what="the alert rule" />;
}

function EditorTrail({ name }: { name: string }) {
  return <Breadcrumbs trail={[{ label: "Alert rules", href: RULES_PATH }, { label: name }]} />;
}

function initialForm(dto: AlertRuleDto | null, copy: AlertRuleDto | null): RuleForm {
  if (dto) return ruleToForm(dto.rule);
  if (copy) return { ...ruleToForm(copy.rule), name: `${copy.rule.name} copy`.slice(0, 100) };
  return emptyRuleForm();
}

/** The top backtest entity (most time firing) with its latest value, for the template previews. */
function backtestEntity(backtest: RuleBacktest): ExampleEntity | null {
  const top = backtest.query.data?.chart.series[0];
  if (!top) return null;
  const known = decodePoints(top.points).filter((p) => p.v !== null);
  return { labels: top.labels, value: known[known.length - 1]?.v ?? null };
}

function RuleEditorForm({ dto, copy, canEdit }: { dto: AlertRuleDto | null; copy: AlertRuleDto | null; canEdit: boolean }) {
  const idPrefix = useId();
  const router = useRouter();
  const [params] = useUrlState();
  const [form, setForm] = useState<RuleForm>(() => initialForm(dto, copy));
  const [baseline, setBaseline] = useState(() => JSON.stringify(form));
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(dto ? Object.values(FIELDS_OF).flat() : []));
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState<string | null>(params.get("created") === "1" ? "Rule created." : null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const save = useSaveRule();
  const remove = useDeleteRule();
  const clusters = useClusters();
  const contactPoints = useContactPoints();
  const backtest = useRuleBacktest(form);

  const readOnly = !canEdit || (dto !== null && !dto.editable);
  const validation = useMemo(() => validateRuleForm(form), [form]);
  const allErrors: FieldErrors = validation.ok ? {} : validation.errors;
  const shownErrors = submitted ? allErrors : Object.fromEntries(Object.entries(allErrors).filter(([field]) => touched.has(field) || field === "form"));
  const problemCount = Object.values(allErrors).reduce((sum, list) => sum + list.length, 0);
  const dirty = JSON.stringify(form) !== baseline;
  const clusterIds = (clusters.data ?? []).map((c) => c.id);
  const known = backtestEntity(backtest);
  const example = exampleEntity({ name: form.name, metric: form.metric, severity: form.severity, matchers: form.matchers, threshold: parseThreshold(form.threshold), clusterIds, known });

  const onChange = (patch: RuleFormPatch) => {
    setForm((current) => ({ ...current, ...patch }));
    setTouched((current) => new Set([...current, ...Object.keys(patch).flatMap((key) => FIELDS_OF[key as keyof RuleForm] ?? [])]));
    setSaved(null);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setSaved(null);
    if (!validation.ok || readOnly) return;
    save.mutate({ id: dto?.id ?? null, rule: validation.rule }, {
      onSuccess: (answer) => {
        if (dto === null) {
          router.push(`${rulePath(answer.id)}?created=1`);
          return;
        }
        setBaseline(JSON.stringify(form));
        setSaved("Saved. The collector evaluates the changed rule from its next poll.");
      },
    });
  };

  const title = dto ? dto.rule.name : "New alert rule";
  return (
    <div className="min-w-0">
      <EditorTrail name={dto ? dto.rule.name : "New rule"} />
      <PageTitle title={title} subtitle={
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {dto ? <SourceBadge source={dto.source} /> : null}
          <code className="break-all" data-testid="rule-summary">{conditionText({ ...form, threshold: parseThreshold(form.threshold) ?? "?" })}</code>
          {dirty && !readOnly ? <span className="text-xs text-amber-800 dark:text-amber-200" data-testid="unsaved">unsaved changes</span> : null}
        </span>
      } />
      <AlertsNav current="rules" />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] xl:items-start">
        <form onSubmit={submit} noValidate className="grid min-w-0 gap-4" aria-label={dto ? `Alert rule ${dto.rule.name}` : "New alert rule"}>
          {dto && !dto.editable ? (
            <div className="grid gap-2">
              <ConfigNote what="rule" />
              {canEdit ? <p className="text-sm"><Link href={`${NEW_RULE_PATH}?copy=${encodeURIComponent(dto.id)}`} className="text-blue-700 hover:underline dark:text-blue-300">Copy it into a new rule</Link> to change it here instead.</p> : null}
            </div>
          ) : null}
          {!canEdit ? (
            <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-testid="read-only-note">
              You can view this rule and run its backtest; operators and admins can change it.
            </p>
          ) : null}
          {copy ? <p className={HINT}>A copy of “{copy.rule.name}”: give it a name of its own.</p> : null}
          <fieldset disabled={readOnly} className="min-w-0">
            <legend className="sr-only">{readOnly ? "Rule (read-only)" : "Rule"}</legend>
            <RuleFormFields idPrefix={idPrefix} readOnly={readOnly} form={form} onChange={onChange} errors={shownErrors} clusterIds={clusterIds}
              contactPointNames={contactPoints.data ? contactPoints.data.contactPoints.map((c) => c.contactPoint.name) : null} example={example} exampleIsReal={known !== null} />
          </fieldset>
          {readOnly ? null : (
            <div className="grid gap-2">
              <div className="flex flex-wrap items-center gap-2">
                <button type="submit" className={PRIMARY_BUTTON} disabled={save.isPending}>{dto ? "Save rule" : "Create rule"}</button>
                <Link href={RULES_PATH} className={SECONDARY_BUTTON}>{dirty ? "Cancel" : "Back to rules"}</Link>
                {dto ? <DeleteRule dto={dto} confirming={confirmingDelete} setConfirming={setConfirmingDelete} onDeleted={() => router.push(RULES_PATH)} remove={remove} /> : null}
              </div>
              {submitted && problemCount > 0 ? (
                <FormError message={`${problemCount === 1 ? "One field needs" : `${problemCount} fields need`} fixing before the rule can be saved (see the messages above).`} />
              ) : null}
              <FormError message={messageOf(save.error)} />
              <FormError message={messageOf(remove.error)} />
              <FormSuccess message={saved} />
            </div>
          )}
        </form>
        {/* Beside the form on wide screens, scrolling on its own when its firings list is long. */}
        <div className="min-w-0 xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:overflow-y-auto">
          <RuleBacktestPanel backtest={backtest} metric={form.metric} />
        </div>
      </div>
    </div>
  );
}

function DeleteRule({ dto, confirming, setConfirming, onDeleted, remove }: {
  dto: AlertRuleDto;
  confirming: boolean;
  setConfirming: (on: boolean) => void;
  onDeleted: () => void;
  remove: ReturnType<typeof useDeleteRule>;
}) {
  if (!confirming) {
    return <button type="button" className={`${DANGER_BUTTON} ml-auto`} onClick={() => { remove.reset(); setConfirming(true); }}>Delete rule</button>;
  }
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm deleting ${dto.rule.name}`}>
      <span className="text-sm">Delete “{dto.rule.name}”? Its firing alerts resolve.</span>
      <button type="button" className={DANGER_BUTTON} disabled={remove.isPending} onClick={() => remove.mutate(dto.id, { onSuccess: onDeleted, onSettled: () => setConfirming(false) })}>Yes, delete</button>
      <button type="button" className={SECONDARY_BUTTON} disabled={remove.isPending} onClick={() => setConfirming(false)}>Cancel</button>
    </div>
  );
}
