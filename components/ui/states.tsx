import type { ReactNode } from "react";

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="py-8 text-center text-sm text-slate-500">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700">{children}</div>;
}

export function ErrorState({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      Could not load {what}: {message}
    </div>
  );
}

export function StatusBadge({ status }: { status: "up" | "down" | "unknown" }) {
  const styles = {
    up: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
    down: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
    unknown: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  } as const;
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${styles[status]}`}>{status}</span>;
}

export function PageTitle({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  return (
    <div className="mb-4">
      <h1 className="text-2xl font-semibold break-all">{title}</h1>
      {subtitle ? <div className="mt-1 text-sm text-slate-500">{subtitle}</div> : null}
    </div>
  );
}

const LAG_STATUS_STYLES: Record<string, string> = {
  OK: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
  WARN: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
  ERR: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  STOP: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  STALL: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
  REWIND: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100",
};

/** Lag status of a group (OK/WARN/ERR/UNKNOWN) or partition (OK/WARN/STOP/STALL/REWIND/UNKNOWN). */
export function LagStatusBadge({ status }: { status: string }) {
  const style = LAG_STATUS_STYLES[status] ?? "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-200";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${style}`} data-testid="lag-status">{status}</span>;
}
