import Link from "next/link";
import { TimeZoneSwitch } from "@/components/ui/time-zone-switch";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Queuewatch
        </Link>
        <Link href="/" className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
          Overview
        </Link>
        <div className="ml-auto">
          <TimeZoneSwitch />
        </div>
      </nav>
    </header>
  );
}
