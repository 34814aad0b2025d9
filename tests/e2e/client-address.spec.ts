// Issue 11, finding 3: the per-IP limits count the connection's address, not what a client
// writes in X-Forwarded-For. Each server here is Markbook's own (server.mjs, as `npm start`
// runs it) on a database of its own, so using up an address's allowance troubles no other spec.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { expect, test } from "@playwright/test";
import { RESULT_LINK_LIMITS, SIGN_IN_LIMITS } from "@/lib/auth/limits";
import { actionRequest, distDir, freePort, parseActionReply, removeDatabase, startServer, type RunningServer } from "@/scripts/server-harness";

test.describe.configure({ mode: "serial" });

async function serverWith(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const dbPath = `data/e2e-address-${port}.db`;
  removeDatabase(dbPath);
  return startServer({ port, dbPath, env });
}

/** The sign-in form's server action, by its id in the build's manifest (as the page's script knows it). */
function signInActionId(): string {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), distDir(), "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === "signInAction")?.[0];
  if (!id) throw new Error("signInAction is not in the server reference manifest");
  return id;
}

/** The sign-in page wants an admin to exist (else it sends people to first-run setup). */
async function addAdmin(dbPath: string): Promise<void> {
  const db = createClient({ url: `file:${dbPath}`, timeout: 5000 }); // the server writes to the same file
  const now = Date.now();
  await db.execute({
    sql: "insert into users (full_name, email, role, active, session_version, created_at, updated_at) values ('Admin', 'admin@example.test', 'admin', 1, 0, ?, ?)",
    args: [now, now],
  });
  db.close();
}

/** What a client can write to pass for someone else, a new address each time. */
function forged(i: number): Record<string, string> {
  const ip = `192.0.2.${(i % 250) + 1}`;
  return { "x-forwarded-for": ip, "x-real-ip": ip, "x-markbook-client-ip": ip, forwarded: `for=${ip}` };
}

async function guessResultLink(base: string, i: number, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${base}/r/${`guess-${i}-`.padEnd(43, "x")}`, { headers });
  await res.body?.cancel();
  return res.status;
}

async function signInAttempt(base: string, id: string, email: string, headers: Record<string, string>): Promise<string | undefined> {
  const req = actionRequest(base, id, undefined, [null, { email, password: "not-the-password", callbackUrl: "/dashboard" }]);
  const res = await fetch(`${base}/sign-in`, { ...req, headers: { ...req.headers, ...headers }, redirect: "manual" });
  return parseActionReply(await res.text())?.code;
}

test.describe("with the default setting (TRUSTED_PROXY_HOPS=0)", () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await serverWith({});
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) removeDatabase(server.dbPath);
  });

  test("a new X-Forwarded-For on every guess does not reset the result-link guessing limit", async () => {
    for (let i = 0; i < RESULT_LINK_LIMITS.ip.limit; i++) expect(await guessResultLink(server.base, i, forged(i))).toBe(404);
    expect(await guessResultLink(server.base, 1000, forged(1000))).toBe(429);
    expect(await guessResultLink(server.base, 1001, {})).toBe(429);
  });

  test("a new X-Forwarded-For on every attempt does not reset the sign-in limit per address", async () => {
    await addAdmin(server.dbPath);
    const id = signInActionId();
    // A different email each time, so only the per-address limit can stop them.
    for (let i = 0; i < SIGN_IN_LIMITS.ip.limit; i++) expect(await signInAttempt(server.base, id, `nobody-${i}@example.test`, forged(i))).toBe("invalid");
    expect(await signInAttempt(server.base, id, "one-more@example.test", forged(1000))).toBe("rate_limited");
  });
});

test.describe("behind one trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await serverWith({ TRUSTED_PROXY_HOPS: "1" });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (server) removeDatabase(server.dbPath);
  });

  test("the address the proxy appended counts; what the client wrote before it does not", async () => {
    // The proxy appends the client's real address (203.0.113.7) after whatever the client sent.
    for (let i = 0; i < RESULT_LINK_LIMITS.ip.limit; i++)
      expect(await guessResultLink(server.base, i, { "x-forwarded-for": `192.0.2.${i + 1}, 203.0.113.7` })).toBe(404);
    expect(await guessResultLink(server.base, 1000, { "x-forwarded-for": "192.0.2.250, 203.0.113.7" })).toBe(429);
    // Another client behind the same proxy has an allowance of its own.
    expect(await guessResultLink(server.base, 1001, { "x-forwarded-for": "203.0.113.8" })).toBe(404);
  });
});
