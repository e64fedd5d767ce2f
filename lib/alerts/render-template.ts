// Annotation templates: `{{ $labels.queue }} has {{ $value }} ready`, as in Prometheus rules. Only what
// alert texts need: `$labels.<name>`, `$value`, and the `humanize` / `humanizeDuration` functions
// (`{{ $value | humanize }}`). Output is plain text: receivers and pages render it as text. Pure.

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;
const LABEL = /^\$labels\.([A-Za-z_][A-Za-z0-9_]*)$/;
const FUNCTIONS = ["humanize", "humanizeDuration"] as const;
type TemplateFunction = (typeof FUNCTIONS)[number];

export interface TemplateData {
  labels: Readonly<Record<string, string>>;
  value: number | null;
}

type Piece = { kind: "label"; name: string } | { kind: "value" };

function parseExpression(expression: string): { piece: Piece; pipe: TemplateFunction | null } | string {
  const [head = "", ...pipes] = expression.split("|").map((part) => part.trim());
  if (pipes.length > 1) return `only one function per expression: {{ ${expression} }}`;
  const pipe = pipes[0] ?? null;
  if (pipe !== null && !(FUNCTIONS as readonly string[]).includes(pipe)) return `unknown function "${pipe}" in {{ ${expression} }} (known: ${FUNCTIONS.join(", ")})`;
  const label = LABEL.exec(head);
  if (label?.[1]) return { piece: { kind: "label", name: label[1] }, pipe: pipe as TemplateFunction | null };
  if (head === "$value") return { piece: { kind: "value" }, pipe: pipe as TemplateFunction | null };
  return `unknown expression {{ ${expression} }}: use $labels.<name> or $value`;
}

/** The problems in a template (empty when it renders), for rule validation. */
export function templateProblems(template: string): string[] {
  return [...template.matchAll(EXPRESSION)].flatMap((match) => {
    const parsed = parseExpression(match[1] ?? "");
    return typeof parsed === "string" ? [parsed] : [];
  });
}

/** 1234567 → "1.235M", 0.5 → "500m" (Prometheus' humanize: SI prefixes, 4 significant digits). */
export function humanize(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const prefixes: [number, string][] = [[1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"], [1, ""], [1e-3, "m"], [1e-6, "u"]];
  const abs = Math.abs(value);
  const [size, prefix] = prefixes.find(([s]) => abs >= s) ?? [1e-6, "u"];
  return `${Number((value / size).toPrecision(4))}${prefix}`;
}

/** 5400 (seconds) → "1h 30m 0s", as Prometheus' humanizeDuration. */
export function humanizeDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (Math.abs(seconds) < 1) return `${Number((seconds * 1000).toPrecision(4))}ms`;
  const sign = seconds < 0 ? "-" : "";
  let rest = Math.abs(seconds);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  rest -= minutes * 60;
  const parts = [days ? `${days}d` : "", days || hours ? `${hours}h` : "", days || hours || minutes ? `${minutes}m` : "", `${Number(rest.toFixed(3))}s`];
  return sign + parts.filter((part) => part !== "").join(" ");
}

/** Renders a template; an expression it cannot render stays as written (validation reports it earlier). */
export function renderTemplate(template: string, data: TemplateData): string {
  return template.replace(EXPRESSION, (whole, expression: string) => {
    const parsed = parseExpression(expression);
    if (typeof parsed === "string") return whole;
    if (parsed.piece.kind === "label") return data.labels[parsed.piece.name] ?? "";
    if (data.value === null) return "no data";
    if (parsed.pipe === "humanize") return humanize(data.value);
    if (parsed.pipe === "humanizeDuration") return humanizeDuration(data.value);
    return String(data.value);
  });
}
