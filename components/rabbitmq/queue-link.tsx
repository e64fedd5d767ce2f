import Link from "next/link";
import { Name } from "@/components/ui/name";
import type { QueueRefDto } from "@/lib/api/types";
import { queuePath } from "@/lib/util/page-paths";

/** A queue's name as text (never HTML), with its vhost when asked, linking to its page; wraps at separators. */
export function QueueLink({ clusterId, queue, showVhost = false }: { clusterId: string; queue: QueueRefDto; showVhost?: boolean }) {
  return (
    <Link className="font-medium text-blue-700 hover:underline dark:text-blue-300" href={queuePath(clusterId, queue.vhost, queue.name)}>
      {showVhost ? <span className="text-slate-600 dark:text-slate-300"><Name text={queue.vhost} /> · </span> : null}<Name text={queue.name} />
    </Link>
  );
}
