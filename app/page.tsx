import { ClustersOverview } from "@/components/clusters/clusters-overview";

export default function HomePage() {
  return <ClustersOverview />;
}
