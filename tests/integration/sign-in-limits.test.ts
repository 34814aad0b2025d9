// Issue 11, finding 2: the sign-in limits hold when the attempts come all at once. Each attempt
// takes the real path (signInAction → Auth.js signIn → the credentials provider's authorize())
// against the database; the password checks are counted where authorize() makes them.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { db } from "@/db/client";
import { SIGN_IN_LIMITS } from "@/lib/auth/limits";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { requestFrom } from "../support/next-request";

vi.mock("next/headers", async () => (await import("../support/next-request")).nextHeaders);

// Every password check authorize() makes, for a real account or none (the timing equaliser).
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      checks.count += 1;
      return real.verifyPassword(hash, password);
    },
    verifyAgainstNothing: (password: string) => {
      checks.count += 1;
      return real.verifyAgainstNothing(password);
    },
  };
});

const { signInAction } = await import("@/app/(auth)/sign-in/actions");

type Outcome = "signed-in" | "invalid" | "rate_limited" | "other";

/** One sign-in from `ip`: a success ends in Next's redirect to the dashboard. */
async function attempt(ip: string, email: string, password: string): Promise<Outcome> {
  try {
    const r = await requestFrom(ip, () => signInAction(null, { email, password, callbackUrl: "/dashboard" }));
    return !r.ok && (r.code === "invalid" || r.code === "rate_limited") ? r.code : "other";
  } catch (e) {
    if (isRedirectError(e)) return "signed-in";
    throw e;
  }
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const t: Record<Outcome, number> = { "signed-in": 0, invalid: 0, rate_limited: 0, other: 0 };
  for (const o of outcomes) t[o] += 1;
  return t;
}

async function counter(key: string): Promise<number> {
  const rows = await db.all<{ count: number }>(sql`select count from rate_limits where key = ${key}`);
  return rows[0] ? Number(rows[0].count) : 0;
}

let net = 0;
/** An address no other test has used. */
function freshIp(): string {
  net += 1;
  return `10.${net}.0.1`;
}

beforeEach(() => {
  checks.count = 0;
});

describe("sign-in limits under parallel attempts", () => {
  it("per account: of 100 wrong passwords at once, at most 5 are checked and the rest are refused as rate-limited", async () => {
    const user = await makeUser("faculty");
    // Each from its own address, so only the account's limit stands in the way.
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(`172.16.${i >> 8}.${(i & 255) + 1}`, user.email, `wrong-password-${i}`)));
    const t = tally(outcomes);
    expect(checks.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.account.limit);
    expect(t).toEqual({ "signed-in": 0, invalid: checks.count, rate_limited: 100 - checks.count, other: 0 });
    // The refused attempts were never checked, so they left no count behind: five failures, no more.
    expect(await counter(`sign-in:account:${user.email}`)).toBe(checks.count);
    // The account stays locked for its window, even to the right password.
    expect(await attempt(freshIp(), user.email, TEST_PASSWORD)).toBe("rate_limited");
  });

  it("per address: of 100 wrong passwords at once for 100 emails, at most 30 are checked and the rest are refused", async () => {
    const ip = freshIp();
    const someone = await makeUser("counsellor");
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attempt(ip, i === 0 ? someone.email : `nobody-${i}@example.test`, `wrong-password-${i}`)),
    );
    const t = tally(outcomes);
    expect(checks.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.ip.limit);
    expect(t).toEqual({ "signed-in": 0, invalid: checks.count, rate_limited: 100 - checks.count, other: 0 });
    expect(await counter(`sign-in:ip:${ip}`)).toBe(checks.count);
    // That address is refused even with the right password; anywhere else the account works.
    const user = await makeUser("faculty");
    expect(await attempt(ip, user.email, TEST_PASSWORD)).toBe("rate_limited");
    expect(await attempt(freshIp(), user.email, TEST_PASSWORD)).toBe("signed-in");
  });
});

describe("a successful sign-in", () => {
  it("clears the account's counter: five more tries after it", async () => {
    const user = await makeUser("faculty");
    const ip = freshIp();
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit - 1; i++) expect(await attempt(ip, user.email, `wrong-${i}`)).toBe("invalid");
    expect(await attempt(ip, user.email, TEST_PASSWORD)).toBe("signed-in");
    for (let i = 0; i < SIGN_IN_LIMITS.account.limit; i++) expect(await attempt(ip, user.email, `wrong-again-${i}`)).toBe("invalid");
    expect(await attempt(ip, user.email, "one-too-many")).toBe("rate_limited");
  });

  it("gives the address its try back: a school behind one NAT address signs in all morning", async () => {
    const ip = freshIp();
    const staff = await Promise.all(Array.from({ length: 5 }, () => makeUser("faculty")));
    for (let i = 0; i < SIGN_IN_LIMITS.ip.limit - 1; i++) expect(await attempt(ip, `typo-${i}@example.test`, "wrong")).toBe("invalid");
    // Forty sign-ins, far more than the address's limit, while one failure short of it.
    for (let i = 0; i < 40; i++) expect(await attempt(ip, staff[i % staff.length].email, TEST_PASSWORD)).toBe("signed-in");
    expect(await counter(`sign-in:ip:${ip}`)).toBe(SIGN_IN_LIMITS.ip.limit - 1);
    expect(await attempt(ip, "one-more-typo@example.test", "wrong")).toBe("invalid");
    expect(await attempt(ip, staff[0].email, TEST_PASSWORD)).toBe("rate_limited");
  });
});
