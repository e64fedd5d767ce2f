import Link from "next/link";

// The alert pages' own navigation (server- or client-rendered: no hooks).
export const ALERTS_PAGES = [
  { key: "alerts", label: "Alerts", href: "/alerts" },
  { key: "rules", label: "Rules", href: "/alerts/rules" },
  { key: "silences", label: "Silences", href: "/alerts/silences" },
  { key: "contact-points", label: "Contact points", href: "/alerts/contact-points" },
  { key: "history", label: "History", href: "/alerts/history" },
] as const;
export type AlertsPageKey = (typeof ALERTS_PAGES)[number]["key"];

/** Alerts · Rules · Silences · Contact points · History, with the current page marked. */
export function AlertsNav({ current }: { current: AlertsPageKey }) {
  return (
    <nav aria-label="Alert pages" className="mb-4 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex flex-wrap sm:gap-x-1">
        {ALERTS_PAGES.map((page) => {
          const active = page.key === current;
          return (
            <li key={page.key}>
              <Link href={page.href} aria-current={active ? "page" : undefined}
                className={`inline-block border-b-2 px-1.5 py-2 text-sm whitespace-nowrap sm:px-3 ${active
                  ? "border-blue-700 font-medium text-slate-900 dark:border-blue-400 dark:text-white"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:border-slate-600 dark:hover:text-white"}`}>
                {page.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
