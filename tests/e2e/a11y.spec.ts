// Accessibility: axe (WCAG 2.0/2.1 A and AA) on every page of every role, found from the
// code so a new page cannot be forgotten, with the dialogs and menus each page opens; the
// signed-out pages, the 404 page and the parents' result page; and the gradebook's keyboard
// and screen-reader contract. A page fails on any "serious" or "critical" violation.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { join, relative, sep } from "node:path";
import { createClient, type Client } from "@libsql/client";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { can, type Permission } from "@/lib/auth/permissions";
import { isPublicPath, permissionForPath } from "@/lib/auth/routes";
import { EMAIL_TEMPLATES, type Role } from "@/lib/constants";
import { renderEmail } from "@/lib/email/render";
import { TEMPLATES } from "@/lib/email/templates";
import { hashToken } from "@/lib/auth/tokens";
import { E2E } from "./fixtures/facts";
import { DEMO, authFile } from "./support/auth";
import { expect, test } from "./fixtures/test";
import { GradebookPage } from "./pages/gradebook";
import { runAxe, type Violation } from "./support/axe";

const ROOT = process.cwd();
const APP = join(ROOT, "app");
const ROLES: Role[] = ["admin", "faculty", "counsellor"];
const EMPTY_PORT = Number(process.env.E2E_PORT || 3100);
const DB_FILE = join(ROOT, "data", `e2e-seeded-${EMPTY_PORT + 1}.db`);

// ——— the pages, from the filesystem ———

type Found = { pattern: string; file: string; staff: boolean; demand: Permission | null };

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (entry === "page.tsx") out.push(p);
  }
  return out;
}

const PAGES: Found[] = walk(APP)
  .map((file) => {
    const parts = relative(APP, file).split(sep).slice(0, -1);
    if (parts.some((p) => p.startsWith("_"))) return null; // private folders are not routes
    const pattern = "/" + parts.filter((p) => !(p.startsWith("(") && p.endsWith(")"))).join("/");
    const demand = /requirePermission\("([a-z.-]+)"\)/.exec(readFileSync(file, "utf8"))?.[1] as Permission | undefined;
    return { pattern, file: relative(ROOT, file), staff: parts[0] === "(staff)", demand: demand ?? null };
  })
  .filter((p): p is Found => p !== null)
  .sort((a, b) => a.pattern.localeCompare(b.pattern));

/** May this role open the page: the proxy's segment table, then the page's own check. */
function opens(role: Role, p: Found): boolean {
  const segment = permissionForPath(p.pattern);
  return (!segment || can(role, segment)) && (!p.demand || can(role, p.demand));
}

// ——— real ids for the dynamic segments, looked up in the seeded database ———

type Ids = {
  course: number;
  session: number;
  candidate: number;
  lead: number;
  email: number;
  run: number;
  gradeCardRun: number;
  invite: string;
  reset: string;
  result: string;
};
let ids: Ids;
let db: Client;

async function one(sql: string, args: (string | number)[] = []): Promise<number> {
  const r = await db.execute({ sql, args });
  if (!r.rows[0]) throw new Error(`No row for: ${sql}`);
  return Number(r.rows[0][0]);
}

/** A concrete URL for a page pattern; an unknown segment fails loudly so it gets added here. */
function urlFor(pattern: string): string[] {
  const fill: Record<string, string[]> = {
    "courses/[id]": [String(ids.course)],
    "candidates/[id]": [String(ids.candidate)],
    "attendance/[sessionId]": [String(ids.session)],
    "leads/[id]": [String(ids.lead)],
    "outbox/[id]": [String(ids.email)],
    "reports/[id]": [String(ids.run)],
    "grade-cards/[runId]": [String(ids.gradeCardRun)],
    // Every template: each preview renders a different email.
    "emails/[template]": [...EMAIL_TEMPLATES],
    // A live link shows the form; a dead one the plain refusal. Both are pages people see.
    "invite/[token]": [ids.invite, "not-a-real-invitation-token-000000"],
    "reset-password/[token]": [ids.reset, "not-a-real-reset-token-0000000000"],
  };
  let urls = [pattern];
  for (const m of pattern.matchAll(/([^/]+)\/\[([^\]]+)\]/g)) {
    const key = m[0];
    if (!(key in fill)) throw new Error(`a11y.spec.ts does not know how to fill ${key} in ${pattern}: add it to urlFor().`);
    urls = urls.flatMap((u) => fill[key].map((v) => u.replace(key, `${m[1]}/${v}`)));
  }
  return urls;
}

