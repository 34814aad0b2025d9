// `npm run load -- [--duration 60] [--connections 50] [--url http://host:port --db data/markbook.db] [--json out.json]`
// Load on a production server: dashboards as each role, list pages with query strings,
// mark saves through the gradebook's server action, and result pages by link, side by side.
// Without --url it starts its own server (NEXT_DIST_DIR or .next, built when missing) on a
// fresh seeded database. Prints req/s and p50/p95/p99 per kind and overall; afterwards checks
// every acknowledged save is in the database exactly once. Exits non-zero on any error,
// any answer outside 2xx/3xx, any refused save, or a save count that does not add up.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { loadEnv } from "./load-env";
import {
  actionRequest,
  createCourseForRun,
  ensureBuild,
  findActionId,
  freePort,
  parseActionReply,
  removeDatabase,
  signIn,
  startSeededServer,
  type RunningServer,
} from "./server-harness";

loadEnv(false);
const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    url: { type: "string" },
    db: { type: "string" },
    port: { type: "string" },
    timeout: { type: "string", default: "20" },
    json: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
if (!(DURATION > 0) || !(CONNECTIONS >= 4)) {
  console.error("Usage: npm run load -- [--duration seconds] [--connections n ≥ 4] [--url http://host:port --db path/to/its.db] [--json file]");
  process.exit(2);
}

type Kind = "dashboard" | "list" | "save" | "result page";
const KINDS: Kind[] = ["dashboard", "list", "save", "result page"];
const SHARE: Record<Kind, number> = { dashboard: 0.3, list: 0.3, save: 0.2, "result page": 0.2 };
// Result-page links opened during the run.
const LINKS = 20;
const ASSESSMENTS = 50;

function split(total: number): Record<Kind, number> {
  const out = Object.fromEntries(KINDS.map((k) => [k, Math.max(1, Math.floor(total * SHARE[k]))])) as Record<Kind, number>;
  let left = total - KINDS.reduce((s, k) => s + out[k], 0);
  for (let i = 0; left > 0; i++, left--) out[KINDS[i % KINDS.length]] += 1;
  return out;
}

