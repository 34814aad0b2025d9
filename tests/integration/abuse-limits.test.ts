// Abuse limits on the doors anyone can knock on: password reset requests, setting a password
// from an invitation or reset link, and result links. Each refusal says how long to wait
// (Retry-After on HTTP, retryAfterSeconds in an action's result) and reveals nothing about
// which accounts exist. (Sign-in's limits: sign-in-limits.test.ts and tests/e2e/auth.spec.ts;
// that a forged X-Forwarded-For changes no address: tests/e2e/client-address.spec.ts.)
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { SYSTEM } from "@/lib/actor";
import { issueAccessLink } from "@/db/queries/access-links";
import { RESET_LIMITS, RESULT_LINK_LIMITS, TOKEN_LIMITS, waitInWords } from "@/lib/auth/limits";
import type { ActionResult } from "@/lib/action";
import { makeCourse } from "../support/academy";
import { fromAddress } from "../support/client-ip";
import { makeUser } from "../support/factories";

// The address each call comes from, as Markbook's server would report it.
const request = vi.hoisted(() => ({ ip: "198.51.100.1" }));
vi.mock("next/headers", async () => {
  const { fromAddress } = await import("../support/client-ip");
  return { headers: async () => new Headers(fromAddress(request.ip)) };
});
// Signing in after a successful password change needs Next's request; the limits come first.
vi.mock("@/lib/auth", () => ({ signIn: async () => undefined, TooManyAttempts: class extends Error {} }));

const { forgotPasswordAction } = await import("@/app/(auth)/forgot-password/actions");
const { setPasswordAction } = await import("@/app/(auth)/_set-password/actions");
const { GET: resultPage } = await import("@/app/r/[token]/route");

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

function retryAfter(r: ActionResult): number {
  expect(r).toMatchObject({ ok: false, code: "rate_limited" });
  const seconds = (r as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds ?? 0;
  expect(seconds).toBeGreaterThan(0);
  return seconds;
}

async function resetEmailsTo(email: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from email_messages where template = 'password-reset' and "to" = ${email}`);
  return Number(row.n);
}

beforeEach(() => {
  request.ip = freshIp();
});

describe("password reset requests", () => {
  it("per address: the same answer every time, but at most three emails an hour", async () => {
    const user = await makeUser("faculty");
    for (let i = 0; i < RESET_LIMITS.account.limit + 3; i++) {
      request.ip = freshIp();
      expect(await forgotPasswordAction(null, { email: user.email })).toEqual({ ok: true, data: null });
    }
    expect(await resetEmailsTo(user.email)).toBe(RESET_LIMITS.account.limit);
    // An address with no account gets exactly the same answer.
    expect(await forgotPasswordAction(null, { email: "nobody.here@markbook.test" })).toEqual({ ok: true, data: null });
  });

  it("per IP: refused after the limit, with the wait in words and in seconds; other addresses unaffected", async () => {
    for (let i = 0; i < RESET_LIMITS.ip.limit; i++) expect(await forgotPasswordAction(null, { email: `someone${i}@example.test` })).toMatchObject({ ok: true });
    const refused = await forgotPasswordAction(null, { email: "one.more@example.test" });
    const seconds = retryAfter(refused);
    expect(seconds).toBeLessThanOrEqual(RESET_LIMITS.ip.windowMs / 1000);
    expect(!refused.ok && refused.message).toContain(`Try again in ${waitInWords(seconds)}`);
    request.ip = freshIp();
    expect(await forgotPasswordAction(null, { email: "one.more@example.test" })).toMatchObject({ ok: true });
  });
});

describe("setting a password from a link", () => {
  const attempt = (token: string) =>
    setPasswordAction(null, { token, kind: "invite", password: "a-long-enough-passphrase-42", confirmPassword: "a-long-enough-passphrase-42" });

  it("per link: a token tried from many addresses is locked after the limit", async () => {
    const token = "guessed-token-0123456789abcdef";
    for (let i = 0; i < TOKEN_LIMITS.token.limit; i++) {
      request.ip = freshIp();
      const r = await attempt(token);
      expect(r).toMatchObject({ ok: false });
      expect(r.ok === false && r.code).not.toBe("rate_limited");
    }
    request.ip = freshIp();
    retryAfter(await attempt(token));
  });

  it("per IP: many tokens from one address are refused after the limit", async () => {
    for (let i = 0; i < TOKEN_LIMITS.ip.limit; i++) {
      const r = await attempt(`another-guess-${i}-0123456789abcdef`);
      expect(r.ok === false && r.code).not.toBe("rate_limited");
    }
    retryAfter(await attempt("yet-another-guess-0123456789abcdef"));
  });
});

describe("result links", () => {
  it("a rotated X-Forwarded-For, or a forged address header without the server's mark, opens no new allowance", async () => {
    const guess = (i: number, headers: Record<string, string>) =>
      resultPage(new Request(`http://localhost/r/forged${i}`, { headers }), { params: Promise.resolve({ token: `forged${i}`.padEnd(43, "x") }) });
    for (let i = 0; i < RESULT_LINK_LIMITS.ip.limit; i++) {
      const forged = `192.0.2.${i + 1}`;
      // What a client can send: none of it is vouched for by Markbook's server.
      const headers: Record<string, string> =
        i % 2 ? { "x-forwarded-for": forged, "x-real-ip": forged } : { "x-markbook-client-ip": forged, "x-markbook-server-mark": "guessed" };
      expect((await guess(i, headers)).status).toBe(404);
    }
    expect((await guess(999, { "x-forwarded-for": "192.0.2.250" })).status).toBe(429);
    expect((await guess(998, { "x-markbook-client-ip": "192.0.2.251" })).status).toBe(429);
  });

  const open = (token: string) =>
    resultPage(new Request(`http://localhost/r/${token}`, { headers: fromAddress(request.ip) }), { params: Promise.resolve({ token }) });

  it("guessing from one address is refused with Retry-After; a real link from elsewhere still opens", async () => {
    const { candidates } = await makeCourse({ candidates: 1 });
    const { token } = await issueAccessLink(db, SYSTEM, { candidateId: candidates[0].id, recipient: "parent" });
    for (let i = 0; i < RESULT_LINK_LIMITS.ip.limit; i++) expect((await open(`guess${i}`.padEnd(43, "x"))).status).toBe(404);
    const refused = await open("one-more-guess".padEnd(43, "x"));
    expect(refused.status).toBe(429);
    const header = Number(refused.headers.get("Retry-After"));
    expect(header).toBeGreaterThan(0);
    expect(header).toBeLessThanOrEqual(RESULT_LINK_LIMITS.ip.windowMs / 1000);
    // Even a valid link waits at the guessing address…
    expect((await open(token)).status).toBe(429);
    // …and opens from anywhere else.
    request.ip = freshIp();
    const ok = await open(token);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(candidates[0].fullName);
  });
});