// ——— axe ———

type Finding = { where: string; violations: Violation[] };

function describe(findings: Finding[]): string {
  return findings
    .map(({ where, violations }) =>
      [
        `${where}:`,
        ...violations.map((v) =>
          [
            `  ${v.id} (${v.impact}) — ${v.help}  ${v.helpUrl}`,
            ...v.nodes.slice(0, 8).map((n) => `    ${n.target.join(" ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`),
            ...(v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : []),
          ].join("\n"),
        ),
      ].join("\n"),
    )
    .join("\n");
}

// The serious violations of each message's HTML scanned on its own, by the HTML's hash.
const messageScans = new Map<string, Violation[]>();

// One spare page per context for a message's HTML on its own, reused for every message.
const scratch = new WeakMap<BrowserContext, Page>();
async function scratchPage(context: BrowserContext): Promise<Page> {
  let p = scratch.get(context);
  if (!p || p.isClosed()) {
    p = await context.newPage();
    scratch.set(context, p);
  }
  return p;
}

/**
 * Serious and critical violations on what the page shows now, or only within `within` (an
 * open dialog or menu: the page behind it was scanned a moment before and is inert now).
 */
async function scan(page: Page, where: string, within?: string): Promise<Finding[]> {
  // A message shown in a sandboxed iframe (the email previews and the outbox) gets no scripts,
  // so axe cannot run inside it: the page is scanned up to the frame (its title included),
  // and the message's own HTML on a page of its own below.
  const framed = page.locator(within ? `:is(${within}) iframe[srcdoc]` : "iframe[srcdoc]");
  const serious = (vs: Violation[]) => vs.filter((v) => v.impact === "serious" || v.impact === "critical");
  const violations = serious(await runAxe(page, within ? { include: within } : undefined));
  const found: Finding[] = violations.length ? [{ where, violations }] : [];
  for (const [i, html] of (await framed.evaluateAll((els) => els.map((e) => e.getAttribute("srcdoc") ?? ""))).entries()) {
    // The same message (each role previews the same six templates) is the same document on a
    // blank page: scanned once per worker, its result reused.
    const key = createHash("sha256").update(html).digest("hex");
    let inner = messageScans.get(key);
    if (!inner) {
      const alone = await scratchPage(page.context());
      await alone.setContent(html);
      inner = serious(await runAxe(alone));
      messageScans.set(key, inner);
    }
    if (inner.length) found.push({ where: `${where} › the message in iframe ${i + 1}`, violations: inner });
  }
  return found;
}

/** Finite CSS animations (a dialog opening, a chart drawing) have run to their end. */
async function animationsDone(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ).then(() => undefined),
  );
}

/**
 * What a user waits for: the page loaded, lazy parts (charts) in place of their skeletons, the
 * refresh a page makes on opening (marking its tasks seen) landed, fonts, no animation running.
 */
async function settle(page: Page) {
  await page.waitForLoadState("load");
  await expect(page.locator('[data-slot="skeleton"]')).toHaveCount(0);
  await expect(page.locator("[data-settling]")).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await animationsDone(page);
}

/**
 * Scans the page, then each dialog and menu it can open (one per distinct trigger, so a table
 * of rows does not open the same dialog fifty times). Nothing is submitted: each is closed
 * with Escape.
 */
async function scanWithPopups(page: Page, where: string): Promise<Finding[]> {
  await settle(page);
  const findings = await scan(page, where);
  const triggers = page.locator('main [aria-haspopup="dialog"]:visible, main [aria-haspopup="menu"]:visible');
  const seen = new Set<string>();
  const count = await triggers.count();
  for (let i = 0; i < count && seen.size < 6; i++) {
    const t = triggers.nth(i);
    if (await t.isDisabled()) continue;
    const name = ((await t.getAttribute("aria-label")) ?? (await t.innerText())).trim();
    // "Actions for Asha Rao" and "Actions for Ben Ode" open the same menu.
    const key = name.replace(/ (for|of|to|on) .*$/i, "").replace(/\d+/g, "#");
    if (seen.has(key)) continue;
    seen.add(key);
    await t.click();
    const POPUP = '[role="dialog"], [role="alertdialog"], [role="menu"]';
    const popup = page.locator(POPUP).last();
    await expect(popup, `${where}: "${name}" opens its ${(await t.getAttribute("aria-haspopup")) ?? "popup"}`).toBeVisible();
    await animationsDone(page); // the open animation, so contrast is measured at full opacity
    // What the popup adds, scanned on its own: the page behind it was scanned just above.
    findings.push(...(await scan(page, `${where} › "${name}"`, POPUP)));
    await page.keyboard.press("Escape");
    await expect(popup).toBeHidden();
  }
  return findings;
}

