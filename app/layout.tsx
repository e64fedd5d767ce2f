import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Queuewatch", template: "%s · Queuewatch" },
  description: "Consumer lag, queue depth, alerts and dead letters for Kafka and RabbitMQ",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <Providers>
          <SiteHeader />
          <main className="px-4 py-6 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
