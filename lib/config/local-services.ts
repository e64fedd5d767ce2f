const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Pure: whether a host name is this machine (where the quick start can start a broker). */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host);
}
