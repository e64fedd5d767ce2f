import Link from "next/link";

export interface Crumb {
  label: string;
  /** absent on the current page */
  href?: string;
}

/** Clusters › cluster › group/topic/queue, the last one being the page itself. */
export function Breadcrumbs({ trail }: { trail: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1 text-slate-600 dark:text-slate-300">
        {trail.map((crumb, i) => (
          <li key={`${i}-${crumb.label}`} className="flex min-w-0 items-center gap-x-1">
            {i > 0 ? <span aria-hidden="true" className="text-slate-400">›</span> : null}
            {crumb.href ? (
              <Link href={crumb.href} className="break-words text-blue-700 hover:underline dark:text-blue-300">{crumb.label}</Link>
            ) : (
              <span aria-current="page" className="break-words font-medium text-slate-900 dark:text-slate-100">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
