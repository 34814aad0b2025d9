// Issue 11, finding 14: route handlers that change data refuse a request another site made,
// as server actions already do (authz.spec.ts), while the same request from our own pages works.
// The handlers are found from the code, so a new one cannot be forgotten.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { authFile } from "./support/auth";

const ROOT = process.cwd();
const APP = join(ROOT, "app");
const port = Number(process.env.E2E_PORT || 3100) + 1;
const dbFile = join(ROOT, "data", `e2e-seeded-${port}.db`);
const FOREIGN = "https://evil.example";

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (entry === "route.ts") out.push(p);
  }
  return out;
}

type Handler = { file: string; path: string; method: string; access: string | null };

/** Every exported POST / PUT / PATCH / DELETE of every route.ts, however it is written. */
function changingHandlers(): Handler[] {
  const out: Handler[] = [];
  for (const file of walk(APP)) {
    const parts = relative(APP, file).split(sep).slice(0, -1);
    if (parts.some((p) => p.startsWith("_"))) continue;
    // Route groups vanish; any dynamic segment gets a plausible value.
    const path =
      "/" +
      parts
        .filter((p) => !(p.startsWith("(") && p.endsWith(")")))
        .map((p) => (p.startsWith("[") ? "1" : p))
        .join("/");
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(POST|PUT|PATCH|DELETE)\b/g)) {
      const access = source.match(new RegExp(`export const ${m[1]} = route\\(\\{\\s*access:\\s*"([a-z.-]+)"`))?.[1] ?? null;
      out.push({ file: relative(ROOT, file), path, method: m[1], access });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

let db: Client;
let admin: APIRequestContext;
let ours: string;

test.beforeAll(async ({}, info) => {
  const baseURL = info.project.use.baseURL!;
  ours = new URL(baseURL).origin;
  // The busy timeout the app uses: the server writes to the same file while this test does.
  db = createClient({ url: `file:${dbFile}`, timeout: 5000 });
  // The admin's session, as the setup project saved it.
  admin = await playwrightRequest.newContext({ baseURL, storageState: authFile("admin"), maxRedirects: 0 });
});

test.afterAll(async () => {
  await admin?.dispose();
  db?.close();
});

test("POST /api/imports/commit from another site is refused and changes nothing; from our own origin it imports", async () => {
  const number = `ORIGIN-${Date.now()}`;
  const body = {
    kind: "candidates",
    fileName: "origin.csv",
    text: `Candidate number,Full name\n${number},Origin Check`,
    mapping: { candidateNumber: "Candidate number", fullName: "Full name" },
    courseId: null,
  };
  const imported = async () => Number((await db.execute({ sql: "select count(*) from candidates where candidate_number = ?", args: [number] })).rows[0][0]);
  const imports = async () => Number((await db.execute("select count(*) from imports")).rows[0][0]);
  const importsBefore = await imports();

  const refused: Record<string, string>[] = [
    { Origin: FOREIGN },
    // A forged X-Forwarded-Host naming the foreign site does not make it ours.
    { Origin: FOREIGN, "X-Forwarded-Host": "evil.example" },
    { Origin: "null" },
    // A browser that sends no Origin still says where the request came from.
    { "Sec-Fetch-Site": "cross-site" },
    { Origin: ours, "Sec-Fetch-Site": "same-site" },
  ];
  for (const headers of refused) {
    const res = await admin.post("/api/imports/commit", { headers, data: body });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, code: "forbidden", message: expect.stringContaining("another site") });
  }
  expect(await imported()).toBe(0);
  expect(await imports()).toBe(importsBefore);

  const own = await admin.post("/api/imports/commit", { headers: { Origin: ours, "Sec-Fetch-Site": "same-origin" }, data: body });
  expect(own.status()).toBe(200);
  const lines = (await own.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { ok?: boolean });
  expect(lines.at(-1)).toMatchObject({ ok: true });
  expect(await imported()).toBe(1);
});

test("every data-changing route handler refuses a foreign Origin", async () => {
  const handlers = changingHandlers();
  const browserFacing = handlers.filter((h) => h.access !== "cron");
  // The importer's two at least; cron jobs are called by schedulers with a bearer secret, not by browsers.
  expect(browserFacing.map((h) => h.path)).toEqual(expect.arrayContaining(["/api/imports/commit", "/api/imports/preview"]));
  for (const h of browserFacing) {
    const refused: Record<string, string>[] = [{ Origin: FOREIGN }, { "Sec-Fetch-Site": "cross-site" }];
    for (const headers of refused) {
      const res = await admin.fetch(h.path, { method: h.method, headers: { ...headers, "Content-Type": "application/json" }, data: {} });
      expect(res.status(), `${h.method} ${h.path} (${h.file}) with ${JSON.stringify(headers)}`).toBe(403);
      expect(await res.text(), `${h.method} ${h.path}`).toContain("another site");
    }
  }
  // And the cron jobs still answer only to the bearer secret.
  for (const h of handlers.filter((x) => x.access === "cron")) {
    const res = await admin.fetch(h.path, { method: h.method, headers: { Origin: FOREIGN } });
    expect(res.status(), `${h.method} ${h.path}`).toBe(401);
  }
});
