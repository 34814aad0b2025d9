import "server-only";
import { headers } from "next/headers";
import { ActionError } from "@/lib/action";
import { hitRateLimit, peekRateLimit, type Limit, type LimitState } from "@/db/queries/rate-limits";
import { waitInWords } from "./limits";

/** The caller's address as the nearest proxy reported it ("unknown" without one). */
export async function requestIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}

/** Refused: the message says how long to wait, and the result carries it as retryAfterSeconds. */
export function rateLimited(what: string, states: LimitState[]): ActionError {
  const retryAfterSeconds = Math.max(1, ...states.map((s) => s.retryAfterSeconds));
  return new ActionError(`${what} Try again in ${waitInWords(retryAfterSeconds)}.`, "rate_limited", undefined, { retryAfterSeconds });
}

/** Counts one try against every key; throws `rateLimited` when any limit is used up. */
export async function spendLimits(what: string, limits: [string, Limit][]): Promise<void> {
  const states = await Promise.all(limits.map(([key, limit]) => hitRateLimit(key, limit)));
  if (states.some((s) => !s.allowed)) throw rateLimited(what, states.filter((s) => !s.allowed));
}

/** Checks without counting (sign-in counts only failures). */
export async function checkLimits(what: string, limits: [string, Limit][]): Promise<void> {
  const states = await Promise.all(limits.map(([key, limit]) => peekRateLimit(key, limit)));
  if (states.some((s) => !s.allowed)) throw rateLimited(what, states.filter((s) => !s.allowed));
}
