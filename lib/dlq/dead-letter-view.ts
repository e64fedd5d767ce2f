// What a reader is shown of a dead letter: decoded, capped, and masked when the reader's role is at or below
// the config's `deadLetters.maskedFor`. Pure (the rows come from the store or from a live peek).
import { ROLES, type Principal, type Role } from "@/lib/auth/roles";
import type { DeadLetterContext } from "./decode-dead-letter";
import type { DeadLetterMessageDto } from "./dead-letter-dto";
import { headersFromJson, headersToJson } from "./header-json";
import { displayValue } from "./header-value";
import { isEmptyMask, maskHeaders, maskPayload, type CompiledMask } from "./mask-payload";
import { viewPayload } from "./payload-view";

/** Whether a reader sees masked payloads: anonymous readers always (when there are rules). */
export function readerIsMasked(principal: Principal, maskedFor: Role): boolean {
  if (principal.kind === "anonymous") return true;
  return ROLES.indexOf(principal.role) <= ROLES.indexOf(maskedFor);
}

export interface ViewableMessage {
  id: string | null;
  identity: string;
  partition: number | null;
  offset: number | null;
  time: Date;
  cause: string | null;
  original: string | null;
  state: string;
  key: Uint8Array | null;
  /** stored JSON (lib/dlq/header-json.ts) */
  headers: unknown;
  properties: unknown;
  payload: Uint8Array;
  payloadSize: number;
  payloadTruncated: boolean;
  context: DeadLetterContext;
}

export function viewMessage(message: ViewableMessage, mask: CompiledMask | null, capBytes: number): DeadLetterMessageDto {
  const masking = mask !== null && !isEmptyMask(mask);
  const rawHeaders = headersFromJson(message.headers);
  const headers = masking ? maskHeaders(rawHeaders, mask) : rawHeaders;
  const payload = masking ? maskPayload(message.payload, mask) : message.payload;
  const key = message.key === null ? null : masking ? maskPayload(message.key, mask) : message.key;
  const view = viewPayload(payload, capBytes);
  return {
    id: message.id,
    identity: message.identity,
    partition: message.partition,
    offset: message.offset,
    time: message.time.toISOString(),
    cause: message.cause,
    original: message.original,
    size: message.payloadSize,
    state: message.state,
    key: key === null ? null : viewPayload(key, 1024),
    headers: headersToJson(headers),
    headerText: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, displayValue(value)])),
    properties: message.properties === null || message.properties === undefined ? null : headersToJson(masking ? maskHeaders(headersFromJson(message.properties), mask) : headersFromJson(message.properties)),
    // a held copy cut short is as big as the broker says, not as the copy
    payload: { ...view, size: message.payloadSize, truncated: view.truncated || message.payloadTruncated },
    // masked context too: exception messages and stack traces can carry the same data
    context: masking ? maskContext(message.context, mask) : message.context,
    masked: masking,
    payloadTruncated: message.payloadTruncated,
  };
}

function maskContext(context: DeadLetterContext, mask: CompiledMask): DeadLetterContext {
  const text = (value: string | null) => (value === null ? null : displayValue(maskHeaders({ v: value }, mask).v));
  return context.exception === null ? context : { ...context, exception: { ...context.exception, message: text(context.exception.message), stacktrace: text(context.exception.stacktrace) } };
}