function expectClean(findings: Finding[]) {
  // The count, not the objects: the message lists what matters without axe's whole result.
  expect(findings.length, `Serious or critical accessibility violations:\n${describe(findings)}`).toBe(0);
}

// ——— sessions ———

// Each role signed in once, in the setup project (auth.setup.ts); each test gets its own
// context from that state, so a failing test never leaves a broken page behind for the next one.
const opened: BrowserContext[] = [];

async function pageAs(browser: Browser, baseURL: string, role: Role): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, storageState: authFile(role) });
  opened.push(ctx);
  return ctx.newPage();
}

test.describe.configure({ mode: "parallel" });

test.beforeAll(async () => {
  db = createClient({ url: `file:${DB_FILE}`, timeout: 5000 });
  const facultyId = await one("select id from users where email = ?", [DEMO.faculty]);
  const adminId = await one("select id from users where email = ?", [DEMO.admin]);
  // A demo course the faculty member teaches that has attendance sessions, and a candidate in it with marks.
  const course = await one(
    `select c.id from courses c join course_teachers t on t.course_id = c.id
     where t.user_id = ? and c.code <> ? and exists (select 1 from attendance_sessions s where s.course_id = c.id)
     order by c.id limit 1`,
    [facultyId, E2E.course.code],
  );
  const candidate = await one(
    `select e.candidate_id from enrolments e where e.course_id = ?
     and exists (select 1 from marks m where m.candidate_id = e.candidate_id) order by e.candidate_id limit 1`,
    [course],
  );
  // Links nobody else uses: an invitation and a reset for the admin (never redeemed), a result
  // link for the demo candidate, and a logged message to open in the outbox.
  const day = 86_400_000;
  const tokens = { invite: randomBytes(32).toString("base64url"), reset: randomBytes(32).toString("base64url"), result: randomBytes(32).toString("base64url") };
  const now = Date.now();
  await db.batch(
    [
      {
        sql: "insert into user_tokens (user_id, kind, token_hash, expires_at, created_at, updated_at) values (?, 'invite', ?, ?, ?, ?)",
        args: [adminId, hashToken(tokens.invite), now + day, now, now],
      },
      {
        sql: "insert into user_tokens (user_id, kind, token_hash, expires_at, created_at, updated_at) values (?, 'reset', ?, ?, ?, ?)",
        args: [adminId, hashToken(tokens.reset), now + day, now, now],
      },
      {
        sql: "insert into access_links (candidate_id, recipient, token_hash, expires_at, created_at, updated_at) values (?, 'a11y check', ?, ?, ?, ?)",
        args: [candidate, hashToken(tokens.result), now + day, now, now],
      },
    ],
    "write",
  );
  // The outbox shows a real message: the progress report as its template renders it.
  const report = await renderEmail("progress-report", TEMPLATES["progress-report"].component.PreviewProps);
  const email = await db.execute({
    sql: `insert into email_messages (\`to\`, template, subject, html, text, candidate_id, status, transport, sent_at, created_at, updated_at)
          values ('a11y@family.test', 'progress-report', ?, ?, ?, ?, 'sent', 'outbox', ?, ?, ?) returning id`,
    args: [report.subject, report.html, report.text, candidate, now, now, now],
  });
  // A report run of the faculty member's (so both they and the admin may open it) with one
  // recipient who has not opened their link: the run page shows its receipts and the resend.
  const run = await db.execute({
    sql: `insert into report_runs (scope, course_id, status, total, queued, created_by, finished_at, created_at, updated_at)
          values ('course', ?, 'done', 1, 1, ?, ?, ?, ?) returning id`,
    args: [course, facultyId, now, now, now],
  });
  const runId = Number(run.rows[0][0]);
  const runLink = await db.execute({
    sql: "insert into access_links (candidate_id, recipient, token_hash, expires_at, created_at, updated_at) values (?, 'a11y.run@family.test', ?, ?, ?, ?) returning id",
    args: [candidate, hashToken(randomBytes(32).toString("base64url")), now + day, now, now],
  });
  await db.execute({
    sql: `insert into email_messages (\`to\`, template, subject, html, text, candidate_id, status, transport, sent_at, run_id, access_link_id, dedupe_key, created_at, updated_at)
          values ('a11y.run@family.test', 'progress-report', ?, ?, ?, ?, 'sent', 'outbox', ?, ?, ?, ?, ?, ?)`,
    args: [report.subject, report.html, report.text, candidate, now, runId, Number(runLink.rows[0][0]), `a11y:run:${runId}`, now, now],
  });
  // A finished grade-card run of the faculty member's (admins see every run): one candidate, nothing to print.
  const cardRun = await db.execute({
    sql: `insert into grade_card_runs (scope, course_id, term_id, status, total, done, created_by, finished_at, created_at, updated_at)
          values ('course', ?, (select term_id from courses where id = ?), 'done', 1, 1, ?, ?, ?, ?) returning id`,
    args: [course, course, facultyId, now, now, now],
  });
  const gradeCardRun = Number(cardRun.rows[0][0]);
  await db.execute({
    sql: "insert into grade_card_files (run_id, candidate_id, file_name, size, pdf, created_at, updated_at) values (?, ?, '', 0, null, ?, ?)",
    args: [gradeCardRun, candidate, now, now],
  });
  ids = {
    gradeCardRun,
    course,
    run: runId,
    session: await one("select id from attendance_sessions where course_id = ? order by id limit 1", [course]),
    candidate,
    lead: await one("select lead_id from interactions where lead_id is not null group by lead_id order by count(*) desc, lead_id limit 1"),
    email: Number(email.rows[0][0]),
    ...tokens,
  };
});

