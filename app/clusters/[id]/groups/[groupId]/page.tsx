import { Suspense } from "react";
import { ConsumerGroupView } from "@/components/lag/consumer-group-view";
import { Loading } from "@/components/ui/states";

export default async function GroupPage({ params }: { params: Promise<{ id: string; groupId: string }> }) {
  const { id, groupId } = await params;
  return (
    <Suspense fallback={<Loading what="consumer group" />}>
      <ConsumerGroupView clusterId={decodeURIComponent(id)} groupId={decodeURIComponent(groupId)} />
    </Suspense>
  );
}
