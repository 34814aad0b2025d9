// The server is killed (SIGKILL, the whole process group) while it commits a 100,000-row
// marks import. Afterwards the database must be whole, and the import all there or not at all.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "@libsql/client";
import {
  createCourseForRun,
  ensureBuild,
  freePort,
  removeDatabase,
  signIn,
  startSeededServer,
  startServer,
  waitGroupGone,
  type RunningServer,
} from "@/scripts/server-harness";

const ROOT = join(__dirname, "..", "..");
let server: RunningServer | null = null;
let dbPath = "";
let passed = false;

// What an import writes, directly or through the at-risk rules and the history.
const TOUCHED = ["marks", "mark_changes", "imports", "import_changes", "import_mappings", "course_results", "alerts", "tasks", "audit_events"];

async function tableHash(c: Client, table: string): Promise<string> {
  const rs = await c.execute(`select rowid, * from "${table}" order by rowid`);
  const h = createHash("sha256");
  for (const row of rs.rows) h.update(JSON.stringify(Array.from(row, (v) => (typeof v === "bigint" ? String(v) : v))) + "\n");
  return `${rs.rows.length}:${h.digest("hex")}`;
}

async function snapshot(c: Client) {
  const out: Record<string, string> = {};
  for (const t of TOUCHED) out[t] = await tableHash(c, t);
  return out;
}

const count = async (c: Client, sql: string, args: (number | string)[] = []) => Number((await c.execute({ sql, args })).rows[0][0]);

beforeAll(async () => {
  ensureBuild();
  const port = await freePort();
  dbPath = join(ROOT, "data", `slow-crash-${port}.db`);
  server = await startSeededServer({ port, dbPath });
  process.env.DATABASE_URL = `file:${dbPath}`;
});

afterAll(async () => {
  await server?.stop();
  const { client } = await import("@/db/client");
  client.close();
  // Kept for a look when the test failed.
  if (passed) removeDatabase(dbPath);
});

type Progress = { done: number; total: number };

/** POSTs the commit and reads its NDJSON progress; SIGKILLs the server group when `killWhen` says so. */
async function commitAndMaybeKill(s: RunningServer, cookie: string, body: string, killWhen: (p: Progress) => boolean) {
  const res = await fetch(`${s.base}/api/imports/commit`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body });
  expect(res.status).toBe(200);
  let killedAt: Progress | null = null;
  let finished: { ok: boolean; message?: string } | null = null;
  let buffer = "";
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += Buffer.from(chunk).toString();
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const msg = JSON.parse(buffer.slice(0, nl)) as Partial<Progress> & { ok?: boolean; message?: string };
        buffer = buffer.slice(nl + 1);
        if (msg.ok !== undefined) finished = { ok: msg.ok, message: msg.message };
        else if (!killedAt && !finished && msg.total && killWhen({ done: msg.done!, total: msg.total })) {
          killedAt = { done: msg.done!, total: msg.total };
          s.signal("SIGKILL");
        }
      }
    }
  } catch {
    // the connection dies with the server
  }
  if (killedAt) {
    await s.exited;
    await waitGroupGone(s.pid);
  }
  return { killedAt, finished };
}

