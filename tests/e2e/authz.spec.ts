// The authorisation matrix: every page and route handler, found from the code so a new one
// cannot be forgotten, asked for by every kind of visitor over HTTP against the production
// build. The expected outcome of each request comes from the permission map and the proxy's
// route table, never from a list written here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { can, type Permission } from "@/lib/auth/permissions";
import { isPublicPath, permissionForPath } from "@/lib/auth/routes";
import type { Role } from "@/lib/constants";
import { E2E, type E2EFacts } from "./fixtures/facts";
import { DEMO, authFile, signIn } from "./support/auth";

const ROOT = process.cwd();
const APP = join(ROOT, "app");

type Found = { pattern: string; file: string; source: string };

function walk(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, name, out);
    else if (entry === name) out.push(p);
  }
  return out;
}

/** app/(staff)/courses/[id]/page.tsx → /courses/[id]; route groups vanish, private folders are not routes. */
function patternOf(file: string): string | null {
  const parts = relative(APP, file).split(sep).slice(0, -1);
  if (parts.some((p) => p.startsWith("_"))) return null;
  return "/" + parts.filter((p) => !(p.startsWith("(") && p.endsWith(")"))).join("/");
}

function found(name: string): Found[] {
  return walk(APP, name)
    .map((file) => ({ pattern: patternOf(file), file: relative(ROOT, file), source: readFileSync(file, "utf8") }))
    .filter((f): f is Found => f.pattern !== null)
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

const PAGES = found("page.tsx");
const ROUTES = found("route.ts");

/** What a page itself demands: requirePermission("x"), requireUser(), or nothing. */
function pageDemand(source: string): Permission | "signed-in" | "none" {
  const perms = [...source.matchAll(/requirePermission\("([a-z.-]+)"\)/g)].map((m) => m[1] as Permission);
  if (perms.length > 1) throw new Error("A page checks one permission; found " + perms.join(", "));
  if (perms.length === 1) return perms[0];
  return /requireUser\(\)/.test(source) ? "signed-in" : "none";
}

/** What each exported handler of a route file demands: route({ access: "x" … }). */
function routeDemands(source: string): { method: string; access: string }[] {
  return [...source.matchAll(/export const (GET|HEAD|POST|PUT|PATCH|DELETE) = route\(\s*\{\s*access:\s*"([a-z.-]+)"/g)].map((m) => ({
    method: m[1],
    access: m[2],
  }));
}

// ---------------------------------------------------------------------------------------------
// Who asks: each role, a faculty member on someone else's course, a session whose user was
// deactivated, nobody, and a parent holding a result link.

type Visitor = { name: string; role: Role | null; scope: "own" | "other"; ctx: APIRequestContext };

type Ids = {
  course: { own: number; other: number };
  session: { own: number; other: number };
  candidate: { own: number; other: number; otherNumber: string; ownNumber: string };
  lead: number;
  email: number;
  /** Progress-report and grade-card runs: "own" made by the demo faculty member, "other" by the admin. */
  reportRun: { own: number; other: number };
  cardRun: { own: number; other: number };
  /** The term of the faculty member's course, for the grade-card routes' ?term=. */
  term: number;
};

const port = Number(process.env.E2E_PORT || 3100) + 1;
const dbFile = join(ROOT, "data", `e2e-seeded-${port}.db`);
let db: Client;
let ids: Ids;
let facts: E2EFacts;
const visitors: Visitor[] = [];

async function one(sql: string, args: (string | number)[] = []): Promise<number> {
  const r = await db.execute({ sql, args });
  if (!r.rows[0]) throw new Error(`No fixture row for: ${sql}`);
  return Number(r.rows[0][0]);
}

async function sessionFor(browser: Browser, baseURL: string, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  const storageState = await context.storageState();
  await context.close();
  return playwrightRequest.newContext({ baseURL, storageState, maxRedirects: 0 });
}

test.describe.configure({ mode: "default" });

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  const baseURL = info.project.use.baseURL!;
  // The busy timeout the app uses: the server writes to the same file while this test does.
  db = createClient({ url: `file:${dbFile}`, timeout: 5000 });
  facts = JSON.parse(readFileSync(`${dbFile}.facts.json`, "utf8")) as E2EFacts;
  const facultyId = await one("select id from users where email = ?", [DEMO.faculty]);
  const teaches = "select course_id from course_teachers where user_id = ?";
  const ownCourse = await one(`select id from courses where code = ?`, [E2E.course.code]);
  const otherCourse = await one(
    `select id from courses where id not in (${teaches}) and exists (select 1 from attendance_sessions s where s.course_id = courses.id) order by id limit 1`,
    [facultyId],
  );
  const ownCandidate = facts.links[0].candidateId;
  const otherCandidate = facts.elsewhere;
  const mySessionCourse = await one(`select course_id from attendance_sessions where course_id in (${teaches}) order by id limit 1`, [facultyId]);
  ids = {
    course: { own: ownCourse, other: otherCourse },
    session: {
      own: await one("select id from attendance_sessions where course_id = ? order by id limit 1", [mySessionCourse]),
      other: await one("select id from attendance_sessions where course_id = ? order by id limit 1", [otherCourse]),
    },
    candidate: {
      own: ownCandidate,
      other: otherCandidate,
      ownNumber: String((await db.execute({ sql: "select candidate_number from candidates where id = ?", args: [ownCandidate] })).rows[0][0]),
      otherNumber: String((await db.execute({ sql: "select candidate_number from candidates where id = ?", args: [otherCandidate] })).rows[0][0]),
    },
    lead: await one("select id from leads order by id limit 1"),
    email: await one("select id from email_messages order by id limit 1"),
    term: await one("select term_id from courses where id = ?", [mySessionCourse]),
    reportRun: { own: 0, other: 0 },
    cardRun: { own: 0, other: 0 },
  };
  // The session course has sessions; the attendance register pages need both ends in one course.
  ids.course.own = mySessionCourse;
  // A finished run of each kind by the faculty member (on their course) and by the admin (on another).
  const adminId = await one("select id from users where email = ?", [DEMO.admin]);
  const now = Date.now();
  const runOf = async (table: "report_runs" | "grade_card_runs", courseId: number, by: number) =>
    table === "report_runs"
      ? one(
          `insert into report_runs (scope, course_id, status, total, queued, created_by, finished_at, created_at, updated_at)
           values ('course', ?, 'done', 0, 0, ?, ?, ?, ?) returning id`,
          [courseId, by, now, now, now],
        )
      : one(
          `insert into grade_card_runs (scope, course_id, term_id, status, total, done, created_by, finished_at, created_at, updated_at)
           values ('course', ?, (select term_id from courses where id = ?), 'done', 0, 0, ?, ?, ?, ?) returning id`,
          [courseId, courseId, by, now, now, now],
        );
  ids.reportRun = { own: await runOf("report_runs", ids.course.own, facultyId), other: await runOf("report_runs", otherCourse, adminId) };
  ids.cardRun = { own: await runOf("grade_card_runs", ids.course.own, facultyId), other: await runOf("grade_card_runs", otherCourse, adminId) };

  const anonymous = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  visitors.push({ name: "anonymous", role: null, scope: "own", ctx: anonymous });
  // The demo roles' sessions, as the setup project saved them.
  for (const role of ["admin", "faculty", "counsellor"] as const) {
    visitors.push({ name: role, role, scope: "own", ctx: await playwrightRequest.newContext({ baseURL, storageState: authFile(role), maxRedirects: 0 }) });
  }
  const faculty = visitors.find((v) => v.name === "faculty")!;
  visitors.push({ name: "faculty (someone else's course)", role: "faculty", scope: "other", ctx: faculty.ctx });
  // A session kept from before the account was deactivated: signed in here, through the form,
  // since deactivating it is what this visitor is about.
  // (Active again first: after a failed test the worker restarts and runs this hook anew.)
  await db.execute({ sql: "update users set active = 1 where email = ?", args: [E2E.leaver.email] });
  const leaver = await sessionFor(browser, baseURL, E2E.leaver.email);
  expect((await leaver.get("/dashboard")).status()).toBe(200);
  await db.execute({ sql: "update users set active = 0 where email = ?", args: [E2E.leaver.email] });
  visitors.push({ name: "deactivated", role: null, scope: "own", ctx: leaver });
});

test.afterAll(async () => {
  for (const v of visitors) await v.ctx.dispose();
  db?.close();
});

/** A concrete URL for a pattern, from the visitor's side (own or someone else's records). */
function urlFor(pattern: string, scope: "own" | "other"): string {
  return pattern.replace(/\/([^/]+)\/\[([^\]]+)\]/g, (_m, parent: string, param: string) => {
    const key = `${parent}/[${param}]`;
    const value: Record<string, string | number> = {
      "courses/[id]": ids.course[scope],
      "candidates/[id]": ids.candidate[scope],
      "attendance/[sessionId]": ids.session[scope],
      "leads/[id]": ids.lead,
      "outbox/[id]": ids.email,
      "emails/[template]": "progress-report",
      "invite/[token]": "not-a-real-invitation-token-000000",
      "reset-password/[token]": "not-a-real-reset-token-0000000000",
      "r/[token]": facts.links[0].token,
      "cron/[name]": "deliver-emails",
      "reports/[id]": ids.reportRun[scope],
      "grade-cards/[runId]": ids.cardRun[scope],
      "grade-card-runs/[runId]": ids.cardRun[scope],
      "files/[candidateId]": ids.candidate[scope],
      "grade-cards/[candidateId]": `${ids.candidate[scope]}?term=${ids.term}`,
    };
    if (!(key in value)) throw new Error(`The authorisation matrix does not know how to fill ${key}: add it to urlFor().`);
    return `/${parent}/${value[key]}`;
  });
}

