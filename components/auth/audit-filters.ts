// Client-safe and pure: the audit log's filters as they live in the URL, and the datetime-local inputs
// that show an instant as wall-clock time in the page's time zone.
import type { AuditFilters } from "@/lib/client/auth-hooks";
import { zoneOffsetMs, type ZoneId } from "@/lib/client/time";

export const AUDIT_RESULTS = ["ok", "denied", "failed"] as const;
export const TEXT_FILTERS = ["actor", "action", "target"] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export const NO_AUDIT_FILTERS: AuditFilters = { actor: "", action: "", target: "", result: "", from: "", to: "" };

const instantOrEmpty = (value: string | null): string => {
  if (!value) return "";
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString();
};

/** Filters from the query string; an unknown result or an unreadable time counts as "any". */
export function auditFiltersFromParams(params: URLSearchParams): AuditFilters {
  const result = params.get("result") ?? "";
  return {
    actor: params.get("actor")?.trim() ?? "",
    action: params.get("action")?.trim() ?? "",
    target: params.get("target")?.trim() ?? "",
    result: (AUDIT_RESULTS as readonly string[]).includes(result) ? (result as AuditFilters["result"]) : "",
    from: instantOrEmpty(params.get("from")),
    to: instantOrEmpty(params.get("to")),
  };
}

export const hasAuditFilters = (filters: AuditFilters): boolean => Object.values(filters).some((value) => value !== "");

/** An ISO instant as a datetime-local value ("2025-03-01T13:05") in `zone`; "" stays "". */
export function toDateTimeLocal(iso: string, zone: ZoneId): string {
  if (iso === "") return "";
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  return new Date(ms + zoneOffsetMs(ms, zone)).toISOString().slice(0, 16);
}

/** A datetime-local value read as wall-clock time in `zone`, as an ISO instant; "" or unreadable → "". */
export function fromDateTimeLocal(value: string, zone: ZoneId): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return "";
  const wall = Date.parse(`${value}Z`);
  if (Number.isNaN(wall)) return "";
  // the offset at the wall time itself is an hour off around a DST switch; the offset at the first guess is not
  return new Date(wall - zoneOffsetMs(wall - zoneOffsetMs(wall, zone), zone)).toISOString();
}

/**
 * The filters as the URL will read them back (trimmed, times normalised), as a string to compare: tells
 * the filter form whether a URL change is its own apply or a navigation (back button, a link).
 */
export function auditFiltersKey(filters: AuditFilters): string {
  const set = Object.entries(filters).filter(([, value]) => value !== "");
  return JSON.stringify(auditFiltersFromParams(new URLSearchParams(set)));
}
