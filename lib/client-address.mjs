// @ts-check
// Who is asking: the address the per-IP abuse limits count against. Markbook's server
// (server.mjs) works it out from the socket and the proxies the operator says are in front,
// and hands it to the app in a header of its own; the app reads nothing else.
//
// Plain JavaScript (typed by client-address.d.mts) because server.mjs imports it before
// Next loads, with no TypeScript loader in the way of Next's own module loading.
import { isIP } from "node:net";
import { z } from "zod";

/** The address, as Markbook's server computed it. Any copy a client sends is replaced. */
export const CLIENT_IP_HEADER = "x-markbook-client-ip";
/** Proof that the header above came from Markbook's server and not from a client. */
export const SERVER_MARK_HEADER = "x-markbook-server-mark";
/** Where the server keeps that proof, for the app in the same process to compare against. */
export const SERVER_MARK_ENV = "MARKBOOK_SERVER_MARK";

export const UNKNOWN_ADDRESS = "unknown";

/** TRUSTED_PROXY_HOPS: how many proxies stand in front of Markbook and append to X-Forwarded-For. */
export const proxyHopsSchema = z.coerce
  .number({ error: "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly)" })
  .int({ error: "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly)" })
  .min(0, { error: "TRUSTED_PROXY_HOPS cannot be negative" })
  .max(20, { error: "TRUSTED_PROXY_HOPS above 20 is surely a mistake" })
  .default(0);

/**
 * One address in a canonical form, or null when it is not an IP address. Proxies write
 * "203.0.113.7", "203.0.113.7:51234", "[2001:db8::1]:443" or "2001:DB8::1"; the socket
 * reports IPv4 clients of a dual-stack listener as "::ffff:203.0.113.7".
 * @param {string} raw
 * @returns {string | null}
 */
export function normaliseAddress(raw) {
  let a = raw.trim();
  const bracketed = a.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) a = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  // A zone id ("fe80::1%eth0") names the server's interface, not the client.
  a = a.replace(/%.*$/, "").toLowerCase();
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) a = mapped[1];
  return isIP(a) ? a : null;
}

/**
 * The client's address. With no trusted proxy (hops 0, the default) that is the socket's
 * peer, whatever the request's headers say. With N trusted proxies, each appends the
 * address it was connected from to X-Forwarded-For, so the client is the N-th entry from
 * the right: everything further left was written by the client and proves nothing. A chain
 * shorter than N did not come through every proxy; its leftmost entry is the best we know.
 * @param {string | undefined} socketAddress the connection's remote address
 * @param {string | string[] | undefined} forwardedFor every X-Forwarded-For value, in order
 * @param {number} hops TRUSTED_PROXY_HOPS
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, hops) {
  if (hops <= 0) return (socketAddress && normaliseAddress(socketAddress)) || UNKNOWN_ADDRESS;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return (socketAddress && normaliseAddress(socketAddress)) || UNKNOWN_ADDRESS;
  const entry = chain[Math.max(0, chain.length - hops)];
  return normaliseAddress(entry) ?? UNKNOWN_ADDRESS;
}

/**
 * The app's side: the address Markbook's server put on the request, or "unknown" when the
 * request did not come through it (e.g. under plain `next start`, where a client could
 * have sent the header itself). Every per-IP limit reads the address here and only here.
 * @param {{ get(name: string): string | null }} headers
 * @param {string | undefined} mark the running server's mark (env.MARKBOOK_SERVER_MARK, which server.mjs sets)
 * @returns {string}
 */
export function trustedClientAddress(headers, mark) {
  if (!mark || headers.get(SERVER_MARK_HEADER) !== mark) return UNKNOWN_ADDRESS;
  const ip = headers.get(CLIENT_IP_HEADER);
  return (ip && normaliseAddress(ip)) || UNKNOWN_ADDRESS;
}
