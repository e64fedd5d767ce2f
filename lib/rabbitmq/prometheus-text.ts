// Lenient parser for the Prometheus text exposition format (0.0.4) as RabbitMQ's prometheus plugin emits it.
// Hand-rolled because the published parsers reject a whole scrape over one line: RabbitMQ 3.10 writes label
// values unescaped (`queue="we"ird\q spé"`) and some values are `NaN`. Here a bad line is counted and skipped.
//
// Where a label value ends: at the first `"` followed by `,<labelname>="`, or at the line's last `"}` (after the
// label set come only the value and timestamp, which never contain `"}`). Backslashes are not consulted, so this
// reads raw (RabbitMQ 3.10) and escaped (newer) producers alike, and a value may contain `"`, `"}` or `\`.
// The one ambiguity: a value that itself contains `",<labelname>="` is cut there. The line then reads with the
// wrong value and an extra label, or is counted malformed when the extra label repeats an earlier name.

/** One sample line. `labels` values are the RAW text between the quotes (no unescaping). */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

type LineResult = PromSample | "skip" | "malformed";

const TAB = 9;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const EQUALS = 61;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Calls `visit` for every sample whose metric name passes `wanted` (checked BEFORE labels are parsed, so that skipped
 * families cost almost nothing). Returns counts: samples visited, lines that could not be parsed (skipped, never thrown).
 * Lines of unwanted families are not inspected past their name, so they never count as malformed.
 */
export function forEachSample(text: string, visit: (sample: PromSample) => void, wanted?: (name: string) => boolean): { samples: number; malformed: number } {
  let samples = 0;
  let malformed = 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const lineEnd = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    const result = parseSampleLine(text.slice(start, lineEnd), wanted);
    if (result === "malformed") malformed++;
    else if (result !== "skip") {
      samples++;
      visit(result);
    }
    start = end + 1;
  }
  return { samples, malformed };
}

/** `# TYPE` declarations: metric family name → type (counter, gauge, untyped, summary, histogram). */
export function metricTypes(text: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const match of text.matchAll(/^[ \t]*#[ \t]*TYPE[ \t]+([a-zA-Z_:][a-zA-Z0-9_:]*)[ \t]+(\w+)[ \t]*\r?$/gm)) {
    if (match[1] !== undefined && match[2] !== undefined) types.set(match[1], match[2]);
  }
  return types;
}

/** Decodes a label value per the exposition spec: \\ → \, \" → ", \n → newline; any other backslash is kept as is. */
export function unescapeLabelValue(raw: string): string {
  if (!raw.includes("\\")) return raw;
  return raw.replace(/\\([\\"n])/g, (_escape, char: string) => (char === "n" ? "\n" : char));
}

function parseSampleLine(line: string, wanted: ((name: string) => boolean) | undefined): LineResult {
  const start = skipBlanks(line, 0);
  if (start === line.length || line.charCodeAt(start) === HASH) return "skip";
  const nameEnd = scanName(line, start, true);
  if (nameEnd === start) return "malformed";
  const name = line.slice(start, nameEnd);
  if (wanted !== undefined && !wanted(name)) return "skip";
  const parsed = line.charCodeAt(nameEnd) === OPEN_BRACE ? parseLabels(line, nameEnd + 1) : { labels: newLabels(), end: nameEnd };
  if (parsed === null) return "malformed";
  const value = parseValueAndTimestamp(line, parsed.end);
  return value === undefined ? "malformed" : { name, labels: parsed.labels, value };
}

/** Parses `a="x",b="y"}` starting after the `{`; returns the labels and the index just past the `}`. */
function parseLabels(line: string, from: number): { labels: Record<string, string>; end: number } | null {
  const labels = newLabels();
  if (line.charCodeAt(from) === CLOSE_BRACE) return { labels, end: from + 1 };
  const close = line.lastIndexOf('"}');
  for (let pos = from; ; ) {
    const nameEnd = scanName(line, pos, false);
    const valueStart = nameEnd + 2;
    if (nameEnd === pos || line.charCodeAt(nameEnd) !== EQUALS || line.charCodeAt(nameEnd + 1) !== QUOTE || valueStart > close) return null;
    const labelName = line.slice(pos, nameEnd);
    if (labelName in labels) return null;
    const valueEnd = findValueEnd(line, valueStart, close);
    labels[labelName] = line.slice(valueStart, valueEnd);
    if (valueEnd === close) return { labels, end: close + 2 };
    pos = valueEnd + 2;
  }
}

/** A null prototype keeps labels named `__proto__` or `constructor` ordinary entries, and absent ones undefined. */
function newLabels(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** Index of the quote closing the value that starts at `from`: the first `"` before a `,<labelname>="`, else `close`. */
function findValueEnd(line: string, from: number, close: number): number {
  for (let quote = line.indexOf('"', from); quote !== -1 && quote < close; quote = line.indexOf('"', quote + 1)) {
    if (line.charCodeAt(quote + 1) !== COMMA) continue;
    const nameEnd = scanName(line, quote + 2, false);
    if (nameEnd > quote + 2 && line.charCodeAt(nameEnd) === EQUALS && line.charCodeAt(nameEnd + 1) === QUOTE) return quote;
  }
  return close;
}

/** ` <value>[ <timestamp>]` after the name or label set; the timestamp must look numeric and is dropped. */
function parseValueAndTimestamp(line: string, from: number): number | undefined {
  const valueStart = skipBlanks(line, from);
  if (valueStart === from || valueStart === line.length) return undefined;
  const valueEnd = scanToken(line, valueStart);
  const value = parseSampleValue(line.slice(valueStart, valueEnd));
  const timestampStart = skipBlanks(line, valueEnd);
  if (value === undefined || timestampStart === line.length) return value;
  const timestampEnd = scanToken(line, timestampStart);
  const timestampIsNumber = Number.isFinite(Number(line.slice(timestampStart, timestampEnd)));
  return timestampIsNumber && skipBlanks(line, timestampEnd) === line.length ? value : undefined;
}

/** Number() semantics plus the spec's `NaN` / `Inf` spellings; `undefined` when the text is not a number. */
function parseSampleValue(text: string): number | undefined {
  if (text === "NaN") return NaN;
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}

/** End of a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) or, without colons, a label name; `from` when there is none. */
function scanName(line: string, from: number, allowColon: boolean): number {
  let pos = from;
  for (; pos < line.length; pos++) {
    const c = line.charCodeAt(pos);
    const isNameStart = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (allowColon && c === 58);
    if (!isNameStart && !(pos > from && c >= 48 && c <= 57)) break;
  }
  return pos;
}

function skipBlanks(line: string, from: number): number {
  let pos = from;
  while (pos < line.length && (line.charCodeAt(pos) === SPACE || line.charCodeAt(pos) === TAB)) pos++;
  return pos;
}

function scanToken(line: string, from: number): number {
  let pos = from;
  while (pos < line.length && line.charCodeAt(pos) !== SPACE && line.charCodeAt(pos) !== TAB) pos++;
  return pos;
}
