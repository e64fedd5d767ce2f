import { Fragment } from "react";
import { splitAtSeparators } from "@/lib/client/chart-data";

/**
 * A broker-given name as text (never HTML) that wraps after its separators ("emails." / "outbound")
 * rather than mid-word; only a single part wider than its box breaks inside (break-words).
 */
export function Name({ text }: { text: string }) {
  return (
    <span className="break-words">
      {splitAtSeparators(text).map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
