import Link from "next/link";
import { Suspense } from "react";
import { HeaderAlertsLink } from "@/components/alerts/header-alerts-link";
import { RoleBadge } from "@/components/auth/form-ui";
import { SignInLink } from "@/components/auth/sign-in-link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { TimeZoneSwitch } from "@/components/ui/time-zone-switch";
import type { MeDto } from "@/lib/api/types";
import { pageSession } from "@/lib/auth/page-session";
import { authorize, roleCan } from "@/lib/auth/roles";

const LINK = "text-sm whitespace-nowrap text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white";

/** `me` is null for an anonymous visitor (wall-screen mode, auth.anonymousRole: viewer): they get a "Sign in" link. */
export function SiteHeader({ me }: { me: MeDto | null }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Queuewatch
        </Link>
        <Link href="/" className={LINK}>
          Overview
        </Link>
        <AlertsLink />
        <div className="ml-auto flex min-w-0 flex-wrap items-center gap-x-5 gap-y-2">
          <TimeZoneSwitch />
          {me ? (
            <SignedIn me={me} />
          ) : (
            // SignInLink reads the URL (useSearchParams), which needs a Suspense boundary wherever a page is prerendered
            <Suspense fallback={null}>
              <SignInLink />
            </Suspense>
          )}
        </div>
      </nav>
    </header>
  );
}

/** For everyone who may read (an anonymous wall screen too); not on the sign-in page of a visitor who may not (its count would ask the API). */
async function AlertsLink() {
  const { principal } = await pageSession();
  return authorize(principal, "read") === "ok" ? <HeaderAlertsLink className={LINK} /> : null;
}

function SignedIn({ me }: { me: MeDto }) {
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2">
      <span className="inline-flex min-w-0 items-center gap-1.5 text-sm" data-testid="signed-in-as">
        <span className="sr-only">{"Signed in as "}</span>
        <span className="max-w-[14rem] truncate font-medium" title={me.name}>{me.name}</span>
        <RoleBadge role={me.role} />
      </span>
      {roleCan(me.role, "audit:read") ? <Link href="/audit" className={LINK}>Audit</Link> : null}
      {roleCan(me.role, "users:manage") ? <Link href="/admin/users" className={LINK}>Users</Link> : null}
      {roleCan(me.role, "tokens:manage") ? <Link href="/admin/tokens" className={LINK}>Tokens</Link> : null}
      <Link href="/account" className={LINK}>Account</Link>
      {me.kind === "user" ? <SignOutButton /> : null}
    </div>
  );
}
