"use client";

import { useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { FormError, PRIMARY_BUTTON, SECONDARY_BUTTON, messageOf } from "@/components/auth/form-ui";
import { CONTACT_POINT_TYPES, type ContactPointType } from "@/lib/alerts/contact-point-schema";
import type { ContactPointDto } from "@/lib/client/alert-rule-hooks";
import { useSaveContactPoint } from "@/lib/client/alert-rule-hooks";
import { contactPointBody, emptyContactPointForm, REQUIRE_TLS_CHOICES, ROUTING_DEFAULTS, viewToForm, type ContactPointForm, type RequireTlsChoice } from "@/lib/client/contact-point-form";
import { CHECKBOX, describedBy, FIELD_INPUT, FormSection, HINT, KeyValueRows, LabeledField } from "./alert-form-ui";

const TYPE_LABELS: Record<ContactPointType, string> = { webhook: "Webhook (Alertmanager format)", alertmanager: "Alertmanager (push to its API)", slack: "Slack (incoming webhook)", email: "E-mail (SMTP)" };
const URL_HINTS: Record<Exclude<ContactPointType, "email">, string> = {
  webhook: "Receives Alertmanager’s webhook body (version 4). May be a ${ENV_NAME} reference.",
  alertmanager: "Alertmanager’s base URL, e.g. http://alertmanager:9093 (alerts go to /api/v2/alerts).",
  slack: "The Slack incoming-webhook URL: it carries the token, so treat it as a secret.",
};
const REQUIRE_TLS_LABELS: Record<RequireTlsChoice, string> = { default: "default (required unless the host is loopback)", yes: "required", no: "not required" };

export const TYPE_SHORT: Record<ContactPointType, string> = { webhook: "webhook", alertmanager: "Alertmanager", slack: "Slack", email: "e-mail" };

/**
 * Create or change a contact point. Stored secrets (URL, header values, SMTP password) are never shown back:
 * on a change their fields start empty, and empty means "keep the stored one".
 */
export function ContactPointFormCard({ existing, onDone, onCancel }: { existing: ContactPointDto | null; onDone: (message: string) => void; onCancel: () => void }) {
  const id = useId();
  const stored = existing?.contactPoint ?? null;
  const [form, setForm] = useState<ContactPointForm>(() => (stored ? viewToForm(stored) : emptyContactPointForm()));
  const [submitted, setSubmitted] = useState(false);
  const [showUrl, setShowUrl] = useState(false);
  const save = useSaveContactPoint();
  const validation = useMemo(() => contactPointBody(form, stored), [form, stored]);
  const errors = submitted && !validation.ok ? validation.errors : {};
  const keeping = stored !== null && stored.type === form.type;
  const defaults = ROUTING_DEFAULTS[form.type];
  const set = (patch: Partial<ContactPointForm>) => setForm((current) => ({ ...current, ...patch }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!validation.ok) return;
    save.mutate({ id: existing?.id ?? null, contactPoint: validation.body }, {
      onSuccess: () => onDone(existing ? `Contact point “${form.name.trim()}” saved.` : `Contact point “${form.name.trim()}” created.`),
    });
  };

  const fid = (name: string) => `${id}-${name}`;
  const urlField = form.type === "email" ? null : (
    <div className="grid gap-1">
      <LabeledField id={fid("url")} label="URL" messages={errors.url}
        hint={<>{URL_HINTS[form.type]}{keeping ? <> <KeptNote>Stored: <span className="break-all">{stored?.url ?? "…"}</span>. Leave empty to keep it.</KeptNote></> : null}</>}>
        <input id={fid("url")} type={showUrl ? "text" : "password"} value={form.url} autoComplete="off" spellCheck={false}
          placeholder={keeping ? "unchanged" : form.type === "alertmanager" ? "http://alertmanager:9093" : "https://…"}
          onChange={(e) => set({ url: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(fid("url"), errors.url, true)} />
      </LabeledField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={showUrl} onChange={(e) => setShowUrl(e.target.checked)} className={CHECKBOX} /> Show the URL as I type it
      </label>
    </div>
  );

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-label={existing ? `Edit contact point ${stored?.name ?? ""}` : "New contact point"} data-testid="contact-point-form">
      <FormSection id={fid("basics")} title={existing ? `Edit “${stored?.name ?? ""}”` : "New contact point"}
        description={existing ? "Secrets are never shown again: fields for them start empty, and empty keeps the stored value." : undefined}>
        <div className="grid gap-3 sm:grid-cols-2">
          <LabeledField id={fid("name")} label="Name" hint={existing ? "Rules that notify it follow a rename." : "Rules name it in “notify”."} messages={errors.name}>
            <input id={fid("name")} type="text" value={form.name} maxLength={100} autoComplete="off" spellCheck={false} placeholder="e.g. oncall-slack"
              onChange={(e) => set({ name: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("name"), errors.name, true)} />
          </LabeledField>
          <LabeledField id={fid("type")} label="Type" hint={stored && stored.type !== form.type ? "A new type needs its URL or password again." : undefined} messages={errors.type}>
            <select id={fid("type")} value={form.type} onChange={(e) => set({ type: e.target.value as ContactPointType })} className={FIELD_INPUT}>
              {CONTACT_POINT_TYPES.map((type) => <option key={type} value={type}>{TYPE_LABELS[type]}</option>)}
            </select>
          </LabeledField>
        </div>
        {urlField}
        {form.type === "webhook" || form.type === "alertmanager" ? (
          <>
            <KeyValueRows id={fid("headers")} title="HTTP headers" rows={form.headers} onChange={(headers) => set({ headers })} valueType="password"
              hint={keeping && (stored?.headerNames ?? []).length > 0
                ? <KeptNote>Stored: {(stored?.headerNames ?? []).join(", ")} (values hidden). Rows you add replace them all; none keeps them.</KeptNote>
                : "e.g. Authorization: Bearer …; values may be ${ENV_NAME} references."}
              keyLabel="Header name" valueLabel="Header value" addLabel="Add header" keyPlaceholder="Authorization" valuePlaceholder="Bearer …" messages={errors.headers} />
            {keeping && (stored?.headerNames ?? []).length > 0 ? (
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={form.clearHeaders} onChange={(e) => set({ clearHeaders: e.target.checked })} className={CHECKBOX} /> Remove the stored headers
              </label>
            ) : null}
          </>
        ) : null}
        {form.type === "webhook" ? (
          <LabeledField id={fid("max")} label="Max alerts per message" hint="0 or empty: all (the rest are counted in truncatedAlerts)." messages={errors.maxAlerts}>
            <div className="w-32">
              <input id={fid("max")} type="text" inputMode="numeric" value={form.maxAlerts} placeholder="0" autoComplete="off"
                onChange={(e) => set({ maxAlerts: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("max"), errors.maxAlerts, true)} />
            </div>
          </LabeledField>
        ) : null}
        {form.type === "email" ? <EmailFields fid={fid} form={form} set={set} errors={errors} hasStoredPassword={keeping && (stored?.smtp?.hasPassword ?? false)} /> : null}
      </FormSection>

      <FormSection id={fid("routing")} title="Routing" description="Grouping and timing as in an Alertmanager route; empty fields use the defaults shown.">
        <KeyValueRows id={fid("match")} title="Also catch alerts matching" rows={form.match} onChange={(match) => set({ match })}
          hint="Alerts whose labels match all of these come here whatever the rule’s “notify” says (values may be globs: prod-*)."
          keyLabel="Label" valueLabel="Value" addLabel="Add label match" keyPlaceholder="severity" valuePlaceholder="critical" messages={errors.match} />
        <div className="grid gap-3 sm:grid-cols-2">
          <LabeledField id={fid("group-by")} label="Group by" hint="Label names, comma-separated: one notification per group." messages={errors.groupBy}>
            <input id={fid("group-by")} type="text" value={form.groupBy} placeholder={defaults.groupBy} autoComplete="off" spellCheck={false}
              onChange={(e) => set({ groupBy: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(fid("group-by"), errors.groupBy, true)} />
          </LabeledField>
          <LabeledField id={fid("wait")} label="Group wait" hint="Wait this long for more alerts before the first notification." messages={errors.groupWait}>
            <input id={fid("wait")} type="text" value={form.groupWait} placeholder={defaults.groupWait} autoComplete="off" spellCheck={false}
              onChange={(e) => set({ groupWait: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(fid("wait"), errors.groupWait, true)} />
          </LabeledField>
          <LabeledField id={fid("interval")} label="Group interval" hint="At most this often for a group that changed." messages={errors.groupInterval}>
            <input id={fid("interval")} type="text" value={form.groupInterval} placeholder={defaults.groupInterval} autoComplete="off" spellCheck={false}
              onChange={(e) => set({ groupInterval: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(fid("interval"), errors.groupInterval, true)} />
          </LabeledField>
          <LabeledField id={fid("repeat")} label="Repeat interval" hint="Remind about alerts still firing this often." messages={errors.repeatInterval}>
            <input id={fid("repeat")} type="text" value={form.repeatInterval} placeholder={defaults.repeatInterval} autoComplete="off" spellCheck={false}
              onChange={(e) => set({ repeatInterval: e.target.value })} className={`${FIELD_INPUT} font-mono`} {...describedBy(fid("repeat"), errors.repeatInterval, true)} />
          </LabeledField>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={form.sendResolved} onChange={(e) => set({ sendResolved: e.target.checked })} className={CHECKBOX} /> Send resolved notifications
        </label>
      </FormSection>

      <div className="grid gap-2">
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={PRIMARY_BUTTON} disabled={save.isPending}>{existing ? "Save contact point" : "Create contact point"}</button>
          <button type="button" className={SECONDARY_BUTTON} onClick={onCancel} disabled={save.isPending}>Cancel</button>
        </div>
        {submitted && !validation.ok ? <FormError message="Some fields need fixing (see the messages above)." /> : null}
        {errors.form ? <FormError message={errors.form.join("; ")} /> : null}
        <FormError message={messageOf(save.error)} />
      </div>
    </form>
  );
}

function KeptNote({ children }: { children: ReactNode }) {
  return <span className="text-emerald-800 dark:text-emerald-300">{children}</span>;
}

function EmailFields({ fid, form, set, errors, hasStoredPassword }: {
  fid: (name: string) => string;
  form: ContactPointForm;
  set: (patch: Partial<ContactPointForm>) => void;
  errors: Record<string, string[]>;
  hasStoredPassword: boolean;
}) {
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <LabeledField id={fid("host")} label="SMTP host" messages={errors.smtp}>
          <input id={fid("host")} type="text" value={form.smtpHost} placeholder="smtp.example.com" autoComplete="off" spellCheck={false}
            onChange={(e) => set({ smtpHost: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("host"), errors.smtp)} />
        </LabeledField>
        <LabeledField id={fid("port")} label="Port">
          <input id={fid("port")} type="text" inputMode="numeric" value={form.smtpPort} placeholder="587" autoComplete="off"
            onChange={(e) => set({ smtpPort: e.target.value })} className={FIELD_INPUT} />
        </LabeledField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={form.smtpSecure} onChange={(e) => set({ smtpSecure: e.target.checked })} className={CHECKBOX} />
        TLS from the first byte <span className={HINT}>(port 465; otherwise STARTTLS when the server offers it)</span>
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <LabeledField id={fid("user")} label="Username" hint="Empty: no login.">
          <input id={fid("user")} type="text" value={form.smtpUsername} autoComplete="off" spellCheck={false}
            onChange={(e) => set({ smtpUsername: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("user"), undefined, true)} />
        </LabeledField>
        <LabeledField id={fid("password")} label="Password"
          hint={hasStoredPassword ? <KeptNote>A password is stored. Leave empty to keep it.</KeptNote> : "May be a ${ENV_NAME} reference."}>
          <input id={fid("password")} type="password" value={form.smtpPassword} autoComplete="new-password" placeholder={hasStoredPassword ? "unchanged" : undefined}
            onChange={(e) => set({ smtpPassword: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("password"), undefined, true)} />
        </LabeledField>
      </div>
      {hasStoredPassword ? (
        <label className="-mt-1 flex items-center gap-2 text-sm sm:justify-self-end">
          <input type="checkbox" checked={form.clearPassword} onChange={(e) => set({ clearPassword: e.target.checked })} className={CHECKBOX} /> Remove the stored password
        </label>
      ) : null}
      <LabeledField id={fid("tls")} label="Require TLS">
        <select id={fid("tls")} value={form.smtpRequireTls} onChange={(e) => set({ smtpRequireTls: e.target.value as RequireTlsChoice })} className={FIELD_INPUT}>
          {REQUIRE_TLS_CHOICES.map((choice) => <option key={choice} value={choice}>{REQUIRE_TLS_LABELS[choice]}</option>)}
        </select>
      </LabeledField>
      <div className="grid gap-3 sm:grid-cols-2">
        <LabeledField id={fid("from")} label="From" messages={errors.from}>
          <input id={fid("from")} type="text" value={form.from} placeholder="queuewatch@example.com" autoComplete="off" spellCheck={false}
            onChange={(e) => set({ from: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("from"), errors.from)} />
        </LabeledField>
        <LabeledField id={fid("to")} label="To" hint="One or more addresses, separated by commas or lines." messages={errors.to}>
          <textarea id={fid("to")} rows={2} value={form.to} placeholder="oncall@example.com" spellCheck={false}
            onChange={(e) => set({ to: e.target.value })} className={FIELD_INPUT} {...describedBy(fid("to"), errors.to, true)} />
        </LabeledField>
      </div>
    </>
  );
}