test.afterEach(async () => {
  for (const ctx of opened.splice(0)) await ctx.close();
});

test.afterAll(() => {
  db?.close();
});

// ——— every staff page, for every role that may open it ———

for (const role of ROLES) {
  for (const p of PAGES.filter((p) => (p.staff || !isPublicPath(p.pattern)) && opens(role, p))) {
    test(`${role}: ${p.pattern}`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000); // a page with several urls (each email template) and its popups
      const page = await pageAs(browser, baseURL!, role);
      const findings: Finding[] = [];
      for (const url of urlFor(p.pattern)) {
        const res = await page.goto(url);
        expect(res?.status(), `${role} opens ${url}`).toBe(200);
        // (/forbidden is the refusal page itself; every other page must open.)
        if (p.pattern !== "/forbidden") await expect(page.getByTestId("forbidden")).toHaveCount(0);
        findings.push(...(await scanWithPopups(page, `${role} ${url}`)));
      }
      await page.close();
      expectClean(findings);
    });
  }
}

// ——— signed out ———

// /setup exists only before the first admin: first-run.spec.ts scans it, blank and with its
// errors, on the empty database's server before it creates that admin.
for (const p of PAGES.filter((p) => !p.staff && isPublicPath(p.pattern) && p.pattern !== "/setup")) {
  test(`signed out: ${p.pattern}`, async ({ page }) => {
    const findings: Finding[] = [];
    for (const url of urlFor(p.pattern)) {
      const res = await page.goto(url);
      expect(res?.status(), `signed out opens ${url}`).toBe(200);
      await expect(page).toHaveURL(new RegExp(url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "$"));
      findings.push(...(await scanWithPopups(page, `signed out ${url}`)));
    }
    expectClean(findings);
  });
}

test("signed out: a form with its errors shown (forgot password, empty)", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  expectClean(await scanWithPopups(page, "/forgot-password after an empty submit"));
});

