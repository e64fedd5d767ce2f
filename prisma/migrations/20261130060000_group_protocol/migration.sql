-- "classic" (JoinGroup/SyncGroup) or "consumer" (KIP-848, Kafka 4.x): the classic
-- DescribeGroups API cannot see the members or state of the latter.
ALTER TABLE "consumer_groups" ADD COLUMN "group_protocol" TEXT NOT NULL DEFAULT 'classic';
