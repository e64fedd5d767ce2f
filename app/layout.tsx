import type { Metadata } from "next";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/layout/site-header";
import { Providers } from "@/components/providers";
import { isPublicPage, pageSession } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Queuewatch", template: "%s · Queuewatch" },
  description: "Consumer lag, queue depth, alerts and dead letters for Kafka and RabbitMQ",
};

// Every page is rendered per request: it needs the visitor's session, and the CSP nonce (proxy.ts) only
// reaches scripts of dynamically rendered pages.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await pageSession();
  if (!isPublicPage(session.path) && authorize(session.principal, "read") !== "ok") {
    redirect(`/login?next=${encodeURIComponent(session.path)}`);
  }
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <SiteHeader me={session.me} />
          <main className="px-4 py-6 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