/** Which records a pattern reaches that scoping may hide from a faculty member. */
function isScoped(pattern: string): boolean {
  return /\/(courses|candidates)\/\[id\]|\/grade-cards\/\[candidateId\]/.test(pattern) || isRunPage(pattern);
}

/** A run's pages and files open to the admin and to whoever started the run; to anyone else it does not exist. */
function isRunPage(pattern: string): boolean {
  return /\/(reports\/\[id\]|grade-cards\/\[runId\]|grade-card-runs\/\[runId\])/.test(pattern);
}

type Outcome = "ok" | "sign-in" | "refused" | "not-found" | "dashboard";

function describeResponse(r: APIResponse): Outcome | string {
  const status = r.status();
  const location = r.headers()["location"] ?? "";
  if (status === 200) return "ok";
  if (status === 404) return "not-found";
  if (status === 403) return "refused";
  if (status === 401) return "sign-in";
  if (status >= 300 && status < 400) {
    if (location.includes("/sign-in")) return "sign-in";
    if (location.includes("/forbidden")) return "refused";
    if (/\/dashboard$/.test(location)) return "dashboard";
  }
  return `${status} ${location}`;
}

function expectedForPage(p: Found, v: Visitor, path: string): Outcome {
  if (p.pattern === "/setup") return "not-found"; // gone once an admin exists
  if (p.pattern === "/sign-in" && v.role) return "dashboard"; // already signed in
  if (isPublicPath(path)) return "ok";
  if (!v.role) return "sign-in";
  const segment = permissionForPath(path);
  if (segment && !can(v.role, segment)) return "refused";
  const demand = pageDemand(p.source);
  if (demand !== "none" && demand !== "signed-in" && !can(v.role, demand)) return "refused";
  if (v.scope === "other" && v.role === "faculty" && isScoped(p.pattern)) return "not-found";
  if (isRunPage(p.pattern) && v.role !== "admin" && v.role !== "faculty") return "not-found"; // the faculty member's run
  if (p.pattern === "/") return "dashboard";
  return "ok";
}

