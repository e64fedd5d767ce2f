import { Suspense } from "react";
import { TopicView } from "@/components/kafka/topic-view";
import { Loading } from "@/components/ui/states";

export default async function TopicPage({ params }: { params: Promise<{ id: string; topic: string }> }) {
  const { id, topic } = await params;
  return (
    <Suspense fallback={<Loading what="topic" />}>
      <TopicView clusterId={decodeURIComponent(id)} topic={decodeURIComponent(topic)} />
    </Suspense>
  );
}
