// `${ENV_NAME}` references in a contact point's secret-bearing strings (url, header values, SMTP
// credentials), resolved at send time from the collector's environment, and the pieces of the resolved
// secrets that must be scrubbed from anything a delivery reports. Pure.
import type { ContactPointSettings } from "@/lib/alerts/contact-point-schema";

export type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** A reference to a variable that is not set; the message names the variable, never a value. */
export class MissingSecretError extends Error {
  constructor(readonly variable: string, contactPoint: string, field: string) {
    super(`contact point "${contactPoint}": environment variable ${variable} (used in ${field}) is not set`);
    this.name = "MissingSecretError";
  }
}

/** The settings with every `${NAME}` in url, header values and SMTP username/password replaced from `env`. */
export function resolveSecrets<T extends ContactPointSettings>(settings: T, env: Env): T {
  const expand = (field: string, text: string): string =>
    text.replace(REFERENCE, (_match, name: string) => {
      const value = env[name];
      // An empty value is a deployment mistake too (`SLACK_URL=`): say so instead of posting to "".
      if (value === undefined || value === "") throw new MissingSecretError(name, settings.name, field);
      return value;
    });
  const optional = (field: string, text: string | undefined) => (text === undefined ? undefined : expand(field, text));
  const resolved: ContactPointSettings = { ...settings };
  if ("url" in resolved) resolved.url = expand("url", resolved.url);
  if ("headers" in resolved) resolved.headers = Object.fromEntries(Object.entries(resolved.headers).map(([name, value]) => [name, expand(`header ${name}`, value)]));
  if ("smtp" in resolved) resolved.smtp = { ...resolved.smtp, username: optional("smtp.username", resolved.smtp.username), password: optional("smtp.password", resolved.smtp.password) };
  return resolved as T;
}

// Shorter pieces ("v1", "hook", "Bearer") are not tokens, and scrubbing them would garble messages.
const MIN_TOKEN_LENGTH = 8;
const long = (pieces: readonly string[]) => pieces.filter((piece) => piece.length >= MIN_TOKEN_LENGTH);

/** What a URL may leak: the whole URL, its password, path and query, and the long path segments and query values (tokens). */
function urlSecrets(text: string): string[] {
  if (!URL.canParse(text)) return [text];
  const url = new URL(text);
  const pathAndQuery = `${url.pathname}${url.search}`;
  const pieces = [...url.pathname.split("/"), ...[...url.searchParams.values()]];
  return [text, url.href, url.password, url.search, pathAndQuery === "/" ? "" : pathAndQuery, ...long(pieces), ...long(pieces.map(safeDecode))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every string a delivery report must not contain (for resolved settings); scrub with `redactSecrets` (lib/log/logger). */
export function secretFragments(settings: ContactPointSettings): string[] {
  const fragments = [
    ...("url" in settings ? urlSecrets(settings.url) : []),
    // "Bearer abc…": the whole value and its long words.
    ...("headers" in settings ? Object.values(settings.headers).flatMap((value) => [value, ...long(value.split(/\s+/))]) : []),
    ...("smtp" in settings && settings.smtp.password ? [settings.smtp.password] : []),
  ];
  return [...new Set(fragments.filter((fragment) => fragment.length > 0))];
}
