// CSRF defence for cookie-authenticated changes, the way Next's Server Actions do it: a browser always
// sends Origin on a POST/PATCH/DELETE, and a page on another origin cannot forge it. Pure.

export interface OriginHeaders {
  origin: string | null;
  /** Host (or X-Forwarded-Host behind a proxy) */
  host: string | null;
  /** the `Sec-Fetch-Site` fetch metadata header, when the browser sends it */
  secFetchSite: string | null;
}

/** null when the request comes from Queuewatch's own pages, else why it is refused. */
export function crossOriginReason(headers: OriginHeaders, publicUrl: string | undefined): string | null {
  if (headers.secFetchSite !== null && headers.secFetchSite !== "same-origin") {
    return `cross-site request refused (Sec-Fetch-Site: ${headers.secFetchSite})`;
  }
  if (headers.origin === null || headers.origin === "null") {
    return "request without an Origin header refused: send changes from Queuewatch's pages, or use an API token";
  }
  // With a public URL the whole origin must match (scheme too); without one, the Host the request went to.
  const expected = publicUrl === undefined ? headers.host : originOf(publicUrl);
  if (expected === null) return "request without a Host header refused";
  const origin = publicUrl === undefined ? hostOf(headers.origin) : originOf(headers.origin);
  if (origin === null || origin.toLowerCase() !== expected.toLowerCase()) {
    return `cross-origin request refused: Origin ${headers.origin} is not ${publicUrl ?? expected}`;
  }
  return null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
