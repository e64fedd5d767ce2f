"use client";

import { ApiError } from "@/lib/client/fetch-json";
import { useLogout } from "@/lib/client/auth-hooks";
import { messageOf } from "./form-ui";

/** Ends the session and goes to the sign-in page (a full load, so no page keeps the old session's data). */
export function SignOutButton() {
  const logout = useLogout();
  const goToLogin = () => window.location.assign("/login");
  const failed = logout.isError && !(logout.error instanceof ApiError && logout.error.status === 401);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={logout.isPending || logout.isSuccess}
        // a 401 means the session had already ended: the sign-in page is where the user wanted to go anyway
        onClick={() => logout.mutate(undefined, { onSuccess: goToLogin, onError: (error) => { if (error instanceof ApiError && error.status === 401) goToLogin(); } })}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm whitespace-nowrap text-slate-800 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
      {failed ? <span role="alert" className="text-xs text-red-700 dark:text-red-300">Sign-out failed: {messageOf(logout.error)}</span> : null}
    </span>
  );
}
