import { Suspense } from "react";
import { QueueView } from "@/components/rabbitmq/queue-view";
import { Loading } from "@/components/ui/states";

export default async function QueuePage({ params }: { params: Promise<{ id: string; vhost: string; name: string }> }) {
  const { id, vhost, name } = await params;
  return (
    <Suspense fallback={<Loading what="queue" />}>
      <QueueView clusterId={decodeURIComponent(id)} vhost={decodeURIComponent(vhost)} name={decodeURIComponent(name)} />
    </Suspense>
  );
}
