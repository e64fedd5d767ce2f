// Prisma 6's `migrate` prints a notice on every run when prisma.config.ts configures a driver
// adapter and the schema has a datasource `url` — which Prisma 6 requires (see the comment in
// prisma/schema.prisma). The notice is true and useless to us: this removes exactly that block.

const NOTICE_START = "WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma.config.ts:";
const NOTICE_END = "We recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters.";

/** Pure: Prisma CLI output without the "datasource url will NOT be used" notice; anything else unchanged. */
export function withoutAdapterUrlNotice(output: string): string {
  const start = output.indexOf(NOTICE_START);
  if (start < 0) return output;
  const end = output.indexOf(NOTICE_END, start);
  if (end < 0) return output;
  const before = output.slice(0, start).trimEnd();
  const after = output.slice(end + NOTICE_END.length).replace(/^\n+/, "");
  return [before, after].filter(Boolean).join("\n\n");
}
