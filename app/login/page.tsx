import type { Metadata } from "next";
import Link from "next/link";
import { CARD, FormError, RoleBadge } from "@/components/auth/form-ui";
import { LoginForm } from "@/components/auth/login-form";
import { pageSession } from "@/lib/auth/page-session";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { getConfig } from "@/lib/config/load-config";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Public. `?next=` is where to go afterwards (a path on this site only); `?error=` is an OIDC sign-in that failed. */
export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = safeNextPath(first(params.next));
  const error = first(params.error)?.slice(0, 500) ?? null;
  const { me } = await pageSession();
  // Only the button's text reaches the page, never the OIDC client's settings.
  const oidcLabel = getConfig().auth.oidc?.label ?? null;

  return (
    <div className="flex justify-center pt-4 sm:pt-12">
      <section className={`${CARD} w-full max-w-sm p-6`} aria-labelledby="login-title">
        <h1 id="login-title" className="mb-4 text-2xl font-semibold">Sign in</h1>
        {me ? (
          <div className="space-y-3 text-sm">
            <p className="flex flex-wrap items-center gap-1.5">
              You are signed in as <span className="font-medium break-all">{me.name}</span> <RoleBadge role={me.role} />
            </p>
            <p>
              <Link href={next} className="text-blue-700 hover:underline dark:text-blue-300">
                {next === "/" ? "Go to the overview" : "Continue to the page you asked for"}
              </Link>
            </p>
            {next === "/" ? null : (
              <p><Link href="/" className="text-blue-700 hover:underline dark:text-blue-300">Go to the overview</Link></p>
            )}
          </div>
        ) : (
          <div className="space-y-4">
            {error ? <FormError message={`Sign-in failed: ${error}`} /> : null}
            <LoginForm next={next} />
            {oidcLabel ? (
              <>
                <div className="flex items-center gap-3 text-xs text-slate-500 dark:text-slate-400" aria-hidden="true">
                  <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />or<span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
                </div>
                {/* A plain link, not a form: a POST that redirects to the identity provider would be blocked by CSP form-action. */}
                <a href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}
                  className="block w-full rounded border border-slate-300 bg-white px-3 py-1.5 text-center text-sm font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800">
                  {oidcLabel}
                </a>
              </>
            ) : null}
          </div>
        )}
      </section>
    </div>
  );
}