test("the matrix finds every page and route handler", () => {
  expect(PAGES.length).toBeGreaterThan(30);
  expect(ROUTES.length).toBeGreaterThan(8);
  for (const p of PAGES) {
    const demand = pageDemand(p.source);
    // A staff page that checks nothing itself leans on the proxy alone: not allowed.
    if (!isPublicPath(p.pattern) && !["/", "/forbidden"].includes(p.pattern)) {
      expect(demand, `${p.file} must call requirePermission() or requireUser()`).not.toBe("none");
    }
  }
  for (const r of ROUTES) expect(routeDemands(r.source).length, `${r.file} must export its handlers made with route()`).toBeGreaterThan(0);
});

test("every page answers each visitor as the permission map says", async () => {
  test.setTimeout(240_000);
  const leaks: string[] = [];
  let checked = 0;
  for (const p of PAGES) {
    for (const v of visitors) {
      if (v.scope === "other" && !isScoped(p.pattern)) continue;
      const path = urlFor(p.pattern, v.scope);
      const expected = expectedForPage(p, v, path);
      const got = describeResponse(await v.ctx.get(path));
      checked++;
      if (got !== expected) leaks.push(`${v.name} → ${path} (${p.file}): expected ${expected}, got ${got}`);
    }
  }
  expect(leaks, leaks.join("\n")).toEqual([]);
  expect(checked).toBeGreaterThan(PAGES.length * 4);
});

