// Calling App Router route handlers directly in integration tests. Auth is on in every test: requests
// carry a viewer API token created by tests/support/auth-setup.ts (the integration project's setup file).
import { expect } from "vitest";

/** The second argument a dynamic route handler receives. */
export const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

/** A GET as a viewer (the setup file's token). */
export const req = (url: string) => {
  const token = process.env.QW_TEST_VIEWER_TOKEN;
  if (!token) throw new Error("QW_TEST_VIEWER_TOKEN is not set: tests/support/auth-setup.ts must run first");
  return new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${token}` } });
};

/** Asserts the status and returns the parsed JSON body. */
export async function body<T>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}