test("the result page a parent opens, and the page an unusable link gets", async ({ page }) => {
  const findings: Finding[] = [];
  const res = await page.goto(`/r/${ids.result}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("result-candidate")).toBeVisible();
  findings.push(...(await scanWithPopups(page, "/r/<live token>")));
  const dead = await page.goto(`/r/${"x".repeat(43)}`);
  expect(dead?.status()).toBe(404);
  await expect(page.getByTestId("link-invalid")).toBeVisible();
  findings.push(...(await scanWithPopups(page, "/r/<unknown token>")));
  expectClean(findings);
});

test("the 404 page, signed in and signed out, and a record that does not exist", async ({ page, browser, baseURL }) => {
  const admin = await pageAs(browser, baseURL!, "admin");
  const findings: Finding[] = [];
  for (const [who, p, url] of [
    // Signed out, an unknown staff path goes to sign-in (the app does not say which paths
    // exist); an unknown path under a public one gets the 404 page.
    ["signed out", page, "/sign-in/no-such-page"],
    ["admin", admin, "/no-such-page"],
    ["admin", admin, "/candidates/99999999"],
  ] as const) {
    const res = await p.goto(url);
    expect(res?.status(), `${who} ${url}`).toBe(404);
    await expect(p.getByTestId("not-found")).toBeVisible();
    findings.push(...(await scanWithPopups(p, `${who} ${url}`)));
  }
  await admin.close();
  expectClean(findings);
});

// ——— the shell's own popups: search, the user menu and the narrow-screen navigation ———

test("the shell: global search (Ctrl+K) with results, and the mobile navigation", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, "admin");
  const findings: Finding[] = [];
  await page.goto("/dashboard");
  await settle(page);
  await page.keyboard.press("Control+k");
  const search = page.getByRole("dialog", { name: "Search" });
  await expect(search).toBeVisible();
  await page.keyboard.type("Wx");
  await expect(search.getByRole("option").first()).toBeVisible();
  findings.push(...(await scan(page, "global search with results")));
  await page.keyboard.press("Escape");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/candidates");
  await settle(page);
  findings.push(...(await scan(page, "/candidates at 390px")));
  await page.locator('header [aria-haspopup="dialog"]:visible').first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  // The browser asks for reduced motion (playwright.config.ts): the sheet slides in no time.
  expect(await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches)).toBe(true);
  expect(await page.getByRole("dialog").evaluate((e) => parseFloat(getComputedStyle(e).animationDuration))).toBeLessThan(0.001);
  await animationsDone(page);
  findings.push(...(await scan(page, "mobile navigation sheet")));
  await page.close();
  expectClean(findings);
});

// ——— a phone's width: nothing falls off the edge ———

test("at 390 px, nothing on the admin's everyday pages reaches past the screen's edge (tables scroll inside their cards)", async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL!, "admin");
  await page.setViewportSize({ width: 390, height: 844 });
  const past: string[] = [];
  for (const url of [
    "/academics",
    "/settings",
    "/attendance/detention",
    "/attendance/condonations",
    "/grade-cards",
    "/reports",
    `/reports/${ids.run}`,
    `/candidates/${ids.candidate}`,
  ]) {
    expect((await page.goto(url))?.status(), url).toBe(200);
    await settle(page);
    // Anything wider than the screen must sit inside something that scrolls or clips it sideways.
    const found = await page.evaluate(() => {
      const clipped = (e: Element) => {
        for (let a = e.parentElement; a && a.tagName !== "MAIN"; a = a.parentElement) {
          if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(a).overflowX)) return true;
        }
        return false;
      };
      return [...document.querySelectorAll("main *")]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.right > window.innerWidth + 1 && !clipped(e);
        })
        .slice(0, 3)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} "${(e.textContent ?? "").trim().slice(0, 40)}" ends at ${Math.round(e.getBoundingClientRect().right)} px`,
        );
    });
    past.push(...found.map((f) => `${url}: ${f}`));
  }
  await page.close();
  expect(past, past.join("\n")).toEqual([]);
});

// ——— the gradebook: names, structure, announcements and the keyboard ———

