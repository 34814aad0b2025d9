// Issue 11, finding 3: the address the per-IP limits count comes from the socket, and from
// X-Forwarded-For only as far as TRUSTED_PROXY_HOPS vouches for it.
import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, proxyHopsSchema, trustedClientAddress, CLIENT_IP_HEADER, SERVER_MARK_HEADER } from "@/lib/client-address.mjs";

describe("clientAddress", () => {
  it("hops 0 (the default): the socket's address, whatever the headers claim", () => {
    expect(clientAddress("203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", ["198.51.100.1", "198.51.100.2"], 0)).toBe("203.0.113.9");
  });

  it("hops 1: the last entry, the one our proxy appended; anything a client put before it is ignored", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", 1)).toBe("203.0.113.9");
    // The client sent "X-Forwarded-For: 1.1.1.1, 2.2.2.2"; the proxy appended the real address.
    expect(clientAddress("10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.9", 1)).toBe("203.0.113.9");
    // Several header lines count as one list, in order.
    expect(clientAddress("10.0.0.2", ["1.1.1.1", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });

  it("hops 2: the second entry from the right (the outer proxy's), not the inner proxy's nor a forged one", () => {
    // client → CDN (appends the client) → load balancer (appends the CDN) → Markbook
    expect(clientAddress("10.0.0.3", "203.0.113.9, 198.51.100.20", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.3", "6.6.6.6, 7.7.7.7, 203.0.113.9, 198.51.100.20", 2)).toBe("203.0.113.9");
  });

  it("a rotated forged prefix never changes the answer", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      seen.add(clientAddress("203.0.113.9", `192.0.2.${i}`, 0));
      seen.add(clientAddress("10.0.0.2", `192.0.2.${i}, 203.0.113.9`, 1));
      seen.add(clientAddress("10.0.0.3", `192.0.2.${i}, 203.0.113.9, 198.51.100.20`, 2));
    }
    expect([...seen]).toEqual(["203.0.113.9"]);
  });

  it("a chain shorter than the hops: its leftmost entry; no chain at all: the socket", () => {
    expect(clientAddress("10.0.0.3", "203.0.113.9", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", undefined, 1)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", " , ", 1)).toBe("203.0.113.9");
  });

  it("IPv6: the socket's IPv4-mapped form, brackets, ports, zone ids and case all reduce to one address", () => {
    expect(clientAddress("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    expect(clientAddress("2001:DB8::1", undefined, 0)).toBe("2001:db8::1");
    expect(clientAddress("::1", undefined, 0)).toBe("::1");
    expect(clientAddress("10.0.0.2", "[2001:db8::1]:51234", 1)).toBe("2001:db8::1");
    expect(clientAddress("10.0.0.2", "2001:db8::1", 1)).toBe("2001:db8::1");
    expect(clientAddress("10.0.0.2", "203.0.113.9:443", 1)).toBe("203.0.113.9");
    expect(clientAddress("fe80::1%eth0", undefined, 0)).toBe("fe80::1");
  });

  it("no socket address (a closed connection) or a garbage entry: unknown, never the garbage", () => {
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
    expect(clientAddress(undefined, "203.0.113.9", 0)).toBe("unknown");
    expect(clientAddress(undefined, undefined, 1)).toBe("unknown");
    expect(clientAddress("10.0.0.2", "sign-in:account:admin@markbook.test", 1)).toBe("unknown");
    expect(clientAddress("10.0.0.2", "unknown", 1)).toBe("unknown");
  });
});

describe("normaliseAddress", () => {
  it("accepts addresses only", () => {
    expect(normaliseAddress(" 198.51.100.7 ")).toBe("198.51.100.7");
    expect(normaliseAddress("999.1.1.1")).toBeNull();
    expect(normaliseAddress("example.com")).toBeNull();
    expect(normaliseAddress("")).toBeNull();
  });
});

describe("trustedClientAddress (the app's side)", () => {
  const h = (o: Record<string, string>) => new Headers(o);

  it("believes the address only with this server's mark", () => {
    expect(trustedClientAddress(h({ [CLIENT_IP_HEADER]: "203.0.113.9", [SERVER_MARK_HEADER]: "m-1" }), "m-1")).toBe("203.0.113.9");
    expect(trustedClientAddress(h({ [CLIENT_IP_HEADER]: "203.0.113.9", [SERVER_MARK_HEADER]: "forged" }), "m-1")).toBe("unknown");
    expect(trustedClientAddress(h({ [CLIENT_IP_HEADER]: "203.0.113.9" }), "m-1")).toBe("unknown");
  });

  it("under any other server (no mark in this process) every address is unknown", () => {
    expect(trustedClientAddress(h({ [CLIENT_IP_HEADER]: "203.0.113.9", [SERVER_MARK_HEADER]: "" }), undefined)).toBe("unknown");
    expect(trustedClientAddress(h({ [CLIENT_IP_HEADER]: "203.0.113.9", [SERVER_MARK_HEADER]: "anything" }), "")).toBe("unknown");
    expect(trustedClientAddress(h({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9" }), "m-1")).toBe("unknown");
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0, takes a small whole number, and refuses anything else with a message", () => {
    expect(proxyHopsSchema.parse(undefined)).toBe(0);
    expect(proxyHopsSchema.parse("2")).toBe(2);
    for (const bad of ["-1", "1.5", "one", "100"]) {
      const r = proxyHopsSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0].message, bad).toMatch(/TRUSTED_PROXY_HOPS/);
    }
  });
});
