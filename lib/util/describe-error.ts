/** Turns an error and its cause chain into one readable line for the UI ("last error"). */
export function describeError(error: unknown, maxLength = 1000): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof Error) {
      const name = current.name && current.name !== "Error" ? `${current.name}: ` : "";
      const text = `${name}${current.message}`.trim();
      if (text && !parts.some((p) => p.includes(current instanceof Error ? current.message : ""))) parts.push(text);
      current = current.cause ?? (current as { originalError?: unknown }).originalError;
    } else {
      parts.push(String(current));
      break;
    }
  }
  const line = parts.join(" ← caused by ") || "unknown error";
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