function pct(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

let server: RunningServer | null = null;

async function main(): Promise<number> {
  // ——— the server and its database ———
  let base: string;
  let dbUrl: string;
  if (values.url) {
    base = values.url.replace(/\/$/, "");
    dbUrl = values.db ? `file:${resolve(values.db)}` : (process.env.DATABASE_URL ?? "file:data/markbook.db");
    console.log(`Using the server at ${base}; its database: ${dbUrl}`);
  } else {
    ensureBuild();
    const port = values.port ? Number(values.port) : await freePort();
    const dbPath = resolve(values.db ?? join("data", `load-${port}.db`));
    server = await startSeededServer({ port, dbPath, log: console.log });
    base = server.base;
    dbUrl = `file:${dbPath}`;
  }
  process.env.DATABASE_URL = dbUrl;
  const { client, db } = await import("@/db/client");
  const schema = await import("@/db/schema");
  const { and, gt, inArray, sql } = await import("drizzle-orm");
  const { SYSTEM } = await import("@/lib/actor");
  const { issueAccessLink } = await import("@/db/queries/access-links");

  // ——— what the run works on ———
  const split_ = split(CONNECTIONS);
  // Every save writes a cell of its own: far more cells than the saves can reach.
  const capacity = Math.max(2000, split_.save * DURATION * 60);
  const code = `LOAD-${Date.now().toString(36).toUpperCase()}`;
  console.log(`Preparing course ${code} (${Math.ceil(capacity / ASSESSMENTS)} candidates × ${ASSESSMENTS} assessments) and ${LINKS} result links…`);
  const { course, candidateIds, assessments } = await createCourseForRun({ code, candidates: Math.ceil(capacity / ASSESSMENTS), assessments: ASSESSMENTS });
  const cells = candidateIds.length * assessments.length;
  const cellOf = (n: number) => ({ assessmentId: assessments[n % assessments.length].id, candidateId: candidateIds[Math.floor(n / assessments.length)] });
  const linkCandidates = await db
    .selectDistinct({ id: schema.enrolments.candidateId })
    .from(schema.enrolments)
    .where(sql`${schema.enrolments.courseId} != ${course.id}`)
    .limit(LINKS);
  const tokens: string[] = [];
  for (const c of linkCandidates)
    tokens.push((await db.transaction((tx) => issueAccessLink(tx, SYSTEM, { candidateId: c.id, recipient: "load@family.test" }))).token);

  const admin = await signIn(base, "admin@markbook.test");
  const faculty = await signIn(base, "faculty@markbook.test");
  const counsellor = await signIn(base, "counsellor@markbook.test");
  const saveId = await findActionId(base, `/courses/${course.id}/gradebook`, "saveMarkAction", faculty);
  const gradebookPath = `/courses/${course.id}/gradebook`;

  // A page can answer 200 and still be the error screen: count that as an error too.
  const ERROR_PAGE = "Something went wrong";
  const errorPages: string[] = [];
  const get = (path: string, cookie?: string) => ({
    method: "GET" as const,
    path,
    headers: (cookie ? { cookie } : {}) as Record<string, string>,
    onResponse: (status: number, body: string) => {
      if (status === 200 && body.includes(ERROR_PAGE)) errorPages.push(path);
    },
  });
  const requests: Record<Exclude<Kind, "save">, ReturnType<typeof get>[]> = {
    dashboard: [get("/dashboard", admin), get("/dashboard", faculty), get("/dashboard", counsellor)],
    list: [
      get("/candidates?q=an&sort=name&page=2", admin),
      get("/leads?status=new&sort=created&dir=desc", counsellor),
      get("/tasks?status=not_done&due=week", admin),
      get("/candidates?advisor=me", faculty),
      get("/tasks?owner=me&status=not_done", counsellor),
      get("/leads?q=a&page=1", admin),
    ],
    "result page": tokens.map((t) => get(`/r/${t}`)),
  };

  // Warm-up: every page once, so the first measured requests are not compiling anything.
  for (const list of Object.values(requests)) {
    for (const r of list) {
      const res = await fetch(base + r.path, { headers: r.headers, redirect: "manual" });
      const body = await res.text();
      if (res.status !== 200 || body.includes(ERROR_PAGE))
        throw new Error(`warm-up: ${r.path} answered ${res.status}${body.includes(ERROR_PAGE) ? " with the error screen" : ""}`);
    }
  }
  const [{ last }] = await db.select({ last: sql<number>`ifnull(max(${schema.markChanges.id}), 0)` }).from(schema.markChanges);

  // ——— the run ———
  let nextCell = 0;
  let exhausted = false;
  const sent = new Set<number>();
  const answered = new Set<number>();
  const acknowledged = new Set<number>();
  const refused: string[] = [];
  let refusedCount = 0;
  const latencies = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const badStatus: Record<Kind, number> = { dashboard: 0, list: 0, save: 0, "result page": 0 };
  const badSamples: string[] = [];

  const saveRequest = {
    method: "POST" as const,
    path: gradebookPath,
    setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
      const n = nextCell++;
      if (n >= cells) exhausted = true;
      context.cell = n;
      sent.add(n);
      const { headers, body } = actionRequest(base, saveId, faculty, [
        null,
        { ...cellOf(n % cells), score: String(n % 21), status: "graded", expectedVersion: "", reason: "" },
      ]);
      return { ...req, headers, body };
    },
    onResponse: (status: number, body: string, context: Record<string, unknown>) => {
      const n = context.cell as number;
      answered.add(n);
      const reply = status === 200 ? parseActionReply(body) : null;
      if (reply?.ok) acknowledged.add(n);
      else if (refusedCount++ < 5) refused.push(`cell ${n}: ${status} ${reply ? `${reply.code}: ${reply.message}` : body.slice(0, 200)}`);
    },
  };

  console.log(`Load: ${CONNECTIONS} connections for ${DURATION} s (${KINDS.map((k) => `${k} ${split_[k]}`).join(", ")}) against ${base}`);
  const started = performance.now();
  const runs = await Promise.all(
    KINDS.map(
      (kind) =>
        new Promise<autocannon.Result>((res, rej) => {
          const instance = autocannon(
            {
              url: base,
              connections: split_[kind],
              duration: DURATION,
              timeout: Number(values.timeout),
              requests: (kind === "save" ? [saveRequest] : requests[kind]) as autocannon.Request[],
            },
            (err, result) => (err ? rej(err) : res(result)),
          );
          instance.on("response", (_client, statusCode, _bytes, responseTime) => {
            latencies[kind].push(responseTime);
            if (statusCode < 200 || statusCode >= 400) {
              badStatus[kind] += 1;
              if (badSamples.length < 5) badSamples.push(`${kind}: ${statusCode}`);
            }
          });
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;

  // ——— the saves, counted in the database ———
  // Requests cut off by the end of the run may still have been saved: their replies were never read.
  await new Promise((r) => setTimeout(r, 2000));
  const inFlight = new Set([...sent].filter((n) => !answered.has(n)));
  const key = (a: number, c: number) => `${a}:${c}`;
  const cellByKey = new Map<string, number>();
  for (const n of sent) {
    const c = cellOf(n % cells);
    cellByKey.set(key(c.assessmentId, c.candidateId), n);
  }
  const rows = await db
    .select({ a: schema.markChanges.assessmentId, c: schema.markChanges.candidateId })
    .from(schema.markChanges)
    .where(
      and(
        gt(schema.markChanges.id, last),
        inArray(
          schema.markChanges.assessmentId,
          assessments.map((a) => a.id),
        ),
      ),
    );
  const savedCells = rows.map((r) => cellByKey.get(key(r.a, r.c)) ?? -1);
  const savedSet = new Set(savedCells);
  const duplicates = savedCells.length - savedSet.size;
  const unknown = savedCells.filter((n) => n < 0).length;
  const missing = [...acknowledged].filter((n) => !savedSet.has(n));
  const savedUnacknowledged = [...savedSet].filter((n) => n >= 0 && !acknowledged.has(n));
  const savedInFlight = savedUnacknowledged.filter((n) => inFlight.has(n));
  const savedOtherwise = savedUnacknowledged.length - savedInFlight.length;
  const [{ marksNow }] = await db
    .select({ marksNow: sql<number>`count(*)` })
    .from(schema.marks)
    .where(
      inArray(
        schema.marks.assessmentId,
        assessments.map((a) => a.id),
      ),
    );

  // ——— report ———
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : "–");
  const row = (name: string, lat: number[], errors: number, bad: number) => {
    const s = [...lat].sort((a, b) => a - b);
    return {
      kind: name,
      requests: lat.length,
      "req/s": fmt(lat.length / seconds),
      "p50 ms": fmt(pct(s, 50)),
      "p95 ms": fmt(pct(s, 95)),
      "p99 ms": fmt(pct(s, 99)),
      "max ms": fmt(s.at(-1) ?? NaN),
      errors,
      "not 2xx/3xx": bad,
    };
  };
  const errorsOf = (i: number) => runs[i].errors + runs[i].timeouts;
  const table = KINDS.map((k, i) => row(k, latencies[k], errorsOf(i), badStatus[k]));
  const totalErrors = KINDS.reduce((s, _k, i) => s + errorsOf(i), 0);
  const totalBad = KINDS.reduce((s, k) => s + badStatus[k], 0);
  table.push(
    row(
      "overall",
      KINDS.flatMap((k) => latencies[k]),
      totalErrors,
      totalBad,
    ),
  );
  console.table(table);
  const savesAddUp =
    missing.length === 0 &&
    duplicates === 0 &&
    unknown === 0 &&
    savedOtherwise === 0 &&
    savedSet.size - savedInFlight.length === acknowledged.size &&
    Number(marksNow) === savedSet.size;
  console.log(
    `Mark saves: ${acknowledged.size} acknowledged; ${savedSet.size - savedInFlight.length} of them in the database` +
      (savedInFlight.length ? ` (plus ${savedInFlight.length} of the ${inFlight.size} still in flight when the clock stopped, their replies unread)` : "") +
      `; ${refusedCount} refused; ${duplicates} saved twice; ${missing.length} acknowledged but missing.`,
  );
  const failures: string[] = [];
  if (totalErrors) failures.push(`${totalErrors} connection errors or timeouts`);
  if (totalBad) failures.push(`${totalBad} answers outside 2xx/3xx (${badSamples.join(", ")})`);
  if (errorPages.length) failures.push(`${errorPages.length} pages showed the error screen (${[...new Set(errorPages)].slice(0, 5).join(", ")})`);
  if (refusedCount) failures.push(`${refusedCount} saves refused (${refused.join("; ")})`);
  if (!savesAddUp)
    failures.push(
      `saved marks do not add up (acknowledged ${acknowledged.size}, saved ${savedSet.size}, in flight ${inFlight.size}, missing ${missing.length}, duplicates ${duplicates}, unexplained ${savedOtherwise + unknown}, marks ${marksNow})`,
    );
  if (exhausted) failures.push("the run used up its cells; raise the course size");
  if (failures.length) console.error("FAILED:\n  " + failures.join("\n  "));
  else console.log("OK: no errors, every answer 2xx/3xx (no error screens), saved = acknowledged.");

  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        {
          base,
          duration: DURATION,
          connections: CONNECTIONS,
          seconds,
          kinds: table,
          errors: totalErrors,
          badStatus: totalBad,
          errorPages: errorPages.length,
          saves: {
            acknowledged: acknowledged.size,
            saved: savedSet.size - savedInFlight.length,
            savedInFlight: savedInFlight.length,
            inFlight: inFlight.size,
            refused: refusedCount,
            duplicates,
            missing: missing.length,
          },
          failures,
        },
        null,
        2,
      ),
    );
  }
  client.close();
  return failures.length ? 1 : 0;
}

main()
  .catch((e) => {
    console.error(e);
    if (server) console.error(server.stderr());
    return 1;
  })
  .then(async (code) => {
    if (server) {
      await server.stop();
      if (!values.keep && !values.db) removeDatabase(server.dbPath);
    }
    process.exit(code);
  });
