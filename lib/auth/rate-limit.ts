import "server-only";
import { headers } from "next/headers";
import { ActionError } from "@/lib/action";
import { trustedClientAddress } from "@/lib/client-address.mjs";
import { env } from "@/lib/env";
import { hitRateLimit, peekRateLimit, type Limit, type LimitState } from "@/db/queries/rate-limits";
import { waitInWords } from "./limits";

/**
 * The caller's address as Markbook's server worked it out (the socket, or the proxies
 * TRUSTED_PROXY_HOPS trusts); "unknown" when the app runs under any other server.
 */
export async function requestIp(): Promise<string> {
  return trustedClientAddress(await headers(), env.MARKBOOK_SERVER_MARK);
}

/** Refused: the message says how long to wait, and the result carries it as retryAfterSeconds. */
export function rateLimited(what: string, states: LimitState[]): ActionError {
  const retryAfterSeconds = Math.max(1, ...states.map((s) => s.retryAfterSeconds));
  return new ActionError(`${what} Try again in ${waitInWords(retryAfterSeconds)}.`, "rate_limited", undefined, { retryAfterSeconds });
}

/** Counts one try against every key; throws `rateLimited` when any limit is used up. */
export async function spendLimits(what: string, limits: [string, Limit][]): Promise<void> {
  const states = await Promise.all(limits.map(([key, limit]) => hitRateLimit(key, limit)));
  if (states.some((s) => !s.allowed))
    throw rateLimited(
      what,
      states.filter((s) => !s.allowed),
    );
}

/** Checks without counting: a quick refusal before the counting check that holds. */
export async function checkLimits(what: string, limits: [string, Limit][]): Promise<void> {
  const states = await Promise.all(limits.map(([key, limit]) => peekRateLimit(key, limit)));
  if (states.some((s) => !s.allowed))
    throw rateLimited(
      what,
      states.filter((s) => !s.allowed),
    );
}
