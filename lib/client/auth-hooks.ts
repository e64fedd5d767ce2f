"use client";

// Users, API tokens, the audit log and the signed-in caller: one hook per resource, hierarchical keys,
// and each change invalidates its prefix (and the audit log, which every change writes to).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AuditPageDto, CreatedTokenDto, MeDto, RoleDto, TokenDto, UserDto } from "@/lib/api/types";
import { fetchJson, sendJson } from "./fetch-json";

const enc = encodeURIComponent;

/** What the audit log is filtered by; empty strings mean "any". `from`/`to` are ISO instants. */
export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  result: "" | "ok" | "denied" | "failed";
  from: string;
  to: string;
}

export const AUDIT_PAGE_SIZE = 100;

export const authKeys = {
  me: () => ["me"] as const,
  users: () => ["users"] as const,
  tokens: () => ["tokens"] as const,
  auditAll: () => ["audit"] as const,
  audit: (filters: AuditFilters) => ["audit", filters] as const,
};

export const TOKEN_EXPIRIES = [
  { value: "", label: "Never" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "365d", label: "365 days" },
] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRIES)[number]["value"];

export function useMe() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchJson<{ me: MeDto }>("/api/v1/me", signal).then((r) => r.me),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: authKeys.users(),
    queryFn: ({ signal }) => fetchJson<{ users: UserDto[] }>("/api/v1/users", signal).then((r) => r.users),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: authKeys.tokens(),
    queryFn: ({ signal }) => fetchJson<{ tokens: TokenDto[] }>("/api/v1/tokens", signal).then((r) => r.tokens),
  });
}

/** The audit query string of one page: filters that are set, the page size, and the cursor. */
export function auditSearch(filters: AuditFilters, before: string | null): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== "") qs.set(key, value);
  qs.set("limit", String(AUDIT_PAGE_SIZE));
  if (before !== null) qs.set("before", before);
  return qs.toString();
}

/** The audit log, newest first; `fetchNextPage` loads the next older page (the server's `nextBefore`). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: authKeys.audit(filters),
    queryFn: ({ signal, pageParam }) => fetchJson<AuditPageDto>(`/api/v1/audit?${auditSearch(filters, pageParam)}`, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

/** A mutation that refreshes `prefix` and the audit log once it succeeded. */
function useChange<V, R>(prefix: readonly string[], send: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: prefix }), client.invalidateQueries({ queryKey: authKeys.auditAll() })]);
    },
  });
}

export interface NewUser {
  username: string;
  role: RoleDto;
  password: string;
}

export interface UserChange {
  id: string;
  changes: { role?: RoleDto; disabled?: boolean; password?: string };
}

export function useCreateUser() {
  return useChange(authKeys.users(), (user: NewUser) => sendJson<{ user: UserDto }>("POST", "/api/v1/users", user));
}

export function useUpdateUser() {
  return useChange(authKeys.users(), ({ id, changes }: UserChange) => sendJson<{ user: UserDto }>("PATCH", `/api/v1/users/${enc(id)}`, changes));
}

export function useDeleteUser() {
  return useChange(authKeys.users(), (id: string) => sendJson<{ deleted: string }>("DELETE", `/api/v1/users/${enc(id)}`));
}

export interface NewToken {
  name: string;
  role: RoleDto;
  expires: TokenExpiry;
}

export function useCreateToken() {
  return useChange(authKeys.tokens(), ({ name, role, expires }: NewToken) =>
    sendJson<CreatedTokenDto>("POST", "/api/v1/tokens", { name, role, expires: expires === "" ? null : expires }));
}

export function useRevokeToken() {
  return useChange(authKeys.tokens(), (id: string) => sendJson<unknown>("DELETE", `/api/v1/tokens/${enc(id)}`));
}

export function useChangePassword() {
  return useChange(authKeys.me(), (input: { currentPassword: string; newPassword: string }) =>
    sendJson<{ changed: boolean }>("POST", "/api/v1/me/password", input));
}

/** Password sign-in; the caller reloads the page afterwards so the server renders it with the session. */
export function useLogin() {
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => sendJson<{ user: UserDto }>("POST", "/api/auth/login", input),
  });
}

export function useLogout() {
  return useMutation({ mutationFn: () => sendJson<unknown>("POST", "/api/auth/logout", {}) });
}
