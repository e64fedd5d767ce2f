-- Members of each group as of the latest poll: [{"memberId","clientId","host","assignment":[{"topic","partitions"}]}]
ALTER TABLE "consumer_groups" ADD COLUMN "members_detail" JSONB NOT NULL DEFAULT '[]';
