// Client-safe: the login and user forms show the same rule the server checks.
export const MIN_PASSWORD_LENGTH = 12;
