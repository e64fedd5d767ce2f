import { describe, expect, it } from "vitest";
import { auditFiltersFromParams, auditFiltersKey, fromDateTimeLocal, hasAuditFilters, NO_AUDIT_FILTERS, toDateTimeLocal } from "./audit-filters";

describe("auditFiltersFromParams", () => {
  it("reads every filter", () => {
    const params = new URLSearchParams({ actor: " user:alice ", action: "user.", target: "bob", result: "denied", from: "2025-03-01T10:00:00Z", to: "2025-03-02T00:00:00.000Z" });
    expect(auditFiltersFromParams(params)).toEqual({ actor: "user:alice", action: "user.", target: "bob", result: "denied", from: "2025-03-01T10:00:00.000Z", to: "2025-03-02T00:00:00.000Z" });
  });
  it("treats an unknown result and unreadable times as no filter", () => {
    expect(auditFiltersFromParams(new URLSearchParams({ result: "maybe", from: "yesterday" }))).toEqual(NO_AUDIT_FILTERS);
  });
  it("knows when nothing is filtered", () => {
    expect(hasAuditFilters(NO_AUDIT_FILTERS)).toBe(false);
    expect(hasAuditFilters({ ...NO_AUDIT_FILTERS, result: "ok" })).toBe(true);
  });
});

describe("datetime-local values", () => {
  it.each([
    { zone: "UTC", iso: "2025-03-01T13:05:00.000Z", local: "2025-03-01T13:05" },
    { zone: "Europe/Berlin", iso: "2025-03-01T12:05:00.000Z", local: "2025-03-01T13:05" },
    { zone: "Europe/Berlin", iso: "2025-07-01T11:05:00.000Z", local: "2025-07-01T13:05" },
    { zone: "Asia/Kolkata", iso: "2025-03-01T07:35:00.000Z", local: "2025-03-01T13:05" },
  ])("$iso is $local in $zone, and back", ({ zone, iso, local }) => {
    expect(toDateTimeLocal(iso, zone)).toBe(local);
    expect(fromDateTimeLocal(local, zone)).toBe(iso);
  });
  it("keeps empty and unreadable values empty", () => {
    expect(toDateTimeLocal("", "UTC")).toBe("");
    expect(fromDateTimeLocal("", "UTC")).toBe("");
    expect(fromDateTimeLocal("13:05", "UTC")).toBe("");
  });
});

describe("auditFiltersKey", () => {
  it("is the same for filters the URL reads back the same", () => {
    const typed = { ...NO_AUDIT_FILTERS, actor: "alice ", from: "2025-03-01T10:00:00Z" };
    expect(auditFiltersKey(typed)).toBe(auditFiltersKey({ ...NO_AUDIT_FILTERS, actor: "alice", from: "2025-03-01T10:00:00.000Z" }));
    expect(auditFiltersKey(typed)).not.toBe(auditFiltersKey(NO_AUDIT_FILTERS));
  });
});
