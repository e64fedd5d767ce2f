// Names shared by the e2e seed and the browser tests.
export const E2E_TOPIC = "e2e-orders";
export const E2E_GROUP = "e2e-billing";
/** A hostile group id: markup, quotes, percent-escapes and slashes must render as text. */
export const E2E_HOSTILE_GROUP = `<img src=x onerror="window.__pwned=1">'"%2F/ä😀&amp;`;
export const E2E_PRODUCED = [10, 20, 30] as const;
export const E2E_COMMITTED = [4, 20, 0] as const;
export const E2E_LAG = [6, 0, 30] as const;
