// Client-safe: the password forms check what the server will check, so a typo is caught before sending.
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

/** What is wrong with a new password and its repetition; null when nothing. The server checks again and decides. Pure. */
export function newPasswordProblem(newPassword: string, repeated: string): string | null {
  if (newPassword.length < MIN_PASSWORD_LENGTH) return `The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (newPassword !== repeated) return "The two new passwords do not match.";
  return null;
}
