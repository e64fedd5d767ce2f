import type { Metadata } from "next";
import { AlertsNav } from "@/components/alerts/alerts-nav";
import { ContactPointsView } from "@/components/alerts/contact-points-view";
import { PageTitle } from "@/components/ui/states";
import { requirePage } from "@/lib/auth/page-session";
import { authorize } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Contact points" };

export default async function ContactPointsPage() {
  const { session } = await requirePage("read");
  return (
    <div className="min-w-0">
      <PageTitle title="Contact points" subtitle="Where alert notifications go: rules name them in “notify”, and a contact point’s own match can catch alerts of any rule." />
      <AlertsNav current="contact-points" />
      <ContactPointsView canEdit={authorize(session.principal, "alerts:edit") === "ok"} />
    </div>
  );
}