test("gradebook: every cell names its assessment and candidate, the grid states its size, saves are announced, and the keyboard alone enters marks", async ({
  browser,
  baseURL,
  ownCourse,
}) => {
  // A course of this test's own: three candidates, so the one in the middle has a row above and below.
  const course = await ownCourse(["A First", "B Middle", "C Last"]);
  const names = course.candidates.map((c) => c.fullName);
  const middle = names[1];
  const page = await pageAs(browser, baseURL!, "faculty");
  const gb = new GradebookPage(page);
  await gb.open(course.code);
  const grid = page.getByRole("grid", { name: new RegExp(`Gradebook for ${course.code}`) });
  await expect(grid).toBeVisible();

  // Structure: the size of the whole grid (rows and columns are virtualised), and headers.
  const rows = Number(await grid.getAttribute("aria-rowcount"));
  const cols = Number(await grid.getAttribute("aria-colcount"));
  const assessments = await grid.getByRole("columnheader").allInnerTexts();
  const headerNames = assessments.map((t) => t.split("\n")[0].trim());
  expect(headerNames[0]).toBe("Candidate");
  expect(headerNames.at(-1)).toBe("Result");
  expect(cols).toBe(headerNames.length); // all columns of the course fit, so all are rendered
  expect(rows).toBe(names.length + 2); // header + candidates + column statistics
  for (const r of await grid.getByRole("row").all()) {
    expect(Number(await r.getAttribute("aria-rowindex"))).toBeGreaterThan(0);
    for (const c of await r.locator('[role="gridcell"], [role="columnheader"], [role="rowheader"]').all()) {
      const ci = Number(await c.getAttribute("aria-colindex"));
      expect(ci, "every cell says which column it is in").toBeGreaterThan(0);
      expect(ci).toBeLessThanOrEqual(cols);
    }
  }
  await expect(grid.getByRole("rowheader", { name: new RegExp(middle) })).toBeVisible();

  // Every input names assessment, candidate and maximum.
  const inputs = grid.getByRole("textbox");
  const n = await inputs.count();
  expect(n).toBe(names.length * (headerNames.length - 2));
  const labels = await inputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).getAttribute("aria-label") ?? ""));
  for (const name of labels) {
    expect(name).toMatch(/^(.+) for (.+), out of \d+(\.\d+)?$/);
    const [, assessment, candidate] = /^(.+) for (.+), out of/.exec(name)!;
    expect(headerNames).toContain(assessment);
    expect(names).toContain(candidate);
  }
  expect(new Set(labels).size, "no two cells share a name").toBe(n);

  // A live region is there before anything is saved, so screen readers pick up what it says.
  const announcer = page.getByTestId("gradebook-announcer");
  await expect(announcer).toHaveAttribute("role", "status");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await expect(announcer).toBeEmpty();

  // Keyboard only: Tab from the last control before the grid lands on the first cell.
  await page.getByRole("link", { name: "Assessments & weights" }).focus();
  await page.keyboard.press("Tab");
  await expect(inputs.first()).toBeFocused();
  // Arrows move between cells; nothing typed, nothing saved.
  const quiz = gb.cell("Quiz", middle);
  const midterm = gb.cell("Midterm", middle);
  const [r, c] = (await quiz.getAttribute("data-cell"))!.split(":").map(Number);
  const at = (dr: number, dc: number) => grid.locator(`[data-cell="${r + dr}:${c + dc}"]`);
  await quiz.focus();
  await page.keyboard.press("ArrowRight");
  await expect(midterm).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(quiz).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(at(-1, 0)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(quiz).toBeFocused();
  // Type, Enter: saved, announced, and the focus goes down a row.
  await page.keyboard.type("14");
  await page.keyboard.press("Enter");
  await expect(at(1, 0)).toBeFocused();
  await expect(announcer).toHaveText(`Saved Quiz for ${middle}: 14`);
  await page.keyboard.press("ArrowUp");
  await expect(quiz).toBeFocused();
  await expect(quiz).toHaveValue("14");
  // Tab, a value above the maximum, Shift+Tab: refused, announced, and the text is kept.
  await page.keyboard.press("Tab");
  await expect(midterm).toBeFocused();
  await page.keyboard.type("99");
  await page.keyboard.press("Shift+Tab");
  await expect(quiz).toBeFocused();
  await expect(announcer).toHaveText(`Not saved: Midterm for ${middle}: Above the maximum of 50`);
  await expect(midterm).toHaveAttribute("aria-invalid", "true");
  await expect(midterm).toHaveValue("99");
  // Escape puts back what was saved (nothing): no mark is written there.
  await page.keyboard.press("ArrowRight");
  await expect(midterm).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(midterm).toHaveValue("");
  await expect(midterm).not.toHaveAttribute("aria-invalid", "true");

  // With a cell selected, the side panel's form is on the page: scan both.
  const findings = await scanWithPopups(page, "gradebook with a cell selected");
  await page.close();
  expectClean(findings);
});
