"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { loginPath } from "@/lib/client/fetch-json";

/** For an anonymous visitor (wall-screen mode): sign in, then come back to this page. Hidden on the sign-in page itself. */
export function SignInLink() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  if (pathname === "/login") return null;
  return (
    <Link href={loginPath(search ? `${pathname}?${search}` : pathname)} className="rounded bg-blue-700 px-2 py-0.5 text-sm font-medium whitespace-nowrap text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500">
      Sign in
    </Link>
  );
}
