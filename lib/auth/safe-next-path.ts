// Where to go after signing in: only a path on this site ("/clusters/x?range=1h"), never another origin. Pure.

/** A path on this site: starts with one "/" (not "//" or "/\\", which browsers follow to another host), no control characters. */
export const isSitePath = (value: string): boolean => value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") && !/[\u0000-\u001f]/.test(value);

export function safeNextPath(value: string | null | undefined): string {
  if (!value || !isSitePath(value)) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value.slice(0, 2000);
}
