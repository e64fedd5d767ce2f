// Calling App Router route handlers directly in integration tests.
import { expect } from "vitest";

/** The second argument a dynamic route handler receives. */
export const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

export const req = (url: string) => new Request(`http://localhost${url}`);

/** Asserts the status and returns the parsed JSON body. */
export async function body<T>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}
