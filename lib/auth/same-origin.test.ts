import { describe, expect, it } from "vitest";
import { crossOriginReason } from "./same-origin";

const headers = (origin: string | null, host: string | null, secFetchSite: string | null = null) => ({ origin, host, secFetchSite });

describe("crossOriginReason", () => {
  it.each([
    ["same origin", headers("http://127.0.0.1:3000", "127.0.0.1:3000", "same-origin"), undefined, null],
    ["same origin, old browser without fetch metadata", headers("http://127.0.0.1:3000", "127.0.0.1:3000"), undefined, null],
    ["another port on the same host (same site, other origin)", headers("http://127.0.0.1:3109", "127.0.0.1:3000", "same-site"), undefined, /Sec-Fetch-Site: same-site/],
    ["another origin without fetch metadata", headers("http://evil.example", "127.0.0.1:3000"), undefined, /Origin http:\/\/evil.example/],
    ["no Origin", headers(null, "127.0.0.1:3000"), undefined, /without an Origin/],
    ["opaque Origin (sandboxed page, file://)", headers("null", "127.0.0.1:3000"), undefined, /without an Origin/],
    ["behind a proxy: the public URL decides", headers("https://qw.example.com", "10.0.0.5:3000", "same-origin"), "https://qw.example.com", null],
    ["behind a proxy: the internal host is not the public one", headers("http://10.0.0.5:3000", "10.0.0.5:3000"), "https://qw.example.com", /is not https:\/\/qw.example.com/],
    ["behind a proxy: http is not the https public origin", headers("http://qw.example.com", "qw.example.com"), "https://qw.example.com", /is not https:\/\/qw.example.com/],
    ["host compared without case", headers("http://LOCALHOST:3000", "localhost:3000"), undefined, null],
  ] as const)("%s", (_name, given, publicUrl, expected) => {
    const reason = crossOriginReason(given, publicUrl);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});
