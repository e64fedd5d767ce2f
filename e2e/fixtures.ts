// Names shared by the e2e seed and the browser tests.
export const E2E_TOPIC = "e2e-orders";
export const E2E_GROUP = "e2e-billing";
/** A hostile group id: markup, quotes, percent-escapes and slashes must render as text. */
export const E2E_HOSTILE_GROUP = `<img src=x onerror="window.__pwned=1">'"%2F/ä😀&amp;`;
export const E2E_PRODUCED = [10, 20, 30] as const;
export const E2E_COMMITTED = [4, 20, 0] as const;
export const E2E_LAG = [6, 0, 30] as const;

/** A RabbitMQ vhost and queues with hostile names: slashes, percent-escapes, quotes, markup, Unicode. */
export const E2E_VHOST = `e2e/"vh" <b>x</b> %2F`;
export const E2E_HOSTILE_QUEUE = `<script>window.__pwned=1</script>/a%2Fb#?&"q'`;
export const E2E_UNICODE_QUEUE = "ünïcødé 🐇 日本";
export const E2E_DLQ = `${E2E_HOSTILE_QUEUE}.dlq <i>`;
/** A dead-letter topic of E2E_TOPIC (found by the default "{topic}-dlt" pattern) and hostile dead letters in it and in E2E_DLQ. */
export const E2E_DLT = "e2e-orders-dlt";
export const E2E_HOSTILE_PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">`;
export const E2E_HOSTILE_HEADER = `<img src=x onerror="window.__pwned=1">`;
export const E2E_HUGE_BYTES = 10 * 1024 * 1024;
/** A topic and its dead-letter topic holding E2E_REPLAY_COUNT records an operator replays from the browser. */
export const E2E_REPLAY_TOPIC = "e2e-replay";
export const E2E_REPLAY_DLT = "e2e-replay-dlt";
export const E2E_REPLAY_COUNT = 100;
/** Messages left in the hostile queue (ready, no consumer). */
export const E2E_HOSTILE_READY = 3;

/** A Kafka broker of the e2e run's own (scripts/kafka.sh instance), which the stale-data test stops. */
export const E2E_DOWN_CLUSTER = "e2e-down";
export const E2E_DOWN_BROKER_ENV = { KAFKA_INSTANCE: "e2e-down", KAFKA_PORT: "9492" } as const;
export const E2E_DOWN_TOPIC = "e2e-down-payments";
export const E2E_DOWN_GROUP = "e2e-down-ledger";

/** The e2e servers: login required (3107, with OIDC) and anonymous read-only (3108). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
export const E2E_ANONYMOUS_PORT = E2E_PORT + 1;
export const E2E_OIDC_PORT = 3109;

/** Users the seed creates (the admin is the first admin the server creates from QUEUEWATCH_ADMIN_PASSWORD). */
export const E2E_USERS = {
  admin: { username: "admin", password: "e2e-admin-password-1" },
  viewer: { username: "e2e-viewer", password: "e2e-viewer-password-1" },
  operator: { username: "e2e-operator", password: "e2e-operator-password-1" },
} as const;

/** Signed-in browser state of the viewer, written by global-setup.ts: the default for every test. */
export const VIEWER_STATE = ".queuewatch/e2e-auth/viewer.json";
export const ADMIN_STATE = ".queuewatch/e2e-auth/admin.json";
export const OPERATOR_STATE = ".queuewatch/e2e-auth/operator.json";
