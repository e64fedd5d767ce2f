import Link from "next/link";
import { PageTitle } from "@/components/ui/states";

export default function NotFound() {
  return (
    <div>
      <PageTitle title="Not found" subtitle="No cluster, consumer group, topic or queue by that name in Queuewatch's latest poll." />
      <p className="text-sm">
        <Link href="/" className="text-blue-700 hover:underline dark:text-blue-300">Back to the overview</Link>
      </p>
    </div>
  );
}
