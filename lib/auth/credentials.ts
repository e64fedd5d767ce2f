import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Passwords: argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1: OWASP's minimum), PHC string stored.
// Session and API-token secrets: 256 random bits, only their SHA-256 stored (a slow hash buys nothing for a
// random 256-bit value, and a unique index finds it without comparing secrets in JavaScript).

export const hashPassword = (password: string): Promise<string> => hash(password);

// A fixed hash verified when the user does not exist, so a login takes as long for an unknown name.
let dummyHash: Promise<string> | undefined;

/** true when `password` matches `passwordHash`; with no hash (unknown user, OIDC-only user) it still spends the same time and answers false. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hash("queuewatch-dummy-password");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

export interface NewSecret {
  /** shown once (cookie value, token), never stored */
  value: string;
  hash: string;
}

export function newSecret(prefix = ""): NewSecret {
  const value = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { value, hash: sha256(value) };
}

/** A password for the first admin when none is given: 18 random bytes, 24 characters. */
export const generatePassword = (): string => randomBytes(18).toString("base64url");


