// The Content-Security-Policy of every page, and why each part is there. Pure.
//
// - script-src: only scripts carrying this response's nonce (Next puts it on its own scripts when the
//   request carries the policy), and what they load ('strict-dynamic'); no 'unsafe-inline', no
//   'unsafe-eval' (only `next dev` needs eval, for React's error overlay).
// - style-src 'unsafe-inline': the charts set `style` attributes (recharts, legend swatches) that have
//   no nonce. CSS cannot run script; a nonce here would make browsers ignore 'unsafe-inline' and block
//   those attributes.
// - connect-src 'self': the pages only talk to Queuewatch's own API; never to a broker.
// - form-action 'self', frame-ancestors 'none', object-src 'none', base-uri 'self': no posting to or
//   framing by other sites, no plugins, no <base> hijack.
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** API answers are JSON, never a document: nothing may run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
