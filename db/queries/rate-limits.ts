import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type Limit = { limit: number; windowMs: number };
export type LimitState = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/** Counts one hit against `key` in a fixed window; refuses once the limit is used up. */
export async function hitRateLimit(key: string, { limit, windowMs }: Limit, now = Date.now()): Promise<LimitState> {
  const resetAt = now + windowMs;
  // One upsert: a new or expired window restarts at 1, otherwise it counts up.
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= ${now} then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= ${now} then ${resetAt} else ${rateLimits.resetAt} end`,
      },
    })
    .returning();
  return state(row.count, row.resetAt, limit, now);
}

/** Would one more hit be allowed? Reads without counting. */
export async function peekRateLimit(key: string, { limit }: Limit, now = Date.now()): Promise<LimitState> {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key}`);
  const row = rows[0];
  if (!row || row.resetAt <= now) return { allowed: true, remaining: limit, retryAfterSeconds: 0 };
  const allowed = row.count < limit;
  return { allowed, remaining: Math.max(0, limit - row.count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((row.resetAt - now) / 1000)) };
}

/**
 * Takes one hit back (an attempt that turned out not to count), never below zero. The
 * window is left as it is.
 */
export async function giveBackRateLimit(key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.count} > 0`);
}

export async function clearRateLimit(key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

function state(count: number, resetAt: number, limit: number, now: number): LimitState {
  const allowed = count <= limit;
  return { allowed, remaining: Math.max(0, limit - count), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}
