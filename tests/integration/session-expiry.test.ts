// Sessions end after SESSION_IDLE_MINUTES without a request, keep going while the person
// works (each refresh moves the deadline), and end at once on a password change.
import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { readSessionToken, refreshSessionToken, sessionMaxAge } from "@/lib/auth/jwt";
import { env } from "@/lib/env";
import { changeOwnPassword, findSessionUser } from "@/db/queries/users";
import { makeUser, TEST_PASSWORD } from "../support/factories";

const NAME = "authjs.session-token";
const token = (claims: Record<string, unknown>) => encode({ token: claims, secret: env.AUTH_SECRET!, salt: NAME, maxAge: sessionMaxAge() });

afterEach(() => {
  vi.useRealTimers();
});

describe("session idle expiry", () => {
  it("is the configured number of minutes", () => {
    expect(sessionMaxAge()).toBe(env.SESSION_IDLE_MINUTES * 60);
  });

  it("a token is read until its idle deadline, and not a second after", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-24T09:00:00Z");
    vi.setSystemTime(start);
    const value = await token({ uid: 7, sv: 0 });
    expect(await readSessionToken(NAME, value)).toMatchObject({ uid: 7, sv: 0 });
    vi.setSystemTime(new Date(start.getTime() + (sessionMaxAge() - 1) * 1000));
    expect(await readSessionToken(NAME, value)).not.toBeNull();
    vi.setSystemTime(new Date(start.getTime() + sessionMaxAge() * 1000 + 1000));
    expect(await readSessionToken(NAME, value)).toBeNull();
  });

  it("a refreshed token moves the deadline forward while the person keeps working", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-11-24T09:00:00Z");
    vi.setSystemTime(start);
    const first = await token({ uid: 8, sv: 2 });
    // Most of the idle time later, a request re-issues the cookie.
    vi.setSystemTime(new Date(start.getTime() + (sessionMaxAge() - 60) * 1000));
    const read = (await readSessionToken(NAME, first))!;
    const second = await refreshSessionToken(NAME, read);
    vi.setSystemTime(new Date(start.getTime() + (sessionMaxAge() + 60) * 1000));
    expect(await readSessionToken(NAME, first)).toBeNull();
    expect(await readSessionToken(NAME, second)).toMatchObject({ uid: 8, sv: 2 });
  });

  it("a forged or foreign token is nobody", async () => {
    const foreign = await encode({ token: { uid: 1, sv: 0 }, secret: "another-secret-another-secret-another", salt: NAME, maxAge: 600 });
    expect(await readSessionToken(NAME, foreign)).toBeNull();
    expect(await readSessionToken(NAME, "not-a-jwt")).toBeNull();
  });
});

describe("a password change", () => {
  it("ends every other session of that user at once", async () => {
    const u = await makeUser("faculty");
    expect(await findSessionUser(u.id, u.sessionVersion)).not.toBeNull();
    await changeOwnPassword(u, TEST_PASSWORD, "a-brand-new-passphrase-77");
    expect(await findSessionUser(u.id, u.sessionVersion)).toBeNull();
  });
});
