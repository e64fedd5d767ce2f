import type { MeDto } from "@/lib/api/types";
import { CARD, RoleBadge, ROLE_DESCRIPTIONS } from "./form-ui";
import { ChangePasswordForm } from "./change-password-form";

function describeKind(me: MeDto): string {
  if (me.kind === "token") return "API token";
  return me.canChangePassword ? "User, signs in with a password" : "User, signs in through OIDC";
}

/** Who is signed in, and (local users) a password change. */
export function AccountView({ me }: { me: MeDto }) {
  return (
    <div className="grid max-w-3xl grid-cols-1 gap-6">
      <section className={CARD} aria-labelledby="account-who">
        <h2 id="account-who" className="mb-3 text-lg font-medium">Signed in as</h2>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600 dark:text-slate-300">Name</dt>
          <dd className="font-medium break-all" data-testid="account-name">{me.name}</dd>
          <dt className="text-slate-600 dark:text-slate-300">Role</dt>
          <dd><RoleBadge role={me.role} /> <span className="ml-1 text-slate-600 dark:text-slate-300">{ROLE_DESCRIPTIONS[me.role]}</span></dd>
          <dt className="text-slate-600 dark:text-slate-300">Kind</dt>
          <dd data-testid="account-kind">{describeKind(me)}</dd>
        </dl>
      </section>
      <section className={CARD}>
        {me.canChangePassword ? (
          <ChangePasswordForm />
        ) : (
          <>
            <h2 className="mb-2 text-lg font-medium">Password</h2>
            <p className="text-sm text-slate-700 dark:text-slate-200" data-testid="no-password-note">
              {me.kind === "token"
                ? "API tokens have no password: an admin revokes a token and creates a new one instead."
                : "You sign in through your organisation's identity provider (OIDC), so Queuewatch holds no password for you: change it there."}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