test("every route handler answers each visitor as the permission map says", async () => {
  test.setTimeout(120_000);
  const leaks: string[] = [];
  for (const r of ROUTES) {
    for (const { method, access } of routeDemands(r.source)) {
      for (const v of visitors) {
        if (v.scope === "other" && !isScoped(r.pattern)) continue;
        const path = urlFor(r.pattern, v.scope);
        // An empty body: a permitted caller gets past the door and is stopped by validation.
        const res = method === "GET" || method === "HEAD" ? await v.ctx.fetch(path, { method }) : await v.ctx.fetch(path, { method, data: {} });
        const status = res.status();
        let expected: string;
        if (access === "public") expected = "not refused";
        else if (access === "cron") expected = "refused";
        else if (!v.role) expected = "refused";
        else if (!can(v.role, access as Permission)) expected = "refused";
        else if (v.scope === "other" && v.role === "faculty" && isScoped(r.pattern)) expected = "hidden";
        else if (isRunPage(r.pattern) && v.role !== "admin" && v.role !== "faculty") expected = "hidden";
        else expected = "not refused";
        const refused = status === 401 || status === 403 || (status >= 300 && status < 400 && (res.headers()["location"] ?? "").includes("/sign-in"));
        const ok = expected === "refused" ? refused : expected === "hidden" ? status === 404 || status === 403 : !refused && status < 500;
        if (!ok) leaks.push(`${v.name} → ${method} ${path} (${r.file}, access ${access}): expected ${expected}, got ${status}`);
      }
    }
  }
  expect(leaks, leaks.join("\n")).toEqual([]);
});

test("a faculty member's CSV exports hold only what they may see", async () => {
  const faculty = visitors.find((v) => v.name === "faculty")!;
  const csv = await (await faculty.ctx.get("/api/candidates/export")).text();
  expect(csv).toContain(ids.candidate.ownNumber);
  expect(csv).not.toContain(ids.candidate.otherNumber);
  const admin = visitors.find((v) => v.name === "admin")!;
  expect(await (await admin.ctx.get("/api/candidates/export")).text()).toContain(ids.candidate.otherNumber);
});