async function assertWhole(path: string) {
  const c = createClient({ url: `file:${path}`, timeout: 5000 });
  try {
    expect((await c.execute("PRAGMA integrity_check")).rows.map((r) => r[0])).toEqual(["ok"]);
    expect((await c.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
  } finally {
    c.close();
  }
}

describe("a server killed during a 100,000-row marks import", () => {
  it("leaves a whole database with the import all there or not at all, and imports it whole after a restart", async () => {
    let s = server!;
    const port = Number(new URL(s.base).port);
    const { course, candidateIds, candidateNumbers, assessments } = await createCourseForRun({ code: "CRASH", candidates: 1000, assessments: 100 });
    const cookie = await signIn(s.base, "admin@markbook.test");

    const lines = ["Candidate number,Course code,Assessment,Score"];
    let k = 0;
    for (const n of candidateNumbers) for (const a of assessments) lines.push(`${n},${course.code},${a.name},${(k++ * 7) % (a.maxScore + 1)}`);
    expect(lines.length - 1).toBe(100_000);
    const body = JSON.stringify({
      kind: "marks",
      fileName: "crash.csv",
      text: lines.join("\n"),
      mapping: { candidateNumber: "Candidate number", courseCode: "Course code", assessment: "Assessment", score: "Score" },
      courseId: course.id,
    });
    const assessmentIds = assessments.map((a) => a.id).join(",");
    const state = async () => {
      const c = createClient({ url: `file:${dbPath}`, timeout: 5000 });
      try {
        return {
          marks: await count(c, `select count(*) from marks where assessment_id in (${assessmentIds})`),
          history: await count(c, `select count(*) from mark_changes where assessment_id in (${assessmentIds})`),
          imports: await count(c, "select count(*) from imports where file_name = 'crash.csv'"),
          tagged: await count(c, "select count(*) from mark_changes where import_id in (select id from imports where file_name = 'crash.csv')"),
          tables: await snapshot(c),
        };
      } finally {
        c.close();
      }
    };
    const NONE = { marks: 0, history: 0, imports: 0, tagged: 0 };
    const ALL = { marks: 100_000, history: 100_000, imports: 1, tagged: 100_000 };
    const before = await state();
    expect(before).toMatchObject(NONE);

    // 1. Killed while the marks go in: a fifth of the rows reported written.
    const first = await commitAndMaybeKill(s, cookie, body, (p) => p.done >= p.total / 5 && p.done < p.total);
    expect(first.finished, "the import ended before the kill; nothing was tested").toBeNull();
    console.log(`Killed with ${first.killedAt!.done.toLocaleString("en-IN")} of ${first.killedAt!.total.toLocaleString("en-IN")} marks reported written.`);
    await assertWhole(dbPath);
    const afterFirst = await state();
    expect(afterFirst).toMatchObject(NONE);
    // Not a trace: every table an import touches is as it was.
    expect(afterFirst.tables).toEqual(before.tables);

    // 2. Restarted on the same file, killed again once every mark is reported written
    //    (the history, the results and the at-risk rules are still to come).
    s = server = await startServer({ port, dbPath });
    const second = await commitAndMaybeKill(s, cookie, body, (p) => p.done === p.total);
    console.log(
      second.killedAt
        ? "Killed with every mark reported written, before the commit."
        : `Not killed: the import ended first (${JSON.stringify(second.finished)}).`,
    );
    await assertWhole(dbPath);
    const afterSecond = await state();
    if (second.killedAt && !second.finished) {
      expect(afterSecond).toMatchObject(NONE);
      expect(afterSecond.tables).toEqual(before.tables);
    } else {
      expect(afterSecond).toMatchObject(second.finished?.ok ? ALL : NONE);
    }

    // 3. Restarted once more: the same file now imports whole.
    if (!second.finished?.ok) {
      s = server = await startServer({ port, dbPath });
      const third = await commitAndMaybeKill(s, cookie, body, () => false);
      expect(third.finished).toMatchObject({ ok: true });
      await s.stop();
      server = null;
      await assertWhole(dbPath);
      expect(await state()).toMatchObject(ALL);
    }

    // And the database takes an ordinary write: a mark saved through the queries layer, read back.
    const { SYSTEM } = await import("@/lib/actor");
    const { saveMark } = await import("@/db/queries/marks");
    const { db } = await import("@/db/client");
    const { marks } = await import("@/db/schema");
    const { and, eq } = await import("drizzle-orm");
    const cell = and(eq(marks.assessmentId, assessments[0].id), eq(marks.candidateId, candidateIds[0]));
    const [current] = await db.select().from(marks).where(cell);
    const saved = await saveMark(SYSTEM, {
      assessmentId: assessments[0].id,
      candidateId: candidateIds[0],
      score: current?.score === 17 ? 18 : 17,
      status: "graded",
      expectedVersion: current?.version ?? null,
    });
    expect(saved.changed).toBe(true);
    const [row] = await db.select().from(marks).where(cell);
    expect(row.score).toBe(saved.mark.score);
    passed = true;
  });
});