test("a counsellor's candidate list and alerts carry no marks, even when sorted by average", async () => {
  // Shown figures have one decimal ("72.8%"): layout percentages never do.
  const figure = /\d\.\d%/;
  const admin = visitors.find((v) => v.name === "admin")!.ctx;
  const counsellor = visitors.find((v) => v.name === "counsellor")!.ctx;
  const asAdmin = await admin.get("/candidates?sort=average&dir=desc");
  expect(asAdmin.status()).toBe(200);
  const adminHtml = await asAdmin.text();
  // The admin's list shows averages, so the checks below can fail.
  expect(adminHtml).toMatch(figure);
  expect(adminHtml).toMatch(/average\\?"\s*:/);
  for (const path of ["/candidates?sort=average&dir=desc", "/candidates?sort=average&dir=asc&risk=1", "/alerts"]) {
    const res = await counsellor.get(path);
    expect(res.status(), path).toBe(200);
    const html = await res.text();
    expect(html, path).not.toMatch(figure);
    // Nor in the page's data (the RSC payload escapes its quotes: \"average\":43.9).
    expect(html, path).not.toMatch(/average\\?"\s*:/);
  }
  expect(await (await counsellor.get("/api/candidates/export?sort=average")).text()).not.toMatch(figure);
});

test("a result link opens its own candidate only; altered or foreign tokens open nothing", async () => {
  const [a, b] = facts.links;
  const anonymous = visitors.find((v) => v.name === "anonymous")!.ctx;
  const pageA = await anonymous.get(`/r/${a.token}`);
  expect(pageA.status()).toBe(200);
  const html = await pageA.text();
  expect(html).toContain(a.fullName);
  expect(html).not.toContain(b.fullName);
  // The same link with B's id wherever an id could ride along.
  for (const path of [`/r/${a.token}?candidate=${b.candidateId}`, `/r/${a.token}?candidateId=${b.candidateId}&id=${b.candidateId}`]) {
    const text = await (await anonymous.get(path)).text();
    expect(text).toContain(a.fullName);
    expect(text).not.toContain(b.fullName);
  }
  // One character changed: nothing, and the same page as any unknown token.
  const flipped = a.token.slice(0, -1) + (a.token.endsWith("A") ? "B" : "A");
  const altered = await anonymous.get(`/r/${flipped}`);
  expect(altered.status()).toBe(404);
  expect(await altered.text()).not.toContain(a.fullName);
  // The link is no key to anything else.
  const staff = await anonymous.get(`/candidates/${a.candidateId}`, { headers: { referer: `/r/${a.token}` } });
  expect(describeResponse(staff)).toBe("sign-in");
});

test("changing an id in a form never reaches another's course", async () => {
  // A faculty member importing marks into a course they do not teach: the handler refuses.
  const faculty = visitors.find((v) => v.name === "faculty")!;
  const res = await faculty.ctx.post("/api/imports/preview", {
    data: { kind: "marks", fileName: "x.csv", text: "candidate_number,assessment,score\nX,Y,1\n", mapping: {}, courseId: ids.course.other },
  });
  expect([403, 404]).toContain(res.status());
  expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
});

test("server actions refuse a foreign origin (and accept the same call from our own)", async ({ baseURL }) => {
  // The action's id from the build's manifest, as a browser would have it from our page.
  const manifest = JSON.parse(readFileSync(join(ROOT, process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === "createTaskAction")?.[0];
  expect(id, "createTaskAction in the server reference manifest").toBeTruthy();
  const admin = visitors.find((v) => v.name === "admin")!.ctx;
  const titled = async (title: string) => Number((await db.execute({ sql: "select count(*) from tasks where title = ?", args: [title] })).rows[0][0]);
  const call = (origin: string, title: string) =>
    admin.post("/tasks", {
      headers: { "Next-Action": id!, Origin: origin, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([null, { title, description: "", dueAt: "", status: "open" }]),
    });

  const foreign = await call("https://evil.example", "Planted by another site");
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(await titled("Planted by another site")).toBe(0);

  const own = await call(new URL(baseURL!).origin, "Made from our own origin");
  expect(own.status()).toBe(200);
  expect(await titled("Made from our own origin")).toBe(1);
});

test("security headers on pages, result pages and APIs", async () => {
  const anonymous = visitors.find((v) => v.name === "anonymous")!.ctx;
  const admin = visitors.find((v) => v.name === "admin")!.ctx;
  const nonces = new Set<string>();
  for (const [ctx, path] of [
    [anonymous, "/sign-in"],
    [admin, "/dashboard"],
    [admin, "/candidates"],
    [anonymous, `/r/${facts.links[0].token}`],
  ] as const) {
    const res = await ctx.get(path);
    const h = res.headers();
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["x-frame-options"], path).toBe("DENY");
    const csp = h["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${path}: script-src with a nonce`).toBeTruthy();
    nonces.add(nonce!);
    // Every script the page carries has that nonce (or the page has none).
    const html = await res.text();
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
    // Production: browsers are told to stay on HTTPS.
    expect(h["strict-transport-security"], path).toMatch(/max-age=\d{7,}/);
    if (path.startsWith("/r/")) {
      expect(h["referrer-policy"]).toBe("no-referrer");
      expect(h["cache-control"]).toContain("no-store");
      expect(h["x-robots-tag"]).toContain("noindex");
    } else {
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    }
  }
  // A fresh nonce per response.
  expect(nonces.size).toBe(4);
});
